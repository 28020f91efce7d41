using System.Runtime.InteropServices;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Segmentation;

/// <summary>Tokenizes, splits sentences and runs morphology with the document language's pack.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class Segmenter(IReadOnlyDictionary<string, LanguagePack> packs) : IStage
{
    /// <inheritdoc />
    public string Name => "segment";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["text", "language"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["tokens", "sentences", "morphology"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (!packs.TryGetValue(document.Language, out var pack))
        {
            return document;
        }
        var tokens = pack.Tokenizer.Tokenize(document.Text);
        var sentences = pack.SentenceSplitter.Split(document.Text, tokens);
        var array = tokens.ToArray();
        foreach (var sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pack.Morphology.AnalyzeSentence(array.AsSpan(sentence.FirstToken, sentence.TokenCount));
        }
        // The array is new and no one else holds it: wrap it rather than copy it again.
        return document with { Tokens = ImmutableCollectionsMarshal.AsImmutableArray(array), Sentences = [.. sentences] };
    }
}
