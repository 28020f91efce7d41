using System.Collections.Frozen;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Morphology;

/// <summary>
/// English lemmatiser: irregular forms from a table, regular inflections (<c>-s</c>, <c>-es</c>, <c>-ies</c>, <c>-ed</c>,
/// <c>-ing</c>, doubled consonants, silent <c>e</c>) checked against a list of base forms, and passive voice read from
/// context (<c>was attacked</c>, <c>were reportedly killed</c>).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class EnglishMorphology : IMorphology
{
    /// <summary>Forms of "be" (and "get", for get-passives) before a participle. A pattern, not a set: asked about up to three words
    /// before every participle, a length switch and a character compare beat hashing the word.</summary>
    private static bool IsBeForm(string word) =>
        word is "be" or "is" or "are" or "was" or "were" or "been" or "being" or "get" or "gets" or "got" or "gotten" or "'s" or "'re";

    private readonly FrozenSet<string> _roots;
    private readonly FrozenDictionary<string, string> _irregular;
    private readonly FrozenSet<string> _irregularParticiples;
    private readonly FrozenDictionary<string, FrozenSet<string>> _reducedPassives;
    private readonly FrozenDictionary<string, FrozenSet<string>> _statives;

    /// <summary>The lemmas of the two tables above, as filters asked by the lemma's key (<see cref="MemoEntry.LemmaKey"/>): most
    /// participles are neither, and the dictionaries would hash the lemma to say so.</summary>
    private readonly WordFilter _reducedPassiveLemmas;
    private readonly WordFilter _stativeLemmas;
    private readonly BoundedCache<MemoEntry> _cache = new(500_000);
    private readonly Func<string, MemoEntry> _analyzeUncached;

    /// <summary>Creates the lemmatiser.</summary>
    /// <param name="roots">Base forms.</param>
    /// <param name="irregular">Irregular forms mapped to their lemma (<c>held</c> → <c>hold</c>).</param>
    /// <param name="reducedPassives">Verbs (lemmas) whose participle, right before one of the listed words, is a passive with no
    /// auxiliary: <c>officials accused of</c>, <c>two soldiers killed in</c>.</param>
    /// <param name="statives">Verbs (lemmas) whose participle after a be-form, right before one of the listed words, is an
    /// adjective of the subject, not a passive: <c>Israel is opposed to</c>.</param>
    public EnglishMorphology(IEnumerable<string> roots, IReadOnlyDictionary<string, string> irregular,
        IReadOnlyDictionary<string, FrozenSet<string>>? reducedPassives = null,
        IReadOnlyDictionary<string, FrozenSet<string>>? statives = null)
    {
        _reducedPassives = (reducedPassives ?? new Dictionary<string, FrozenSet<string>>()).ToFrozenDictionary(StringComparer.Ordinal);
        _statives = (statives ?? new Dictionary<string, FrozenSet<string>>()).ToFrozenDictionary(StringComparer.Ordinal);
        _reducedPassiveLemmas = new WordFilter(_reducedPassives.Keys);
        _stativeLemmas = new WordFilter(_statives.Keys);
        _roots = roots.ToFrozenSet(StringComparer.Ordinal);
        _irregular = irregular.ToFrozenDictionary(StringComparer.Ordinal);
        // Participles: irregular forms other than a simple past that has a participle in -n beside it ("spoke" beside "spoken",
        // "went" beside "gone"): "Blinken spoke by phone" is no passive.
        var withParticipleInN = irregular.Where(p => p.Key.EndsWith('n')).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        _irregularParticiples = irregular.Keys.Where(form => form.EndsWith('n') || !withParticipleInN.Contains(irregular[form]))
            .ToFrozenSet(StringComparer.Ordinal);
        // One delegate for the memo, not a new closure for every word analysed.
        _analyzeUncached = w => MemoEntry.Of(w, new WordAnalysis(Lemmatize(w), "", Voice.None, false, false)) with { Participle = IsParticiple(w) };
    }

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
            var lemma = entry.LemmaIsWord ? token.Lower : entry.Analysis.Lemma;
            // "were killed", and the reduced relative "victims killed by the crash": a participle right before "by" is passive;
            // so is a transitive verb's participle right before a preposition ("officials accused of", "a member jailed over").
            var following = i + 1 < tokens.Length ? tokens[i + 1].Lower : "";
            var participle = entry.Participle && !entry.LemmaIsWord;
            var afterBe = participle && FollowsBe(tokens, i);
            var reduced = participle && !afterBe && i > 0
                && (following == "by" || (Listed(_reducedPassives, _reducedPassiveLemmas, lemma, entry.LemmaKey, following)
                    && !FollowsHave(tokens, i)));
            var voice = (afterBe && !Listed(_statives, _stativeLemmas, lemma, entry.LemmaKey, following)) || reduced
                ? Voice.Passive
                : Voice.None;
            if (token.Voice != voice || token.IsReducedPassive != reduced || !string.Equals(token.Lemma, lemma, StringComparison.Ordinal))
            {
                // Most words are their own lemma and no passive: the token is left as it is rather than copied over with equal values.
                tokens[i] = token with { Lemma = lemma, LemmaKey = entry.LemmaKey, Voice = voice, IsReducedPassive = reduced };
            }
        }
    }

    private bool IsParticiple(string word) =>
        word.EndsWith("ed", StringComparison.Ordinal) || (_irregularParticiples.Contains(word) && !word.EndsWith("ing", StringComparison.Ordinal));

    /// <summary>Whether the table lists <paramref name="next"/> for <paramref name="lemma"/>; the filter of its lemmas is asked first, by
    /// the lemma's key when there is one (a participle's lemma is not its word, so it has one unless it is empty).</summary>
    private static bool Listed(FrozenDictionary<string, FrozenSet<string>> table, WordFilter lemmas, string lemma, uint lemmaKey,
        string next) =>
        (lemmaKey == 0 || lemmas.MayContainKey(lemmaKey)) && table.TryGetValue(lemma, out var words) && words.Contains(next);

    /// <summary>A perfect auxiliary right before ("has jailed"): an active verb.</summary>
    private static bool FollowsHave(Span<Token> tokens, int index) =>
        index > 0 && tokens[index - 1].Lower is "has" or "have" or "had" or "'ve" or "'d";

    /// <summary>A be-form within three tokens before, with only adverbs or negation between.</summary>
    private static bool FollowsBe(Span<Token> tokens, int index)
    {
        for (var j = index - 1; j >= 0 && j >= index - 3; j--)
        {
            var lower = tokens[j].Lower;
            if (IsBeForm(lower))
            {
                return true;
            }
            var skippable = lower.EndsWith("ly", StringComparison.Ordinal) || lower is "not" or "n't" or "also" or "reportedly" or "allegedly";
            if (!skippable)
            {
                return false;
            }
        }
        return false;
    }

    private string Lemmatize(string word)
    {
        if (_irregular.TryGetValue(word, out var lemma))
        {
            return lemma;
        }
        if (_roots.Contains(word) || word.Length < 4)
        {
            return word;
        }
        foreach (var candidate in Candidates(word))
        {
            if (_roots.Contains(candidate))
            {
                return candidate;
            }
        }
        return Guess(word);
    }

    private static IEnumerable<string> Candidates(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            yield return word[..^3] + "y";
        }
        if (word.EndsWith("ied", StringComparison.Ordinal))
        {
            yield return word[..^3] + "y";
        }
        // "-s" before "-es": when both stems are words, the longer is the noun's ("refugees" → refugee, not refuge; "uses" → use).
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            yield return word[..^1];
        }
        if (word.EndsWith("es", StringComparison.Ordinal))
        {
            yield return word[..^2];
        }
        foreach (var ending in (string[])["ed", "ing"])
        {
            if (!word.EndsWith(ending, StringComparison.Ordinal) || word.Length - ending.Length < 2)
            {
                continue;
            }
            var stem = word[..^ending.Length];
            yield return stem;
            yield return stem + "e";
            if (stem.Length > 2 && stem[^1] == stem[^2])
            {
                yield return stem[..^1];
            }
        }
    }

    /// <summary>For words outside the lists: strip the inflection the usual way.</summary>
    private static string Guess(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }
        return word;
    }
}
