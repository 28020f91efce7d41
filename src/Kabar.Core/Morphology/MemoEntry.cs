namespace Kabar.Morphology;

/// <summary>What a morphology memo keeps for a word form: its analysis, and what the sentence loop asks of every word without
/// reading the analysis's strings.</summary>
/// <param name="Analysis">The analysis.</param>
/// <param name="LemmaIsWord">The lemma is the form itself, as for most words: the loop then uses the token's own lower-cased text,
/// and need not compare the memo's copy of the word, whose characters are rarely in the cache, with it.</param>
/// <param name="Participle">English: the form can be a participle, which otherwise costs a second look-up per word.</param>
internal readonly record struct MemoEntry(WordAnalysis Analysis, bool LemmaIsWord, bool Participle = false)
{
    /// <summary>The lemma's hash when it is not the word (<see cref="Model.Token.LemmaKey"/>), else 0: worked out once per word
    /// form.</summary>
    public uint LemmaKey { get; init; }

    /// <summary>The entry of <paramref name="word"/>'s analysis.</summary>
    public static MemoEntry Of(string word, WordAnalysis analysis)
    {
        var lemmaIsWord = string.Equals(analysis.Lemma, word, StringComparison.Ordinal);
        return new(analysis, lemmaIsWord) { LemmaKey = lemmaIsWord ? 0 : Languages.WordFilter.KeyOf(analysis.Lemma) };
    }
}
