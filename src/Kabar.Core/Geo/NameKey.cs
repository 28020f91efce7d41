using System.Globalization;
using System.Text;

namespace Kabar.Geo;

/// <summary>Normalises place names for lookup and hashes them: lower case, no diacritics, hyphens as spaces.</summary>
public static class NameKey
{
    /// <summary>The normalised form (<c>Nagorno-Karabakh</c> → <c>nagorno karabakh</c>, <c>Bogotá</c> → <c>bogota</c>).</summary>
    public static string Normalise(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '\u02BC' or '.')
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '-' or '\u2010' or '\u2011' or '\u2013' or ',')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary><c>Hash(Normalise(name))</c> and the normalised length, without building the normalised string when the name is
    /// plain ASCII (which has nothing to decompose): the entity stage asks the gazetteer about many capitalised words.</summary>
    internal static ulong HashOf(ReadOnlySpan<char> name, out int length)
    {
        foreach (var ch in name)
        {
            if (ch >= 128)
            {
                var key = Normalise(name.ToString());
                length = key.Length;
                return Hash(key);
            }
        }
        var hash = OffsetBasis;
        length = 0;
        var space = false;
        foreach (var c in name)
        {
            if (c is '\'' or '.')
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '-' or ',')
            {
                space = length > 0;
                continue;
            }
            if (space)
            {
                hash = (hash ^ ' ') * Prime;
                length++;
                space = false;
            }
            hash = (hash ^ char.ToLowerInvariant(c)) * Prime;
            length++;
        }
        return hash;
    }

    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>64-bit FNV-1a hash of the normalised form; stable across runs and machines.</summary>
    public static ulong Hash(string normalised)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in normalised)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
