using System.Text.RegularExpressions;

namespace Kabar.Cleaning;

/// <summary>
/// The characters a match of a line-anchored cleaning pattern can begin with, read from the pattern's text. A line that starts
/// with none of them is not tried against the pattern: most lines are paragraphs that no furniture rule matches, and each try costs
/// a regex call (its runner, its time-out clock) whether it fails at the first character or not.
/// </summary>
/// <remarks>Only a simple, common shape is read: <c>^</c>, then a literal, an escaped literal, <c>\d</c>, or a group of
/// alternatives that each begin so (<c>^(Baca|Lihat|Simak)\s+</c>). Anything else (a dot, a class, an optional first item, a
/// top-level alternation) gives <see cref="Any"/>, so a rule the reader does not understand is always tried. Letters count in
/// both cases whatever the pattern's options; a line that starts with a character outside ASCII is tried against every rule,
/// because case-insensitive matching has non-ASCII equivalents (the Kelvin sign for <c>k</c>).</remarks>
internal readonly struct LeadingCharacters
{
    /// <summary>ASCII characters, lower-cased, as two 64-bit masks.</summary>
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly bool _any;

    private LeadingCharacters(ulong low, ulong high, bool any)
    {
        _low = low;
        _high = high;
        _any = any;
    }

    /// <summary>Every line may match.</summary>
    public static LeadingCharacters Any { get; } = new(0, 0, any: true);

    /// <summary>False only when no match of the pattern can begin with <paramref name="c"/>.</summary>
    public bool MayStartWith(char c)
    {
        if (_any || c >= 128)
        {
            return true;
        }
        c = char.ToLowerInvariant(c);
        return c < 64 ? (_low & (1UL << c)) != 0 : (_high & (1UL << (c - 64))) != 0;
    }

    /// <summary>Reads the pattern; <see cref="Any"/> when its shape is not the simple one.</summary>
    public static LeadingCharacters Of(Regex regex)
    {
        if ((regex.Options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.Multiline | RegexOptions.RightToLeft)) != 0)
        {
            return Any;
        }
        var pattern = regex.ToString();
        var p = 0;
        // Leading case switches, "(?-i)" or "(?i)": both cases are counted anyway.
        while (p + 1 < pattern.Length && pattern[p] == '(' && pattern[p + 1] == '?')
        {
            var close = pattern.IndexOf(')', p);
            if (close < p + 3 || pattern.AsSpan(p + 2, close - p - 2).ContainsAnyExcept('i', '-'))
            {
                return Any;
            }
            p = close + 1;
        }
        // "^a|b" matches "b" anywhere: a top-level alternation makes the anchor cover only its first branch.
        if (p >= pattern.Length || pattern[p] != '^' || NextBranchEnd(pattern, 0) < pattern.Length)
        {
            return Any;
        }
        p++;
        ulong low = 0, high = 0;
        return TryFirst(pattern, ref p, ref low, ref high) && !IsOptional(pattern, p) ? new LeadingCharacters(low, high, any: false) : Any;
    }

    /// <summary>Adds the characters the item at <paramref name="p"/> can begin with and moves past it; false when it cannot tell.</summary>
    private static bool TryFirst(string pattern, ref int p, ref ulong low, ref ulong high)
    {
        if (p >= pattern.Length)
        {
            return false;
        }
        var c = pattern[p];
        switch (c)
        {
            case '(':
                var q = p + 1;
                if (q < pattern.Length && pattern[q] == '?')
                {
                    if (q + 1 >= pattern.Length || pattern[q + 1] != ':')
                    {
                        return false; // a look-around, a named group, options: not read
                    }
                    q += 2;
                }
                while (true)
                {
                    var item = q;
                    if (!TryFirst(pattern, ref item, ref low, ref high) || IsOptional(pattern, item))
                    {
                        return false;
                    }
                    q = NextBranchEnd(pattern, item);
                    if (q >= pattern.Length)
                    {
                        return false;
                    }
                    if (pattern[q] == ')')
                    {
                        p = q + 1;
                        return true;
                    }
                    q++; // past '|', to the next alternative
                }
            case '\\':
                if (p + 1 >= pattern.Length)
                {
                    return false;
                }
                var escaped = pattern[p + 1];
                if (escaped == 'd')
                {
                    for (var digit = '0'; digit <= '9'; digit++)
                    {
                        Add(digit, ref low, ref high);
                    }
                }
                else if (char.IsLetterOrDigit(escaped) || escaped >= 128)
                {
                    return false; // \s, \w, \b, \p{…}, back-references, \u0041…
                }
                else
                {
                    Add(escaped, ref low, ref high); // \( \[ \. \-
                }
                p += 2;
                return true;
            case '[' or '.' or '$' or '|' or ')' or '^' or '*' or '+' or '?' or '{':
                return false;
            default:
                if (c >= 128)
                {
                    return false;
                }
                Add(c, ref low, ref high);
                p++;
                return true;
        }
    }

    /// <summary>True when a quantifier that allows zero follows (<c>?</c>, <c>*</c>, <c>{0,…}</c>): the item may be absent.</summary>
    private static bool IsOptional(string pattern, int p) =>
        p < pattern.Length && (pattern[p] is '?' or '*' || (pattern[p] == '{' && p + 1 < pattern.Length && pattern[p + 1] is '0' or ','));

    /// <summary>The index of the first '|' or ')' at the depth of <paramref name="p"/>, skipping escapes, classes and nested groups;
    /// the pattern's length when there is none.</summary>
    private static int NextBranchEnd(string pattern, int p)
    {
        var depth = 0;
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '\\':
                    p += 2;
                    continue;
                case '[':
                    p++;
                    if (p < pattern.Length && pattern[p] == '^')
                    {
                        p++;
                    }
                    if (p < pattern.Length && pattern[p] == ']')
                    {
                        p++; // a ']' first in a class is a member
                    }
                    while (p < pattern.Length && pattern[p] != ']')
                    {
                        p += pattern[p] == '\\' ? 2 : 1;
                    }
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (depth == 0)
                    {
                        return p;
                    }
                    depth--;
                    break;
                case '|' when depth == 0:
                    return p;
            }
            p++;
        }
        return pattern.Length;
    }

    private static void Add(char c, ref ulong low, ref ulong high)
    {
        var lower = char.ToLowerInvariant(c);
        if (lower < 64)
        {
            low |= 1UL << lower;
        }
        else
        {
            high |= 1UL << (lower - 64);
        }
    }
}
