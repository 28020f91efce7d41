using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Kabar.Model;

/// <summary>Entity types, as spaCy and OntoNotes name them.</summary>
public enum EntityType
{
    /// <summary>A person.</summary>
    PERSON,
    /// <summary>An organisation, or a country's institution named by its role (<c>pasukan penjaga perdamaian Rusia</c>).</summary>
    ORG,
    /// <summary>A geopolitical entity: country, province, city as a political unit.</summary>
    GPE,
    /// <summary>A location that is not a political unit: region, corridor, river, border.</summary>
    LOC,
    /// <summary>Nationalities, ethnic, religious and political groups.</summary>
    NORP,
    /// <summary>A date expression.</summary>
    DATE,
    /// <summary>A clock time.</summary>
    TIME,
    /// <summary>A counted amount.</summary>
    QUANTITY,
}

/// <summary>How an entity is mentioned.</summary>
public enum MentionKind
{
    /// <summary>A name (<c>Ilham Aliyev</c>, <c>Rusia</c>), or a value (date, quantity).</summary>
    Name,
    /// <summary>A role phrase standing for an actor (<c>unit militer Azerbaijan</c>, <c>warga sipil</c>).</summary>
    Nominal,
    /// <summary>A pronoun or anaphor (<c>ia</c>, <c>negara itu</c>, <c>mereka</c>) resolved to an earlier mention.</summary>
    Pronoun,
}

/// <summary>An entity mention with whatever the pipeline resolved it to.</summary>
/// <param name="Start">First character.</param>
/// <param name="End">One past the last character.</param>
/// <param name="Text">Text as written.</param>
/// <param name="Type">Entity type.</param>
/// <param name="Sentence">Sentence index.</param>
public sealed record Entity(int Start, int End, string Text, EntityType Type, int Sentence)
{
    /// <summary>CAMEO actor the mention stands for, if any.</summary>
    public Actor? Actor { get; init; }

    /// <summary>Gazetteer place, for GPE/LOC mentions that were geocoded.</summary>
    public Place? Place { get; init; }

    /// <summary>Normalised value of a DATE/TIME mention.</summary>
    public TimeValue? Time { get; init; }

    /// <summary>Normalised amount of a QUANTITY mention.</summary>
    public QuantityValue? Quantity { get; init; }

    /// <summary>The dictionary entry or pattern that produced the mention (explainability).</summary>
    public string Rule { get; init; } = "";

    /// <summary>Name, nominal actor phrase, pronoun or value; pronouns are kept for events but not reported as entities.</summary>
    public MentionKind Mention { get; init; }

    /// <summary>True for a place name standing for its government or people (<c>Iran mengklaim</c>, <c>serangan Israel</c>) rather than
    /// naming a place; such names are actors, reported among the mentions (see <see cref="Entities.PlaceSense"/>).</summary>
    public bool Metonym { get; init; }

    /// <summary>Index (in <see cref="Document.Entities"/>) of the earlier mention this one refers to, for coreference.</summary>
    public int? Antecedent { get; init; }

    /// <summary>Length in characters.</summary>
    public int Length => End - Start;

    /// <summary>True when this mention's span overlaps the other's.</summary>
    public bool Overlaps(Entity other) => Start < other.End && other.Start < End;

    /// <summary>True when this mention's span lies within [start, end).</summary>
    public bool Within(int start, int end) => Start >= start && End <= end;
}

/// <summary>A CAMEO-style actor: a country and roles, or an international body.</summary>
/// <param name="Code">Full code, e.g. <c>AZEMIL</c>, <c>USAGOV</c>, <c>IGOUNO</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-3 country, or null for bodies without one.</param>
/// <param name="Roles">Role codes after the country (<c>GOV</c>, <c>MIL</c>…).</param>
/// <param name="Name">Canonical name (<c>Ilham Aliyev</c> for a later <c>Aliyev</c>).</param>
public sealed record Actor(string Code, string? Country, ImmutableArray<string> Roles, string Name)
{
    /// <summary>Builds an actor from a code such as <c>AZEMIL</c> or <c>IGOUNOWHO</c>.</summary>
    public static Actor FromCode(string code, string name, Func<string, bool> isCountry)
    {
        code = code.Trim().ToUpperInvariant();
        string? country = null;
        if (code.Length >= 3)
        {
            var head = code[..3];
            country = isCountry(head) ? head : null;
        }
        var start = country is null ? 0 : 3;
        if (code.Length - start < 3)
        {
            return new Actor(code, country, [], name);
        }
        // The roles array is filled in place and wrapped, not built through an ImmutableArray builder (actors are made per mention).
        var roles = new string[(code.Length - start) / 3];
        for (var k = 0; k < roles.Length; k++)
        {
            roles[k] = code.Substring(start + 3 * k, 3);
        }
        return new Actor(code, country, ImmutableCollectionsMarshal.AsImmutableArray(roles), name);
    }

    /// <summary>The same actor with a role added after the country (<c>AZE</c> + <c>MIL</c> = <c>AZEMIL</c>).</summary>
    public Actor WithRole(string role)
    {
        if (string.IsNullOrEmpty(role) || Roles.Contains(role))
        {
            return this;
        }
        return this with { Code = Code + role, Roles = Roles.Add(role) };
    }

    /// <summary>True when the code has a role.</summary>
    public bool HasRole => !Roles.IsEmpty;

    /// <summary>The same actor placed in <paramref name="country"/>: the country before its roles, without the unknown-country
    /// placeholder (<c>---GOV</c> in Azerbaijan is <c>AZEGOV</c>).</summary>
    public Actor InCountry(string country)
    {
        // A loop: most actors have one role, which is then the string itself.
        var roles = "";
        foreach (var role in Roles)
        {
            if (role != "---")
            {
                roles = roles.Length == 0 ? role : roles + role;
            }
        }
        return this with { Code = country + roles, Country = country };
    }
}

/// <summary>A place resolved in the gazetteer.</summary>
/// <param name="Name">Gazetteer name.</param>
/// <param name="Country">ISO 3166-1 alpha-3 country.</param>
/// <param name="Lat">Latitude.</param>
/// <param name="Lon">Longitude.</param>
/// <param name="GazetteerId">Identifier: <c>geonames:587084</c>, <c>kabar:id/nagorno-karabakh</c>, <c>country:AZE</c>.</param>
/// <param name="Feature">Feature kind: <c>country</c>, <c>admin1</c>, <c>city</c>, <c>region</c>, <c>corridor</c>…</param>
public sealed record Place(string Name, string? Country, double Lat, double Lon, string GazetteerId, string Feature);

/// <summary>A normalised date or time (TIMEX3-like).</summary>
/// <param name="Value">TIMEX3-like value (<c>2023-09-20</c>, <c>2022-12</c>, <c>2023-W38</c>, <c>--09-20</c>, <c>P3D</c>), or null when it cannot be resolved.</param>
/// <param name="Precision"><c>day</c>, <c>month</c>, <c>year</c>, <c>week</c>, <c>minute</c>, <c>range</c>, <c>duration</c>, <c>part_of_day</c>.</param>
/// <param name="Mod">Modifier: <c>since</c>, <c>until</c>, <c>start</c>, <c>mid</c>, <c>end</c>, or null.</param>
/// <param name="Relative">True when the value was computed from the anchor date (<c>kemarin</c>).</param>
/// <param name="Future">True when the expression points after the anchor (<c>besok</c>, <c>next week</c>).</param>
public sealed record TimeValue(string? Value, string Precision, string? Mod = null, bool Relative = false, bool Future = false);

/// <summary>A normalised amount.</summary>
/// <param name="Value">The number.</param>
/// <param name="Qualifier"><c>exact</c>, <c>more_than</c>, <c>less_than</c>, <c>about</c>, <c>almost</c>, <c>at_least</c>, <c>at_most</c>, <c>up_to</c>.</param>
/// <param name="Of">The counted noun as written (<c>warga sipil</c>), or null.</param>
/// <param name="Class">Its English class (<c>civilians</c>), or null.</param>
/// <param name="Outcome"><c>killed</c>, <c>wounded</c>, <c>evacuated</c>, <c>arrested</c>… when the sentence says so.</param>
/// <param name="Unit">Currency (<c>IDR</c>, <c>USD</c>) or <c>%</c>, when it is money or a share.</param>
/// <param name="Role">The CAMEO role of the people counted (<c>CVL</c> for <c>ribuan orang</c>), when the noun implies one.</param>
public sealed record QuantityValue(double Value, string Qualifier, string? Of, string? Class, string? Outcome = null, string? Unit = null,
    string? Role = null);
