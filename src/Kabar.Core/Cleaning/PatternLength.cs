namespace Kabar.Cleaning;

/// <summary>The most characters other than white space a regular expression can match, read from its pattern, when that is
/// bounded.</summary>
/// <remarks>A line rule removes a line only when its match is the whole line, so a line with more non-space characters than any
/// match can have need not be tried. That matters for the rules that find a credit or a byline after a bounded stretch of anything
/// (<c>^.{0,60}\b(Getty Images|AP Photo)(\s*/.{0,40})?\)?$</c>): on every paragraph they backtrack through each of those
/// positions testing a word boundary. White space is left out of the count so that <c>\s*</c> and <c>\s+</c>, which the rules use
/// between words, leave the bound finite: they match white space only. Only the syntax the cleaning files use is read; anything else
/// (back-references, conditionals, an unbounded repeat of anything but white space) gives no bound, and the rule is tried on every
/// line as before.</remarks>
internal static class PatternLength
{
    /// <summary>The bound, in UTF-16 characters, or null when there is none or the pattern uses syntax not read here.</summary>
    public static int? MaxNonSpace(string pattern)
    {
        var p = 0;
        var max = Alternation(pattern, ref p);
        return p == pattern.Length ? max : null; // an unbalanced ")" or a stop mid-way: no bound
    }

    /// <summary>Branches separated by "|" up to a ")" or the end: the longest branch.</summary>
    private static int? Alternation(string pattern, ref int p)
    {
        var longest = Sequence(pattern, ref p);
        while (longest is not null && p < pattern.Length && pattern[p] == '|')
        {
            p++;
            var branch = Sequence(pattern, ref p);
            longest = branch is null ? null : Math.Max(longest.Value, branch.Value);
        }
        return longest;
    }

    /// <summary>Atoms with their quantifiers up to a "|", a ")" or the end: the sum of their bounds. An atom that matches only white
    /// space counts nothing, however often it repeats.</summary>
    private static int? Sequence(string pattern, ref int p)
    {
        long total = 0;
        while (p < pattern.Length && pattern[p] is not ('|' or ')'))
        {
            var atom = Atom(pattern, ref p);
            if (atom is null)
            {
                return null;
            }
            var times = Quantifier(pattern, ref p);
            if (atom.Value == 0)
            {
                continue;
            }
            if (times is null)
            {
                return null;
            }
            total += (long)atom.Value * times.Value;
            if (total > int.MaxValue / 2)
            {
                return null;
            }
        }
        return (int)total;
    }

    /// <summary>The most times the atom before <paramref name="p"/> may repeat (1 with no quantifier), or null for no bound; reads
    /// past the quantifier.</summary>
    private static int? Quantifier(string pattern, ref int p)
    {
        if (p >= pattern.Length)
        {
            return 1;
        }
        int? times;
        switch (pattern[p])
        {
            case '?':
                p++;
                times = 1;
                break;
            case '*' or '+':
                p++;
                times = null;
                break;
            case '{' when TryRepeat(pattern, p, out _, out var most, out var close):
                p = close + 1;
                times = most;
                break;
            default:
                return 1;
        }
        if (p < pattern.Length && pattern[p] == '?')
        {
            p++; // lazy: the same bound
        }
        return times;
    }

    /// <summary>"{n}", "{n,m}" or "{n,}": the least is n, the most m (n for "{n}", null for "{n,}"); false when the brace is a literal
    /// character. Shared with <see cref="RequiredText"/>, which needs the least.</summary>
    internal static bool TryRepeat(string pattern, int open, out int least, out int? most, out int close)
    {
        most = null;
        close = pattern.IndexOf('}', open);
        if (close < 0)
        {
            least = 0;
            return false;
        }
        var inside = pattern.AsSpan(open + 1, close - open - 1);
        var comma = inside.IndexOf(',');
        var first = comma < 0 ? inside : inside[..comma];
        if (!int.TryParse(first, System.Globalization.NumberStyles.None, null, out least))
        {
            return false;
        }
        if (comma < 0)
        {
            most = least;
            return true;
        }
        var last = inside[(comma + 1)..];
        if (last.IsEmpty)
        {
            return true; // "{n,}"
        }
        if (!int.TryParse(last, System.Globalization.NumberStyles.None, null, out var upper))
        {
            return false;
        }
        most = upper;
        return true;
    }

    /// <summary>The most non-space characters one atom matches: a character (0 for a space), a class, an escape, an anchor (0) or a
    /// group.</summary>
    private static int? Atom(string pattern, ref int p)
    {
        var c = pattern[p];
        switch (c)
        {
            case '^' or '$':
                p++;
                return 0;
            case '[':
                return Class(pattern, ref p);
            case '\\':
                return Escape(pattern, ref p);
            case '(':
                return Group(pattern, ref p);
            case '*' or '+' or '?':
                return null; // a quantifier with nothing before it: not a pattern read here
            default:
                p++;
                return char.IsWhiteSpace(c) ? 0 : 1;
        }
    }

    private static int? Escape(string pattern, ref int p)
    {
        if (p + 1 >= pattern.Length)
        {
            return null;
        }
        var c = pattern[p + 1];
        p += 2;
        switch (c)
        {
            case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                return 0;
            case 's' or 't' or 'n' or 'r' or 'f' or 'v' or ' ':
                return 0; // white space only
            case 'k' or (>= '1' and <= '9'):
                return null; // a back-reference repeats a group's text
            case 'p' or 'P':
                var close = pattern.IndexOf('}', p);
                if (close < 0)
                {
                    return null;
                }
                p = close + 1;
                return 1;
            case 'u':
                p += 4;
                return p <= pattern.Length ? 1 : null;
            case 'x':
                p += 2;
                return p <= pattern.Length ? 1 : null;
            default:
                return 1; // \d, \S, \w, \., \( ...: one character
        }
    }

    /// <summary>"[...]": one character; a subtraction ("[a-z-[aeiou]]") is not read.</summary>
    private static int? Class(string pattern, ref int p)
    {
        var close = ClassEnd(pattern, p, out var inner);
        if (inner || close >= pattern.Length)
        {
            return null;
        }
        p = close + 1;
        return 1;
    }

    /// <summary>The index of the "]" that closes the class opened at <paramref name="open"/> (the pattern's length when none):
    /// escapes are skipped, and a "]" right after "[" or "[^" is a member. <paramref name="inner"/> tells whether an unescaped "["
    /// stands inside (a subtraction). Shared with <see cref="LineEdges"/>, which skips classes the same way.</summary>
    internal static int ClassEnd(string pattern, int open, out bool inner)
    {
        inner = false;
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }
        for (; i < pattern.Length && pattern[i] != ']'; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == '[')
            {
                inner = true;
            }
        }
        return Math.Min(i, pattern.Length);
    }

    private static int? Group(string pattern, ref int p)
    {
        var kind = OpenGroup(pattern, ref p);
        if (kind is GroupKind.Unknown or GroupKind.Skipped)
        {
            return kind == GroupKind.Skipped ? 0 : null;
        }
        var inner = Alternation(pattern, ref p);
        if (inner is null || p >= pattern.Length || pattern[p] != ')')
        {
            return null;
        }
        p++;
        return kind == GroupKind.LookAround ? 0 : inner;
    }

    /// <summary>What a group is, for the readers of patterns (this one and <see cref="RequiredText"/>).</summary>
    internal enum GroupKind
    {
        /// <summary>Its contents match text: "(…)", "(?:…)", "(?>…)", "(?&lt;name&gt;…)", "(?i:…)".</summary>
        Plain,

        /// <summary>A look-ahead or look-behind: its contents match no text of the match.</summary>
        LookAround,

        /// <summary>A comment or an options switch ("(?#…)", "(?i)"): nothing to read, and read past already.</summary>
        Skipped,

        /// <summary>A construct not read here (a conditional, options with other letters).</summary>
        Unknown,
    }

    /// <summary>Reads the opening of the group at <paramref name="p"/> (its "("), up to its contents; a <see cref="GroupKind.Skipped"/>
    /// group is read whole.</summary>
    internal static GroupKind OpenGroup(string pattern, ref int p)
    {
        p++;
        if (p >= pattern.Length || pattern[p] != '?')
        {
            return GroupKind.Plain;
        }
        var next = p + 1 < pattern.Length ? pattern[p + 1] : '\0';
        if (next is ':' or '>')
        {
            p += 2;
            return GroupKind.Plain;
        }
        if (next is '=' or '!')
        {
            p += 2;
            return GroupKind.LookAround;
        }
        if (next == '<' && p + 2 < pattern.Length && pattern[p + 2] is '=' or '!')
        {
            p += 3;
            return GroupKind.LookAround;
        }
        if (next is '<' or '\'' or '#')
        {
            var close = pattern.IndexOf(next switch { '<' => '>', '\'' => '\'', _ => ')' }, p + 2);
            if (close < 0)
            {
                return GroupKind.Unknown;
            }
            p = close + 1;
            return next == '#' ? GroupKind.Skipped : GroupKind.Plain; // a comment, or past a group's name
        }
        // Options: "(?i)" changes the rest and matches nothing; "(?i:...)" is a group.
        var i = p + 1;
        while (i < pattern.Length && (pattern[i] is 'i' or 'm' or 's' or 'n' or '-'))
        {
            i++;
        }
        if (i == p + 1 || i >= pattern.Length || pattern[i] is not (')' or ':'))
        {
            return GroupKind.Unknown;
        }
        p = i + 1;
        return pattern[i] == ')' ? GroupKind.Skipped : GroupKind.Plain;
    }
}
