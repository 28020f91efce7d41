using System.Runtime.InteropServices;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Segmentation;

/// <summary>Tokenizes, splits sentences and runs morphology with the document language's pack.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class Segmenter(IReadOnlyDictionary<string, LanguagePack> packs) : IStage
{
    /// <summary>Largest token list kept for the thread's next document (a 64K-token list is 3.5 MB).</summary>
    private const int MaxKeptTokens = 1 << 16;

    /// <summary>The token list of this thread's previous document, reused: the tokens end up in an exact-size array anyway, and the
    /// growing list was a third of the stage's allocation.</summary>
    [ThreadStatic]
    private static List<Token>? t_tokens;

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
        var tokens = t_tokens ?? [];
        t_tokens = null; // not shared with a nested call, should there ever be one
        pack.Tokenizer.TokenizeInto(document.Text, tokens);
        var sentences = pack.SentenceSplitter.Split(document.Text, tokens);
        // The tokens came with their words' hashes; they are copied into the document in one block.
        var array = tokens.ToArray();
        tokens.Clear();
        if (tokens.Capacity <= MaxKeptTokens)
        {
            t_tokens = tokens;
        }
        foreach (var sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pack.Morphology.AnalyzeSentence(array.AsSpan(sentence.FirstToken, sentence.TokenCount));
        }
        // The array is new and no one else holds it: wrap it rather than copy it again.
        return document with { Tokens = ImmutableCollectionsMarshal.AsImmutableArray(array), Sentences = [.. sentences] };
    }
}
