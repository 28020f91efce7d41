using System.Collections.Frozen;
using Kabar.Model;

namespace Kabar.Morphology;

/// <summary>One prefix allomorph from <c>morphology/prefixes.tsv</c>.</summary>
/// <param name="Prefix">The prefix as written (<c>meny</c>).</param>
/// <param name="Restore">The letter it replaced at the start of the root (<c>s</c>), or empty.</param>
/// <param name="Voice">The voice the prefix marks.</param>
public sealed record PrefixRule(string Prefix, string Restore, Voice Voice);

/// <summary>
/// Indonesian affix stripping over a root-word list (in the spirit of Nazief–Adriani and ECS, written for Kabar):
/// particles (<c>-lah</c>, <c>-kah</c>), clitics (<c>-nya</c>, <c>-ku</c>), derivational suffixes (<c>-kan</c>, <c>-i</c>,
/// <c>-an</c>) and up to two prefix layers (<c>meN-</c>, <c>di-</c>, <c>ber-</c>, <c>ter-</c>, <c>peN-</c>, <c>per-</c>,
/// <c>ke-</c>, <c>se-</c>) with nasal assimilation restored (<c>menyerang</c> → <c>serang</c>).
/// </summary>
/// <remarks>
/// Every way of cutting the word is tried and the one that leaves the longest root found in the root list wins,
/// so <c>memulai</c> reduces to <c>mulai</c>, not to <c>pula</c>. Words that no cut reduces to a known root keep
/// their form, apart from a trailing <c>-nya</c>. Thread-safe.
/// </remarks>
public sealed class IndonesianMorphology : IMorphology
{
    private const int MinRootLength = 3;
    private readonly FrozenSet<string> _roots;
    private readonly FrozenSet<string> _protected;
    private readonly PrefixRule[] _prefixes;
    private readonly string[] _particles;
    private readonly string[] _clitics;
    private readonly string[] _derivational;
    private readonly FrozenDictionary<string, string> _irregular;
    private readonly BoundedCache<MemoEntry> _cache = new(500_000);
    private readonly Func<string, MemoEntry> _analyzeUncached;

    /// <summary>Creates the analyser.</summary>
    /// <param name="roots">Known roots.</param>
    /// <param name="protectedWords">Function words that must never be cut (<c>mereka</c>, <c>dia</c>).</param>
    /// <param name="prefixes">Prefix allomorphs.</param>
    /// <param name="suffixes">Suffixes with their kind: <c>derivational</c>, <c>clitic</c>, <c>particle</c>.</param>
    /// <param name="irregular">Forms the rules get wrong, mapped to their root.</param>
    public IndonesianMorphology(
        IEnumerable<string> roots,
        IEnumerable<string> protectedWords,
        IEnumerable<PrefixRule> prefixes,
        IEnumerable<(string Suffix, string Kind)> suffixes,
        IReadOnlyDictionary<string, string> irregular)
    {
        _roots = roots.ToFrozenSet(StringComparer.Ordinal);
        _protected = protectedWords.ToFrozenSet(StringComparer.Ordinal);
        _prefixes = prefixes.OrderByDescending(p => p.Prefix.Length).ToArray();
        var list = suffixes.ToList();
        _particles = list.Where(s => s.Kind == "particle").Select(s => s.Suffix).ToArray();
        _clitics = list.Where(s => s.Kind == "clitic").Select(s => s.Suffix).ToArray();
        _derivational = list.Where(s => s.Kind == "derivational").Select(s => s.Suffix).ToArray();
        _irregular = irregular.ToFrozenDictionary(StringComparer.Ordinal);
        // One delegate for the memo, not a new one for every word analysed.
        _analyzeUncached = w => MemoEntry.Of(w, AnalyzeUncached(w));
    }

    /// <summary>True when the word is in the root list.</summary>
    public bool IsRoot(string word) => _roots.Contains(word);

    /// <inheritdoc />
    public WordAnalysis Analyze(string lowerWord) => _cache.GetOrAdd(lowerWord, _analyzeUncached).Analysis;

    /// <inheritdoc />
    public void AnalyzeSentence(Span<Token> tokens)
    {
        _cache.PrefetchWords(tokens);
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var token = ref tokens[i];
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }
            var entry = _cache.GetOrAdd(in token, _analyzeUncached);
            var analysis = entry.Analysis;
            var lemma = entry.LemmaIsWord ? token.Lower : analysis.Lemma;
            if (token.Voice == analysis.Voice && token.HasClitic == analysis.Clitic && token.IsReduplicated == analysis.Reduplicated
                && string.Equals(token.Lemma, lemma, StringComparison.Ordinal)
                && string.Equals(token.Suffix, analysis.Suffix, StringComparison.Ordinal))
            {
                // A root word: the token already says all this, so it is left as it is rather than copied over with equal values.
                continue;
            }
            tokens[i] = token with
            {
                Lemma = lemma,
                LemmaKey = entry.LemmaKey,
                Suffix = analysis.Suffix,
                Voice = analysis.Voice,
                HasClitic = analysis.Clitic,
                IsReduplicated = analysis.Reduplicated,
            };
        }
    }

    private WordAnalysis AnalyzeUncached(string word)
    {
        if (_irregular.TryGetValue(word, out var irregular))
        {
            return new WordAnalysis(irregular, "", Voice.None, false, false);
        }
        if (_protected.Contains(word) || _roots.Contains(word))
        {
            return new WordAnalysis(word, "", Voice.None, false, false);
        }
        var dash = word.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            return AnalyzeHyphenated(word, dash);
        }
        return Strip(word) ?? Fallback(word);
    }

    private WordAnalysis AnalyzeHyphenated(string word, int dash)
    {
        var left = word[..dash];
        var right = word[(dash + 1)..];
        if (right.Contains('-', StringComparison.Ordinal))
        {
            return new WordAnalysis(word, "", Voice.None, false, false);
        }
        // kelompok-kelompok, berlari-lari, langkah-langkahnya: the right half repeats the left's root.
        var leftAnalysis = Analyze(left);
        var rightAnalysis = Analyze(right);
        if (left == right || leftAnalysis.Lemma == rightAnalysis.Lemma || leftAnalysis.Lemma == right)
        {
            var basis = left == right || leftAnalysis.Lemma == right ? leftAnalysis : rightAnalysis;
            return basis with { Reduplicated = true, Clitic = basis.Clitic || rightAnalysis.Clitic };
        }
        return new WordAnalysis(word, "", Voice.None, false, false);
    }

    /// <summary>Tries every suffix cut and every prefix cut; keeps the longest known root.</summary>
    private WordAnalysis? Strip(string word)
    {
        WordAnalysis? best = null;
        var bestLength = 0;
        var bestAffixes = int.MaxValue;
        foreach (var (stem, suffix, clitic, suffixCount) in SuffixCuts(word))
        {
            // A protected word with a clitic ("perbatasannya") keeps the form the word has without it ("perbatasan").
            if (stem.Length >= MinRootLength && stem != word && (_roots.Contains(stem) || (suffix.Length == 0 && _protected.Contains(stem))))
            {
                Consider(stem, suffix, suffix == "an" ? Voice.Nominal : Voice.None, clitic, suffixCount);
            }
            foreach (var (root, voice, prefixCount) in PrefixCuts(stem, suffix))
            {
                Consider(root, suffix, voice, clitic, suffixCount + prefixCount);
            }
        }
        return best;

        void Consider(string root, string suffix, Voice voice, bool clitic, int affixes)
        {
            if (root.Length > bestLength || (root.Length == bestLength && affixes < bestAffixes))
            {
                best = new WordAnalysis(root, suffix, voice, clitic, false);
                bestLength = root.Length;
                bestAffixes = affixes;
            }
        }
    }

    private IEnumerable<(string Stem, string Suffix, bool Clitic, int Count)> SuffixCuts(string word)
    {
        yield return (word, "", false, 0);
        foreach (var (afterParticle, particleCount) in Cut(word, _particles))
        {
            foreach (var (afterClitic, cliticCount) in Cut(afterParticle, _clitics))
            {
                var clitic = cliticCount > 0;
                if (particleCount + cliticCount > 0)
                {
                    yield return (afterClitic, "", clitic, particleCount + cliticCount);
                }
                foreach (var suffix in _derivational)
                {
                    if (afterClitic.Length - suffix.Length >= MinRootLength && afterClitic.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        yield return (afterClitic[..^suffix.Length], suffix, clitic, particleCount + cliticCount + 1);
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Remainder, int Count)> Cut(string word, string[] endings)
    {
        yield return (word, 0);
        foreach (var ending in endings)
        {
            if (word.Length - ending.Length >= MinRootLength && word.EndsWith(ending, StringComparison.Ordinal))
            {
                yield return (word[..^ending.Length], 1);
            }
        }
    }

    private IEnumerable<(string Root, Voice Voice, int Count)> PrefixCuts(string stem, string suffix)
    {
        foreach (var (first, firstVoice) in PrefixOnce(stem))
        {
            var voice = Nominalise(firstVoice, suffix);
            if (_roots.Contains(first))
            {
                yield return (first, voice, 1);
            }
            foreach (var (second, secondVoice) in PrefixOnce(first))
            {
                // meN-/di-/ter- never stack on ber-: "memberikan" is mem-beri-kan, not mem-ber-ikan (fish).
                if (secondVoice == Voice.Intransitive && firstVoice is Voice.Active or Voice.Passive)
                {
                    continue;
                }
                if (_roots.Contains(second))
                {
                    yield return (second, voice, 2);
                }
            }
        }
    }

    private static Voice Nominalise(Voice prefixVoice, string suffix) =>
        prefixVoice == Voice.Nominal || (suffix == "an" && prefixVoice is Voice.None or Voice.Intransitive)
            ? Voice.Nominal
            : prefixVoice;

    private IEnumerable<(string Remainder, Voice Voice)> PrefixOnce(string word)
    {
        foreach (var rule in _prefixes)
        {
            if (!word.StartsWith(rule.Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = word[rule.Prefix.Length..];
            if (rest.Length < MinRootLength - 1)
            {
                continue;
            }
            if (rule.Restore.Length == 0)
            {
                if (rest.Length >= MinRootLength)
                {
                    yield return (rest, rule.Voice);
                }
            }
            else if (IsVowel(rest[0]))
            {
                // Nasal assimilation only swallows the root's first consonant before a vowel: menyerang = meN + serang.
                yield return (rule.Restore + rest, rule.Voice);
            }
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static WordAnalysis Fallback(string word)
    {
        if (word.Length > 5 && word.EndsWith("nya", StringComparison.Ordinal))
        {
            return new WordAnalysis(word[..^3], "", Voice.None, true, false);
        }
        return new WordAnalysis(word, "", Voice.None, false, false);
    }
}
