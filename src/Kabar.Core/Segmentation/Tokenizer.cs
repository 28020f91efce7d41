using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Segmentation;

/// <summary>
/// Splits text into tokens with character offsets. Keeps together what the later stages read as one unit:
/// numbers with separators (<c>2.000</c>, <c>1,5</c>, <c>20/9/2023</c>, <c>14.00</c>), hyphenated words and
/// reduplications (<c>Nagorno-Karabakh</c>, <c>kelompok-kelompok</c>), abbreviations with their dots
/// (<c>Dr.</c>, <c>U.S.</c>), initials, web and e-mail addresses. English contractions are split
/// (<c>don't</c> → <c>do</c> <c>n't</c>) when the language lists them.
/// </summary>
/// <remarks>Thread-safe; one instance per language.</remarks>
public sealed class Tokenizer
{
    /// <summary>Asked about every word before a dot, the last of nearly every sentence: a <see cref="WordSet"/>, whose filter turns
    /// most words away before a table is read (a frozen set's buckets and strings cost more).</summary>
    private readonly WordSet _abbreviations;
    private readonly string[] _clitics;

    /// <summary>Length of the longest clitic.</summary>
    private readonly int _cliticReach;

    /// <summary>True when every clitic holds an apostrophe (<c>'s</c>, <c>n't</c>): a word with none near its end has no clitic.</summary>
    private readonly bool _cliticsHaveApostrophe;

    /// <summary>Creates a tokenizer.</summary>
    /// <param name="abbreviations">Tokens that keep their final dot (<c>Dr.</c>), compared case-sensitively.</param>
    /// <param name="clitics">Endings split off words (<c>'s</c>, <c>n't</c>), or none.</param>
    public Tokenizer(IEnumerable<string> abbreviations, IEnumerable<string> clitics)
    {
        _abbreviations = new WordSet(abbreviations);
        _clitics = clitics.OrderByDescending(c => c.Length).ToArray();
        _cliticReach = _clitics.Length == 0 ? 0 : _clitics[0].Length;
        _cliticsHaveApostrophe = _clitics.All(c => c.Contains('\''));
    }

    /// <summary>True when the token (with its dot) is a known abbreviation.</summary>
    public bool IsAbbreviation(string token) => _abbreviations.Contains(token);

    /// <summary>Tokens of <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public List<Token> Tokenize(string text, int start = 0, int end = -1)
    {
        if (end < 0)
        {
            end = text.Length;
        }
        var tokens = new List<Token>(Math.Max(4, (end - start) / 5));
        TokenizeInto(text, start, end, tokens);
        return tokens;
    }

    /// <summary>Appends the tokens of the whole <paramref name="text"/> to <paramref name="tokens"/> (a list the caller reuses).</summary>
    internal void TokenizeInto(string text, List<Token> tokens) => TokenizeInto(text, 0, text.Length, tokens);

    private void TokenizeInto(string text, int start, int end, List<Token> tokens)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }
            // Web and e-mail addresses start with a letter, so ReadWord looks for them.
            if (char.IsDigit(c))
            {
                var length = NumberLength(text, i, end);
                // A number with letters attached is one word: 20th, 1990s, 1990-an, 45-year-old, 5km.
                var attached = AttachedLetters(text, i + length, end);
                tokens.Add(new Token(i, i + length + attached, text.Substring(i, length + attached),
                    attached > 0 ? TokenKind.Word : TokenKind.Number));
                i += length + attached;
                continue;
            }
            if (c is '#' or '@' && i + 1 < end && IsLetter(text[i + 1]) && (i == start || char.IsWhiteSpace(text[i - 1])))
            {
                // Hashtags and handles: #PemiluDamai, @jokowi.
                var handleEnd = i + 1;
                while (handleEnd < end && (char.IsLetterOrDigit(text[handleEnd]) || text[handleEnd] == '_'))
                {
                    handleEnd++;
                }
                tokens.Add(new Token(i, handleEnd, text.Substring(i, handleEnd - i), TokenKind.Address));
                i = handleEnd;
                continue;
            }
            if (IsLetter(c))
            {
                i = ReadWord(text, i, end, tokens);
                continue;
            }
            if (c == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.')
            {
                tokens.Add(new Token(i, i + 3, "...", TokenKind.Punctuation));
                i += 3;
                continue;
            }
            var kind = char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol;
            if (char.IsSurrogate(c) && i + 1 < end)
            {
                tokens.Add(new Token(i, i + 2, text.Substring(i, 2), TokenKind.Symbol));
                i += 2;
                continue;
            }
            tokens.Add(new Token(i, i + 1, c.ToString(), kind));
            i++;
        }
    }

    private int ReadWord(string text, int start, int end, List<Token> tokens)
    {
        var i = start;
        while (i < end)
        {
            // ASCII letters, most of the characters of most words, need none of the tests below.
            while (char.IsAsciiLetter(text[i]) && ++i < end)
            {
            }
            if (i == end)
            {
                break;
            }
            var c = text[i];
            if (char.IsDigit(c) && i - start == 2 && text[start] == 'R' && text[start + 1] == 'p')
            {
                // Currency written against its amount: Rp3,2 triliun.
                break;
            }
            // Combining marks (Arabic vowel signs, Devanagari matras) start at U+0300: the category's three-level table lookup is
            // made only past it, not at the end of every word.
            if (IsLetter(c) || char.IsDigit(c) || (c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark))
            {
                i++;
                continue;
            }
            // Inner hyphens and apostrophes join: Nagorno-Karabakh, kelompok-kelompok, Ja'far, ke-2.
            if ((c is '-' or '\'' or '\u2019' or '\u2010' or '\u2011') && i + 1 < end && (IsLetter(text[i + 1]) || char.IsDigit(text[i + 1])))
            {
                i++;
                continue;
            }
            break;
        }
        // An address (www.bps.go.id, https://…, humas@polri.go.id) is a run of letters up to a character that no word holds (":",
        // ".", "@"), so only a word that stops at such a character is read again as one. A word that ends at a space, as nearly every
        // word does, is not an address: the address scan would stop at the same space and find no "@" on the way.
        if (i < end && !char.IsWhiteSpace(text[i]) && text[i] is not ('<' or '>' or '"'))
        {
            var length = AddressLength(text, start, end);
            if (length > 0)
            {
                tokens.Add(new Token(start, start + length, text.Substring(start, length), TokenKind.Address));
                return start + length;
            }
        }
        // Currency prefixes written with letters: US$, S$, HK$.
        if (i < end && text[i] == '$' && i - start <= 3 && AllUpper(text.AsSpan(start, i - start)))
        {
            tokens.Add(new Token(start, i + 1, text.Substring(start, i + 1 - start), TokenKind.Symbol));
            return i + 1;
        }
        // A site name written as its domain is one token: Kompas.com, Tribunnews.com, detik.com, antaranews.co.id.
        var domainEnd = DomainEnd(text, i, end);
        if (domainEnd > i)
        {
            tokens.Add(new Token(start, domainEnd, text.Substring(start, domainEnd - start), TokenKind.Word));
            return domainEnd;
        }
        var word = text.AsSpan(start, i - start);
        if (i < end && text[i] == '.')
        {
            // Abbreviations keep their dot: Dr., U.S., dll., and single capitals as initials (H. Agus).
            var withDot = text.AsSpan(start, i + 1 - start);
            var dotted = DottedAcronymLength(text, start, end);
            if (dotted > withDot.Length)
            {
                // U.S.-led, U.N.-backed: the hyphenated word stays with the acronym.
                var tail = start + dotted < end && text[start + dotted] == '-' ? AttachedLetters(text, start + dotted, end) : 0;
                tokens.Add(new Token(start, start + dotted + tail, text.Substring(start, dotted + tail), TokenKind.Word));
                return start + dotted + tail;
            }
            if (_abbreviations.Contains(withDot) || (word.Length == 1 && char.IsUpper(word[0])) || dotted == withDot.Length)
            {
                tokens.Add(new Token(start, i + 1, withDot.ToString(), TokenKind.Word));
                return i + 1;
            }
        }
        SplitClitic(word, start, tokens);
        return i;
    }

    private static bool AllUpper(ReadOnlySpan<char> letters)
    {
        foreach (var c in letters)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }
        return true;
    }

    private void SplitClitic(ReadOnlySpan<char> word, int start, List<Token> tokens)
    {
        // Nearly every word has no apostrophe near its end, so the clitic loop is not run (it would compare each ending in vain).
        if (!_cliticsHaveApostrophe || HasApostrophe(word[Math.Max(0, word.Length - _cliticReach)..]))
        {
            var clitic = CliticLength(word);
            if (clitic > 0)
            {
                AddSplit(word, start, word.Length - clitic, tokens);
                return;
            }
        }
        // The one token made here: each token made in a method is a zeroed frame slot, and this method is called for every word.
        tokens.Add(new Token(start, start + word.Length, word.ToString(), TokenKind.Word));
    }

    /// <summary>Length of the clitic ending <paramref name="word"/> (<c>'s</c>, <c>n't</c>), or 0.</summary>
    private int CliticLength(ReadOnlySpan<char> word)
    {
        foreach (var clitic in _clitics)
        {
            if (word.Length > clitic.Length && EndsWithClitic(word, clitic))
            {
                return clitic.Length;
            }
        }
        return 0;
    }

    /// <summary>Adds a word and its clitic as two tokens; out of line, so that their frame slots are zeroed only for such words.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddSplit(ReadOnlySpan<char> word, int start, int cut, List<Token> tokens)
    {
        tokens.Add(new Token(start, start + cut, word[..cut].ToString(), TokenKind.Word));
        tokens.Add(new Token(start + cut, start + word.Length, word[cut..].ToString(), TokenKind.Word));
    }

    /// <summary>A straight or typographic apostrophe, the two that <see cref="EndsWithClitic"/> reads as one.</summary>
    private static bool HasApostrophe(ReadOnlySpan<char> tail)
    {
        foreach (var c in tail)
        {
            if (c is '\'' or '\u2019')
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsWithClitic(ReadOnlySpan<char> word, string clitic)
    {
        // Typographic apostrophes count as straight ones: Israel’s.
        var tail = word[(word.Length - clitic.Length)..];
        for (var k = 0; k < clitic.Length; k++)
        {
            var a = tail[k] == '\u2019' ? '\'' : char.ToLowerInvariant(tail[k]);
            if (a != clitic[k])
            {
                return false;
            }
        }
        return true;
    }

    private static readonly FrozenSet<string> TopLevelDomains = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "com", "net", "org", "id", "co", "go", "ac", "or", "info", "news", "tv", "io", "uk", "au", "my", "sg", "ph", "in");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TopLevelDomainSpans =
        TopLevelDomains.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>End of a domain suffix (<c>.com</c>, <c>.co.id</c>) right after a word, or <paramref name="i"/> when there is none.</summary>
    private static int DomainEnd(string text, int i, int end)
    {
        var position = i;
        while (position + 1 < end && text[position] == '.' && char.IsAsciiLetter(text[position + 1]))
        {
            var labelEnd = position + 1;
            while (labelEnd < end && char.IsAsciiLetter(text[labelEnd]))
            {
                labelEnd++;
            }
            if (!TopLevelDomainSpans.Contains(text.AsSpan(position + 1, labelEnd - position - 1)) || (labelEnd < end && char.IsLetterOrDigit(text[labelEnd])))
            {
                break;
            }
            position = labelEnd;
        }
        return position;
    }

    /// <summary>Length of <c>U.S.</c>, <c>a.m.</c>, <c>S.H.</c>: single letters each followed by a dot, at least two.</summary>
    private static int DottedAcronymLength(string text, int start, int end)
    {
        var i = start;
        var letters = 0;
        while (i + 1 < end && IsLetter(text[i]) && text[i + 1] == '.' && (i == start || text[i - 1] == '.'))
        {
            letters++;
            i += 2;
        }
        return letters >= 2 ? i - start : 0;
    }

    private static int AttachedLetters(string text, int start, int end)
    {
        var i = start;
        if (i < end && text[i] == '-' && i + 1 < end && IsLetter(text[i + 1]))
        {
            i++;
        }
        if (i >= end || !IsLetter(text[i]))
        {
            return 0;
        }
        while (i < end && (IsLetter(text[i]) || (text[i] == '-' && i + 1 < end && IsLetter(text[i + 1]))))
        {
            i++;
        }
        return i - start;
    }

    private static int NumberLength(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsDigit(c))
            {
                i++;
                continue;
            }
            // Separators stay inside a number only between digits: 2.000, 1,5, 20/9/2023, 14:00, 2023-09-20, 19-20.
            if (c is '.' or ',' or '/' or ':' or '-' && i + 1 < end && char.IsDigit(text[i + 1]))
            {
                i++;
                continue;
            }
            break;
        }
        return i - start;
    }

    private static int AddressLength(string text, int start, int end)
    {
        if (!IsLetter(text[start]))
        {
            return 0; // both a URL (http, www) and an e-mail address start with a letter
        }
        var span = text.AsSpan(start, end - start);
        // Only H and h fold to h, only W and w to w: the first letter rules out the prefixes of nearly every word.
        var first = (char)(span[0] | 0x20);
        var isUrl = (first == 'h' && (span.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || span.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            || (first == 'w' && span.StartsWith("www.", StringComparison.OrdinalIgnoreCase));
        var length = 0;
        var at = -1; // the first '@', found in the same pass
        while (length < span.Length && !char.IsWhiteSpace(span[length]) && span[length] is not ('<' or '>' or '"'))
        {
            if (at < 0 && span[length] == '@')
            {
                at = length;
            }
            length++;
        }
        var candidate = span[..length];
        if (!isUrl)
        {
            var ok = at > 0 && candidate[(at + 1)..].Contains('.') && IsLetter(candidate[0]);
            if (!ok)
            {
                return 0;
            }
        }
        // Trailing punctuation belongs to the sentence, not the address.
        while (length > 0 && span[length - 1] is '.' or ',' or ';' or ':' or ')' or '!' or '?' or '\'' or '\u201D')
        {
            length--;
        }
        return length;
    }

    private static bool IsLetter(char c) => char.IsLetter(c);
}
