using System.Buffers;
using System.Text.RegularExpressions;

namespace Kabar.Cleaning;

/// <summary>
/// The characters a whole-line match of a cleaning pattern can begin and end with, and how many non-space characters it can hold,
/// read from the pattern's text (the count by <see cref="PatternLength"/>). A line that starts or ends with another character, or
/// holds more, is not tried against the pattern: most lines are paragraphs that no furniture rule matches, and each
/// try costs a regex call (its runner, its time-out clock), or hundreds of steps for a pattern like <c>^.{0,300}\(…\)$</c>.
/// </summary>
/// <remarks>Only simple, common shapes are read. The start: <c>^</c>, then literals, escaped literals, <c>\d</c>, or groups of
/// alternatives that each begin so, optional ones followed by what comes next (<c>^\(?(Foto|Photo)</c>). The end: one literal or
/// escaped literal right before <c>$</c> (<c>\)$</c>). Anything else (a dot, a class, a top-level alternation, an optional last
/// item) reads as any character, so a rule the reader does not understand is always tried. Letters count in both cases whatever
/// the pattern's options; a line that starts or ends with a character outside ASCII is tried against every rule, because
/// case-insensitive matching has non-ASCII equivalents (the Kelvin sign for <c>k</c>).</remarks>
internal readonly struct LineEdges
{
    /// <summary>ASCII characters, lower-cased, as two 64-bit masks.</summary>
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly bool _anyStart;

    /// <summary>The lower-cased ASCII character every match ends with, or none when that is not known.</summary>
    private readonly char? _last;

    /// <summary>The most non-space characters a match can cover; <see cref="int.MaxValue"/> when not known.</summary>
    private readonly int _maxNonSpace;

    private LineEdges(ulong low, ulong high, bool anyStart, char? last, int maxNonSpace = int.MaxValue)
    {
        _low = low;
        _high = high;
        _anyStart = anyStart;
        _maxNonSpace = maxNonSpace;
        _last = last;
    }

    /// <summary>False only when no whole-line match of the pattern can be <paramref name="line"/> (not empty, trimmed).</summary>
    public bool MayMatch(ReadOnlySpan<char> line) => MayMatch(line, NonSpaceLength(line));

    /// <summary><see cref="MayMatch(ReadOnlySpan{char})"/> with the line's <see cref="NonSpaceLength"/> counted once for all the
    /// rules.</summary>
    public bool MayMatch(ReadOnlySpan<char> line, int nonSpaceLength) =>
        nonSpaceLength <= _maxNonSpace && MayStartWith(line[0]) && MayEndWith(line[^1]);

    /// <summary>White space other than the plain space, which lines seldom hold.</summary>
    private static readonly SearchValues<char> OtherWhiteSpace =
        SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => c != ' ' && char.IsWhiteSpace(c))]);

    /// <summary>The characters of <paramref name="line"/> that are not white space (as <c>\s</c> in a pattern means it).</summary>
    public static int NonSpaceLength(ReadOnlySpan<char> line)
    {
        if (line.IndexOfAny(OtherWhiteSpace) < 0)
        {
            return line.Length - line.Count(' '); // two vectorised scans, for the usual line
        }
        var count = 0;
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>False only when no match of the pattern can end with <paramref name="c"/>.</summary>
    public bool MayEndWith(char c) => _last is not { } last || c >= 128 || char.ToLowerInvariant(c) == last;

    /// <summary>False only when no match of the pattern can begin with <paramref name="c"/>.</summary>
    public bool MayStartWith(char c)
    {
        if (_anyStart || c >= 128)
        {
            return true;
        }
        c = char.ToLowerInvariant(c);
        return c < 64 ? (_low & (1UL << c)) != 0 : (_high & (1UL << (c - 64))) != 0;
    }

    /// <summary>Reads the pattern; any character at either edge it cannot read.</summary>
    public static LineEdges Of(Regex regex)
    {
        if ((regex.Options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.Multiline | RegexOptions.RightToLeft)) != 0)
        {
            return new LineEdges(0, 0, anyStart: true, last: null);
        }
        var pattern = regex.ToString();
        // The count holds whatever the shape; an inline "x" option (below) is syntax the count's reader does not read either.
        var maxNonSpace = PatternLength.MaxNonSpace(pattern) ?? int.MaxValue;
        // "^a|b" matches "b" anywhere, "a|b$" matches "a" anywhere: a top-level alternation makes an anchor cover one branch only.
        // An inline "x" option makes spaces and "#" comments in the pattern mean nothing, so its characters are not what they look.
        if (NextBranchEnd(pattern, 0) < pattern.Length || HasInlineX(pattern))
        {
            return new LineEdges(0, 0, anyStart: true, last: null, maxNonSpace);
        }
        var last = LastCharacter(pattern);
        return TryLeading(pattern, out var low, out var high)
            ? new LineEdges(low, high, anyStart: false, last, maxNonSpace)
            : new LineEdges(0, 0, anyStart: true, last, maxNonSpace);
    }

    /// <summary>True when an inline options group (<c>(?x)</c>, <c>(?ix:</c>…) turns on pattern whitespace.</summary>
    internal static bool HasInlineX(string pattern)
    {
        for (var p = pattern.IndexOf("(?", StringComparison.Ordinal); p >= 0; p = pattern.IndexOf("(?", p + 2, StringComparison.Ordinal))
        {
            for (var q = p + 2; q < pattern.Length && (char.IsAsciiLetter(pattern[q]) || pattern[q] == '-'); q++)
            {
                if (pattern[q] == 'x')
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The literal right before the closing <c>$</c>, lower-cased; null for anything else.</summary>
    private static char? LastCharacter(string pattern)
    {
        var n = pattern.Length;
        if (n < 3 || pattern[n - 1] != '$' || IsEscaped(pattern, n - 1))
        {
            return null;
        }
        var c = pattern[n - 2];
        if (c >= 128 || (IsEscaped(pattern, n - 2) ? char.IsLetterOrDigit(c) : c is '(' or ')' or '[' or ']' or '{' or '}' or '.' or '?' or '*' or '+' or '|' or '^' or '$' or '\\'))
        {
            return null; // \b, \d, a group, a class, a quantifier: not one known character
        }
        return char.ToLowerInvariant(c);
    }

    /// <summary>True when an odd number of backslashes stands right before <paramref name="index"/>.</summary>
    private static bool IsEscaped(string pattern, int index)
    {
        var backslashes = 0;
        while (index - backslashes - 1 >= 0 && pattern[index - backslashes - 1] == '\\')
        {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /// <summary>The first characters of an anchored pattern; false when it is not anchored or they cannot be read.</summary>
    private static bool TryLeading(string pattern, out ulong low, out ulong high)
    {
        low = 0;
        high = 0;
        var p = 0;
        // Leading case switches, "(?-i)" or "(?i)": both cases are counted anyway.
        while (p + 1 < pattern.Length && pattern[p] == '(' && pattern[p + 1] == '?')
        {
            var close = pattern.IndexOf(')', p);
            if (close < p + 3 || pattern.AsSpan(p + 2, close - p - 2).ContainsAnyExcept('i', '-'))
            {
                return false;
            }
            p = close + 1;
        }
        if (p >= pattern.Length || pattern[p] != '^')
        {
            return false;
        }
        p++;
        return TryFirstOfSequence(pattern, ref p, ref low, ref high);
    }

    /// <summary>Adds what the sequence at <paramref name="p"/> can begin with: its first item's characters, and while that item is
    /// optional, the next one's too. False when it cannot tell, or when every item may be absent.</summary>
    private static bool TryFirstOfSequence(string pattern, ref int p, ref ulong low, ref ulong high)
    {
        while (p < pattern.Length && pattern[p] is not ('|' or ')'))
        {
            if (!TryFirst(pattern, ref p, ref low, ref high))
            {
                return false;
            }
            if (!IsOptional(pattern, p))
            {
                return true;
            }
            // Past the quantifier ("?", "*", "{0,3}") and its lazy mark, to the item that may come first instead.
            p = pattern[p] == '{' ? pattern.IndexOf('}', p) + 1 : p + 1;
            if (p == 0)
            {
                return false;
            }
            if (p < pattern.Length && pattern[p] == '?')
            {
                p++;
            }
        }
        return false;
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
                    if (!TryFirstOfSequence(pattern, ref item, ref low, ref high))
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
                    p = PatternLength.ClassEnd(pattern, p, out _);
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
