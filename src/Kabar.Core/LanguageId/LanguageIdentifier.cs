using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.LanguageId;

/// <summary>
/// Identifies the language of a text from frequent-word profiles: each candidate language has a list of its most
/// frequent words (<c>lang/&lt;code&gt;/langid.txt</c> for supported languages, <c>lang/common/langid/&lt;code&gt;.txt</c>
/// for languages Kabar only recognises). The language whose words cover most of the text's tokens wins.
/// Texts mostly in a non-Latin script are reported by script. Malay is a candidate of its own, so a Malay
/// report is called <c>ms</c>, never silently treated as Indonesian.
/// </summary>
/// <remarks>Why words rather than character n-grams: Indonesian and Malay share almost every n-gram; they differ in a few
/// frequent words (<c>tidak</c>/<c>tak</c>, <c>karena</c>/<c>kerana</c>, <c>bisa</c>/<c>boleh</c>), which a reviewer can read
/// in the lists. Thread-safe.</remarks>
public sealed class LanguageIdentifier : IStage
{
    private const int MinimumHits = 3;

    /// <summary>Longest word looked up without allocating; longer words (rare) are lower-cased into a string.</summary>
    internal const int StackWordLength = 64;

    private readonly FrozenDictionary<string, FrozenSet<string>> _profiles;

    /// <summary>Candidate codes in a fixed order, and for every profile word the set of candidates that list it: one lookup per
    /// word of the text instead of one per word and candidate.</summary>
    /// <remarks>The set is a bit set, bit <c>c</c> for <c>_codes[c]</c>, kept beside the word's key in the short words' table: hence at
    /// most <see cref="PackedWordTable.MaxBits"/> (24) candidates.</remarks>
    private readonly string[] _codes;
    private readonly FrozenDictionary<string, uint> _languagesOf;
    private readonly FrozenDictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _languagesOfSpan;

    /// <summary>The profile words of up to eight ASCII letters (nearly all of them), looked up by a key packed while the word is read.</summary>
    private readonly PackedWordTable _shortWords;

    /// <summary>The profile words, as a filter that turns most other words away before a lookup.</summary>
    private readonly WordFilter _profileWords;

    /// <summary>Large vocabularies of the languages Kabar reads, for texts whose function words say too little.</summary>
    private readonly IReadOnlyDictionary<string, FrozenSet<string>> _vocabularies;

    /// <summary>Creates the identifier from word profiles keyed by ISO 639-1 code, and optionally the large vocabularies
    /// (<c>frequent_words</c> of a language pack) used when a short text has too few profile words to decide.</summary>
    public LanguageIdentifier(IReadOnlyDictionary<string, IReadOnlyCollection<string>> profiles,
        IReadOnlyDictionary<string, FrozenSet<string>>? vocabularies = null)
    {
        _vocabularies = vocabularies ?? new Dictionary<string, FrozenSet<string>>();
        _profiles = profiles.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        _codes = [.. _profiles.Keys];
        if (_codes.Length > PackedWordTable.MaxBits)
        {
            throw new ArgumentException(
                $"at most {PackedWordTable.MaxBits} candidate languages, one bit each; {_codes.Length} profiles given", nameof(profiles));
        }
        var languagesOf = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (var c = 0; c < _codes.Length; c++)
        {
            foreach (var word in _profiles[_codes[c]])
            {
                languagesOf[word] = languagesOf.GetValueOrDefault(word) | (1u << c);
            }
        }
        _languagesOf = languagesOf.ToFrozenDictionary(StringComparer.Ordinal);
        _languagesOfSpan = _languagesOf.GetAlternateLookup<ReadOnlySpan<char>>();
        _shortWords = new PackedWordTable(languagesOf);
        _profileWords = new WordFilter(_languagesOf.Keys);
    }

    /// <summary>Languages the identifier can name.</summary>
    public IEnumerable<string> Candidates => _profiles.Keys;

    /// <inheritdoc />
    public string Name => "langid";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["text"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["language"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (document.LanguageGuess is { Method: "caller" })
        {
            return document;
        }
        var guess = Identify(document.Text);
        // A declared language (HTML lang) is kept when the text agrees or says too little to disagree.
        if (document.LanguageGuess is { Method: "html" } declared && (guess.Code == declared.Code || guess.Code == "und"))
        {
            return document with { Language = declared.Code };
        }
        return document with { Language = guess.Code, LanguageGuess = guess };
    }

    /// <summary>Identifies the language of a text.</summary>
    public LanguageGuess Identify(string text)
    {
        var script = DominantScript(text);
        if (script is not null)
        {
            return new LanguageGuess(script, 1.0, "script");
        }
        var counts = CountProfileWords(text, out var words);
        var scores = new List<KeyValuePair<string, int>>();
        for (var c = 0; c < _codes.Length; c++)
        {
            if (counts[c] > 0)
            {
                scores.Add(new(_codes[c], counts[c]));
            }
        }
        if (scores.Count == 0)
        {
            return ByVocabulary(text, scores) ?? new LanguageGuess("und", 0, "profile");
        }
        var ranked = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (ranked.Count > 1 && ranked[0].Value - ranked[1].Value < 2 && !_vocabularies.ContainsKey(ranked[0].Key)
            && _vocabularies.ContainsKey(ranked[1].Key))
        {
            // One word more ("semasa", "daripada" in an Indonesian sentence) is too little to call a text Malay and refuse it:
            // a language Kabar only recognises must lead a language it reads by two words.
            (ranked[0], ranked[1]) = (ranked[1], ranked[0]);
        }
        var (best, hits) = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        // A headline or one-sentence report has few function words; two that no other language claims are enough.
        var uncontested = hits >= 2 && second == 0;
        if (hits < MinimumHits && hits < words / 2 && !uncontested)
        {
            return ByVocabulary(text, scores) ?? new LanguageGuess("und", 0, "profile");
        }
        var confidence = Math.Round((double)hits / (hits + second), 3);
        return new LanguageGuess(best, confidence, "profile");
    }

    /// <summary>Words of <paramref name="text"/> (the first 2,000) in each candidate's profile, in the order of <c>_codes</c>.</summary>
    internal int[] CountProfileWords(string text, out int words)
    {
        var counts = new int[_codes.Length];
        words = 0;
        var i = 0;
        while (i < text.Length && words < 2000)
        {
            // A word is a run of letters, with apostrophes inside it (don't, Ja'far).
            while (i < text.Length && !char.IsLetter(text[i]))
            {
                i++;
            }
            if (i >= text.Length)
            {
                break;
            }
            var start = i;
            // The key of a short ASCII word is packed as it is read; past eight characters it has lost the first ones, and is not used.
            ulong key = 0;
            var ascii = true;
            while (i < text.Length)
            {
                var c = text[i];
                if (c < 128)
                {
                    if (!PackedWordTable.TryAppend(ref key, c))
                    {
                        break;
                    }
                }
                else if (char.IsLetter(c))
                {
                    ascii = false;
                }
                else
                {
                    break;
                }
                i++;
            }
            words++;
            var languages = ascii && i - start <= PackedWordTable.MaxLength
                ? _shortWords.Get(key)
                : LanguagesOfLongWord(text.AsSpan(start, i - start));
            for (; languages != 0; languages &= languages - 1)
            {
                counts[BitOperations.TrailingZeroCount(languages)]++;
            }
        }
        return counts;
    }

    /// <summary>The candidates listing a word longer than eight letters or with a letter outside ASCII (few are listed, and
    /// few words of a text are either).</summary>
    private uint LanguagesOfLongWord(ReadOnlySpan<char> word)
    {
        uint languages = 0;
        if (word.Length <= StackWordLength)
        {
            // Most such words are no profile word: the filter is asked by the word's ends in lower case before the whole word is.
            if (_profileWords.MayContainLowered(word))
            {
                // A buffer in the frame rather than stackalloc, which would keep the method from profile-guided optimisation.
                var buffer = new WordBuffer();
                Span<char> lower = buffer;
                var length = word.ToLowerInvariant(lower);
                _languagesOfSpan.TryGetValue(lower[..length], out languages);
            }
        }
        else
        {
            _languagesOf.TryGetValue(word.ToString().ToLowerInvariant(), out languages);
        }
        return languages;
    }

    /// <summary>A short text the profiles cannot decide ("Sabtu malam, tembakan roket dari Libanon menghantam Israel utara."): the
    /// language whose large vocabulary covers at least half its words, and half again as many as any other, unless a language
    /// without such a vocabulary (Malay) led it by two profile words or more.</summary>
    private LanguageGuess? ByVocabulary(string text, List<KeyValuePair<string, int>> profileScores)
    {
        if (_vocabularies.Count == 0)
        {
            return null;
        }
        var words = 0;
        var covered = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in text.Split((char[])[' ', '\t', '\n', '\r', ',', '.', ';', ':', '!', '?', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.Any(char.IsLetter) || (char.IsUpper(token[0]) && words > 0))
            {
                continue; // names say nothing about the language
            }
            words++;
            var lower = token.ToLowerInvariant();
            foreach (var (code, vocabulary) in _vocabularies)
            {
                covered[code] = covered.GetValueOrDefault(code) + (vocabulary.Contains(lower) ? 1 : 0);
            }
            if (words >= 200)
            {
                break;
            }
        }
        var ranked = covered.OrderByDescending(kv => kv.Value).ToList();
        if (words < 3 || ranked.Count == 0)
        {
            return null;
        }
        var (best, count) = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        var bestProfile = profileScores.FirstOrDefault(kv => kv.Key == best).Value;
        if (count * 2 < words || count * 2 < second * 3
            || profileScores.Any(kv => !_vocabularies.ContainsKey(kv.Key) && kv.Value >= bestProfile + 2))
        {
            return null;
        }
        return new LanguageGuess(best, Math.Round((double)count / words, 3), "vocabulary");
    }

    /// <summary>Names texts written mostly outside the Latin script, which the word profiles cannot judge.</summary>
    private static string? DominantScript(string text)
    {
        var limit = Math.Min(text.Length, 20_000);
        if (!AnyLetterOutsideLatin(text.AsSpan(0, limit)))
        {
            // The usual case, settled by vectorised scans without a look at each letter: nothing outside U+0000–U+024F, or only
            // typographic quotes and dashes (“ ” — …), which most news text has and which are no letters. The count below would
            // give the same answer.
            return null;
        }
        int latin = 0, other = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < limit; i++)
        {
            var c = text[i];
            if (!char.IsLetter(c))
            {
                continue;
            }
            if (IsLatin(c))
            {
                latin++;
                continue;
            }
            other++;
            var script = ScriptOf(c);
            counts[script] = counts.GetValueOrDefault(script) + 1;
        }
        if (other <= latin || counts.Count == 0)
        {
            return null;
        }
        return counts.MaxBy(kv => kv.Value).Key;
    }

    /// <summary>Whether some letter of <paramref name="text"/> is outside the Latin letters <see cref="DominantScript"/> counts as
    /// Latin; it jumps from one character outside <c>U+0000–U+024F</c> to the next with a vectorised search.</summary>
    private static bool AnyLetterOutsideLatin(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyExceptInRange('\0', '\u024F');
        while (at >= 0)
        {
            var c = text[at];
            if (char.IsLetter(c) && !IsLatin(c))
            {
                return true;
            }
            text = text[(at + 1)..];
            at = text.IndexOfAnyExceptInRange('\0', '\u024F');
        }
        return false;
    }

    /// <summary>Latin as <see cref="DominantScript"/> counts it: U+0000–U+024F and Latin Extended Additional (Vietnamese).</summary>
    private static bool IsLatin(char c) => c < 0x250 || c is >= '\u1E00' and <= '\u1EFF';

    private static string ScriptOf(char c) => c switch
    {
        >= '\u0370' and <= '\u03FF' => "el",
        >= '\u0400' and <= '\u04FF' => "und-Cyrl",
        >= '\u0530' and <= '\u058F' => "hy",
        >= '\u0590' and <= '\u05FF' => "he",
        >= '\u0600' and <= '\u06FF' => "und-Arab",
        >= '\u0E00' and <= '\u0E7F' => "th",
        >= '\u10A0' and <= '\u10FF' => "ka",
        >= '\u3040' and <= '\u30FF' => "ja",
        >= '\uAC00' and <= '\uD7AF' => "ko",
        >= '\u4E00' and <= '\u9FFF' => "zh",
        _ => "und-" + CharUnicodeInfo.GetUnicodeCategory(c).ToString(),
    };
}

/// <summary>Room for one word of <see cref="LanguageIdentifier.Identify"/>, lower-cased.</summary>
[System.Runtime.CompilerServices.InlineArray(LanguageIdentifier.StackWordLength)]
internal struct WordBuffer
{
    private char _first;
}
