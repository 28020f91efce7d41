using Kabar.Model;

namespace Kabar.Morphology;

/// <summary>What morphology says about one word form.</summary>
/// <param name="Lemma">Root (Indonesian) or lemma (English), lower case.</param>
/// <param name="Suffix">Derivational suffix that changes meaning (<c>kan</c>, <c>i</c>, <c>an</c>), else empty.</param>
/// <param name="Voice">Voice marked by the affixes.</param>
/// <param name="Clitic">True when a clitic such as <c>-nya</c> was attached.</param>
/// <param name="Reduplicated">True for a reduplicated plural (<c>kelompok-kelompok</c>).</param>
public readonly record struct WordAnalysis(string Lemma, string Suffix, Voice Voice, bool Clitic, bool Reduplicated);

/// <summary>Reduces word forms to the roots or lemmas the lexicons are written in.</summary>
/// <remarks>Implementations are thread-safe: one instance serves every document.</remarks>
public interface IMorphology
{
    /// <summary>Analyses one lower-cased word.</summary>
    WordAnalysis Analyze(string lowerWord);

    /// <summary>Analyses the tokens of one sentence in place, using context where the language needs it (English passives).</summary>
    void AnalyzeSentence(Span<Token> tokens);
}

/// <summary>Morphology for languages without a module: every form is its own lemma.</summary>
public sealed class NoMorphology : IMorphology
{
    /// <inheritdoc />
    public WordAnalysis Analyze(string lowerWord) => new(lowerWord, "", Voice.None, false, false);

    /// <inheritdoc />
    public void AnalyzeSentence(Span<Token> tokens)
    {
    }
}
