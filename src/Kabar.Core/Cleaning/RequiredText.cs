using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Kabar.Cleaning;

/// <summary>
/// Strings one of which every match of a cleaning pattern contains, read from the pattern's text: the words of a group of
/// literal alternatives, or a run of literal characters, that the pattern cannot match without (<c>^(Leave|Post|Add)\s+…</c>:
/// "Leave", "Post" or "Add"; <c>^.{0,60}\b(Getty Images|AP Photo)…</c>: "Getty Images" or "AP Photo"). A line that holds none
/// of them is not tried against the rule. <see cref="LineEdges"/> looks only at a line's first and last characters and its
/// length, so most paragraphs still reached several rules each, about 100 regex calls per article that nearly all failed.
/// </summary>
/// <remarks>The strings are compared ignoring case, whatever the pattern's options, and hold ASCII characters only: a
/// case-insensitive pattern matches some characters outside ASCII to ASCII letters (the Kelvin sign to <c>k</c>), which an
/// ordinal comparison does not, so a line holding one of those (<see cref="FoldsToAscii"/>) is tried against every rule. Only
/// the syntax the cleaning files use is read; a pattern with anything else (a back-reference, a conditional, an
/// inline <c>x</c> option) has no required text, and its rule is tried on every line as before.</remarks>
internal sealed class RequiredText
{
    /// <summary>The shortest string worth a search: a line holds one of one or two characters almost surely.</summary>
    private const int ShortestUseful = 3;

    /// <summary>How many first characters of a line are compared with the strings a match begins with (fewer when a string is
    /// shorter, but two at least).</summary>
    private const int PrefixLength = 3;

    /// <summary>Characters outside ASCII that a case-insensitive pattern matches to an ASCII letter: the dotted and dotless i, the
    /// long s, the Kelvin sign (checked against the regex engine by the tests).</summary>
    internal const string AsciiFoldingCharacters = "\u0130\u0131\u017F\u212A";

    private static readonly SearchValues<char> AsciiFolding = SearchValues.Create(AsciiFoldingCharacters);

    /// <summary>The strings searched for anywhere in the line, or null when the line's first characters are compared instead.</summary>
    private readonly SearchValues<string>? _search;

    /// <summary>The first <see cref="_prefixLength"/> characters of the strings a match begins with, lower-cased and packed
    /// (<see cref="Prefix"/>), when the pattern is anchored at the line's start.</summary>
    private readonly int[] _prefixes = [];

    private readonly int _prefixLength;

    private RequiredText(string[] strings, bool leading)
    {
        Strings = strings;
        Leading = leading;
        if (leading)
        {
            _prefixLength = Math.Min(PrefixLength, Shortest(strings));
            _prefixes = [.. strings.Select(s => Prefix(s, _prefixLength)).Distinct()];
        }
        else
        {
            _search = SearchValues.Create(strings, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The strings, one of which every match contains.</summary>
    public IReadOnlyList<string> Strings { get; }

    /// <summary>True when every match begins with one of the <see cref="Strings"/> at the line's start: the line's first characters are
    /// compared, which costs less than a search of the line and turns more lines away.</summary>
    public bool Leading { get; }

    /// <summary>False only when <paramref name="line"/> holds none of the strings (or, for <see cref="Leading"/> ones, begins with
    /// none), so that no whole-line match of the pattern is the line. Ask only for a line without <see cref="FoldsToAscii"/>
    /// characters.</summary>
    public bool MayMatch(ReadOnlySpan<char> line) => _search is not null
        ? line.IndexOfAny(_search) >= 0
        : line.Length >= _prefixLength && _prefixes.AsSpan().Contains(Prefix(line, _prefixLength));

    /// <summary>True when the line holds a character that a case-insensitive pattern matches to an ASCII letter: the strings
    /// cannot tell about such a line.</summary>
    public static bool FoldsToAscii(ReadOnlySpan<char> line) => line.ContainsAny(AsciiFolding);

    /// <summary>Reads the pattern; null when it has no required text this reader finds (or one too short to be worth a search).</summary>
    public static RequiredText? Of(Regex regex)
    {
        var pattern = regex.ToString();
        if ((regex.Options & RegexOptions.IgnorePatternWhitespace) != 0 || LineEdges.HasInlineX(pattern))
        {
            return null; // spaces and "#" would mean nothing
        }
        var p = 0;
        var failed = false;
        var reading = Alternation(pattern, ref p, ref failed);
        if (failed || p != pattern.Length)
        {
            return null;
        }
        // "^" means the line's start only without the multi-line option (and the cleaner's lines hold no line breaks anyway).
        if (reading is { Anchored: true, Leading: { } leading } && (regex.Options & RegexOptions.Multiline) == 0 && Shortest(leading) >= 2)
        {
            return new RequiredText(leading, leading: true);
        }
        return reading.Anywhere is { } anywhere && Shortest(anywhere) >= ShortestUseful ? new RequiredText(anywhere, leading: false) : null;
    }

    /// <summary>The first <paramref name="length"/> characters (at most 3) packed into an integer, ASCII letters lower-cased; a
    /// character outside ASCII gives a value no string of ASCII characters has.</summary>
    private static int Prefix(ReadOnlySpan<char> text, int length)
    {
        var packed = 0;
        for (var k = 0; k < length; k++)
        {
            var c = text[k];
            packed = (packed << 8) | (c < 128 ? char.ToLowerInvariant(c) : 0xFF);
        }
        return packed;
    }

    /// <summary>What a part of a pattern requires: strings one of which each of its matches contains, strings one of which each
    /// begins with, and whether it is anchored at the line's start. Each is null (or false) when not known.</summary>
    private readonly record struct Reading(string[]? Anywhere, string[]? Leading, bool Anchored);

    /// <summary>Branches separated by "|" up to a ")" or the end: what every branch requires, null where some branch does not.</summary>
    private static Reading Alternation(string pattern, ref int p, ref bool failed)
    {
        var union = Sequence(pattern, ref p, ref failed);
        while (!failed && p < pattern.Length && pattern[p] == '|')
        {
            p++;
            var branch = Sequence(pattern, ref p, ref failed);
            union = new Reading(Union(union.Anywhere, branch.Anywhere), Union(union.Leading, branch.Leading), union.Anchored && branch.Anchored);
        }
        return union;
    }

    /// <summary>Items up to a "|", a ")" or the end. Of the runs of literal characters and the groups the sequence cannot match
    /// without, the one whose shortest string is longest; and what the first item that matches any text requires, when that is
    /// a run or a group (then every match begins with one of its strings).</summary>
    private static Reading Sequence(string pattern, ref int p, ref bool failed)
    {
        string[]? best = null;
        string[]? leading = null;
        var anchored = false;
        var first = true; // no item that matches text read yet
        var run = new StringBuilder();
        var runLeads = false;
        while (!failed && p < pattern.Length && pattern[p] is not ('|' or ')'))
        {
            char? literal = null;
            Reading? group = null;
            var zeroWidth = false;
            var c = pattern[p];
            switch (c)
            {
                case '(':
                    group = Group(pattern, ref p, out zeroWidth, ref failed);
                    break;
                case '[':
                    var close = PatternLength.ClassEnd(pattern, p, out var inner);
                    failed = inner || close >= pattern.Length;
                    p = close + 1;
                    break;
                case '\\':
                    literal = Escape(pattern, ref p, out zeroWidth, ref failed);
                    break;
                case '^' or '$':
                    anchored |= c == '^' && first;
                    zeroWidth = true;
                    p++;
                    break;
                case '.':
                    p++;
                    break;
                case '*' or '+' or '?' or '{':
                    failed = true; // a quantifier with nothing before it, or a literal brace: not read
                    break;
                default:
                    p++;
                    // A character outside ASCII may match others than itself ignoring case: it ends the run.
                    literal = c < 128 ? c : null;
                    break;
            }
            if (failed)
            {
                return default;
            }
            var least = LeastRepeats(pattern, ref p, out var quantified, ref failed);
            if (zeroWidth)
            {
                continue; // "^", "\b", "(?-i)", a look-around: nothing read, and the run is not broken
            }
            if (literal is { } character && least >= 1)
            {
                runLeads |= first && run.Length == 0;
                first = false;
                run.Append(character);
                if (!quantified)
                {
                    continue; // the run goes on
                }
                // "ab+c" matches "abbc": "ab" is in every match, and so is "bc", but not "abc".
                CloseRun();
                run.Append(character);
                continue;
            }
            CloseRun();
            if (group is { } g && least >= 1)
            {
                best = Better(best, g.Anywhere);
                leading = first ? g.Leading : leading;
            }
            first = false;
        }
        CloseRun();
        return new Reading(best, leading, anchored);

        void CloseRun()
        {
            if (run.Length == 0)
            {
                return;
            }
            string[] strings = [run.ToString()];
            run.Clear();
            best = Better(best, strings);
            leading = runLeads ? strings : leading;
            runLeads = false;
        }
    }

    /// <summary>A group: what its alternatives require. A look-around and a comment or options switch ("(?-i)") match no text
    /// (<paramref name="zeroWidth"/>); a construct <see cref="PatternLength.OpenGroup"/> does not read fails the reading.</summary>
    private static Reading Group(string pattern, ref int p, out bool zeroWidth, ref bool failed)
    {
        var kind = PatternLength.OpenGroup(pattern, ref p);
        zeroWidth = kind is PatternLength.GroupKind.LookAround or PatternLength.GroupKind.Skipped;
        if (kind is PatternLength.GroupKind.Unknown or PatternLength.GroupKind.Skipped)
        {
            failed |= kind == PatternLength.GroupKind.Unknown;
            return default;
        }
        var inner = Alternation(pattern, ref p, ref failed);
        if (failed || p >= pattern.Length || pattern[p] != ')')
        {
            failed = true;
            return default;
        }
        p++;
        // A look-around's text need not be in the match (nor, for a negative one, in the line).
        return kind == PatternLength.GroupKind.LookAround ? default : inner;
    }

    /// <summary>An escape: the character of an escaped punctuation mark (<c>\.</c>, <c>\(</c>), null for a class (<c>\s</c>,
    /// <c>\d</c>, <c>\p{Lu}</c>) or a word boundary (<c>\b</c>, <paramref name="zeroWidth"/>); anything else fails the reading.</summary>
    private static char? Escape(string pattern, ref int p, out bool zeroWidth, ref bool failed)
    {
        zeroWidth = false;
        if (p + 1 >= pattern.Length)
        {
            failed = true;
            return null;
        }
        var c = pattern[p + 1];
        p += 2;
        if (c < 128 && !char.IsAsciiLetterOrDigit(c))
        {
            return c;
        }
        switch (c)
        {
            case 'b' or 'B':
                zeroWidth = true;
                return null;
            case 's' or 'S' or 'd' or 'D' or 'w' or 'W':
                return null;
            case 'p' or 'P' when p < pattern.Length && pattern[p] == '{' && pattern.IndexOf('}', p) is var close and > 0:
                p = close + 1;
                return null;
            default:
                failed = true; // \u0041, \x41, back-references, \A, \z…
                return null;
        }
    }

    /// <summary>The fewest times the item before <paramref name="p"/> must occur (1 with no quantifier); reads past the
    /// quantifier.</summary>
    private static int LeastRepeats(string pattern, ref int p, out bool quantified, ref bool failed)
    {
        quantified = p < pattern.Length && pattern[p] is '?' or '*' or '+' or '{';
        if (!quantified)
        {
            return 1;
        }
        int least;
        switch (pattern[p])
        {
            case '?' or '*':
                least = 0;
                p++;
                break;
            case '+':
                least = 1;
                p++;
                break;
            default:
                if (!PatternLength.TryRepeat(pattern, p, out least, out _, out var close))
                {
                    failed = true; // a literal brace: not read
                    return 0;
                }
                p = close + 1;
                break;
        }
        if (p < pattern.Length && pattern[p] == '?')
        {
            p++; // lazy: the same least
        }
        return least;
    }

    /// <summary>Of two sets, the one whose shortest string is longer; the first of equals.</summary>
    private static string[]? Better(string[]? first, string[]? second) =>
        second is null || (first is not null && Shortest(first) >= Shortest(second)) ? first : second;

    private static string[]? Union(string[]? first, string[]? second) => first is null || second is null ? null : [.. first, .. second];

    private static int Shortest(string[] strings) => strings.Min(s => s.Length);
}
