namespace Kabar.Model;

/// <summary>Which publication dates are believable.</summary>
public static class PublicationDate
{
    /// <summary>Earliest year accepted as a publication date.</summary>
    public const int MinYear = 1900;

    /// <summary>Latest year accepted as a publication date.</summary>
    public const int MaxYear = 2200;

    /// <summary>False for placeholder dates such as <c>0001-01-01</c> (a CMS's empty value written into JSON-LD) or a
    /// far-future year: they would anchor relative dates ("Selasa lalu") to nonsense, and arithmetic near
    /// <see cref="DateOnly.MinValue"/> overflows.</summary>
    public static bool IsPlausible(DateOnly date) => date.Year is >= MinYear and <= MaxYear;

    /// <summary>The date when it is plausible, otherwise null (treated as unknown).</summary>
    public static DateOnly? OrNull(DateOnly? date) => date is { } d && IsPlausible(d) ? d : null;
}
