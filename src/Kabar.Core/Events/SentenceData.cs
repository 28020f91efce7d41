using System.Runtime.InteropServices;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Events;

/// <summary>The tokens of one sentence as a view of the document's token array: indexed like an array, passed where a span is
/// asked for, but without copying the tokens for every sentence (a token is a 60-byte struct; the copies were a quarter of
/// what the event stage allocated).</summary>
internal readonly struct SentenceTokens
{
    private readonly Token[] _all;
    private readonly int _offset;

    public SentenceTokens(Document document, Sentence sentence)
    {
        // Checked once here as Document.TokensOf checks it; every index below is checked against the sentence's own length.
        _ = document.TokensOf(sentence);
        _all = ImmutableCollectionsMarshal.AsArray(document.Tokens) ?? [];
        _offset = sentence.FirstToken;
        Length = sentence.TokenCount;
    }

    /// <summary>Number of tokens in the sentence.</summary>
    public int Length { get; }

    /// <summary>The token at a position relative to the sentence; out of the sentence throws as an array would.</summary>
    public ref readonly Token this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new IndexOutOfRangeException();
            }
            return ref _all[_offset + index];
        }
    }

    public static implicit operator ReadOnlySpan<Token>(SentenceTokens tokens) => new(tokens._all, tokens._offset, tokens.Length);
}

/// <summary>Each sentence's entities, found in one pass over the document's entities instead of one pass per sentence.</summary>
internal static class SentenceEntities
{
    /// <summary>The entities of each sentence, by sentence index, in document order; entities inside the dateline are left out
    /// (the dateline says where the report was filed; its place is no actor of the first sentence).</summary>
    public static Entity[][] BySentence(Document document)
    {
        var dateline = document.Metadata.Dateline is { Length: > 0 } line ? document.Text.IndexOf(line, StringComparison.Ordinal) : -1;
        var datelineEnd = dateline < 0 ? -1 : dateline + document.Metadata.Dateline!.Length;
        var count = 0;
        foreach (var sentence in document.Sentences)
        {
            count = Math.Max(count, sentence.Index + 1);
        }
        var sizes = new int[count];
        foreach (var e in document.Entities)
        {
            if ((uint)e.Sentence < (uint)count && !(e.Start >= dateline && e.End <= datelineEnd))
            {
                sizes[e.Sentence]++;
            }
        }
        var result = new Entity[count][];
        for (var s = 0; s < count; s++)
        {
            result[s] = sizes[s] == 0 ? [] : new Entity[sizes[s]];
            sizes[s] = 0;
        }
        foreach (var e in document.Entities)
        {
            if ((uint)e.Sentence < (uint)count && !(e.Start >= dateline && e.End <= datelineEnd))
            {
                result[e.Sentence][sizes[e.Sentence]++] = e;
            }
        }
        return result;
    }

    /// <summary>The entities of one sentence from <see cref="BySentence"/>.</summary>
    public static Entity[] Of(Entity[][] bySentence, Sentence sentence) =>
        (uint)sentence.Index < (uint)bySentence.Length ? bySentence[sentence.Index] : [];
}

/// <summary>A phrase table's longest match at each token of one sentence, looked up the first time it is asked for: the coder asks
/// the modality and attribution tables about every token of the sentence again for each trigger it codes.</summary>
/// <typeparam name="T">The table's value.</typeparam>
internal sealed class PhraseMemo<T>(PhraseTable<T> table)
{
    /// <summary>Per token: −1 not looked up yet, 0 no phrase starts there, else the phrase's length in tokens.</summary>
    private int[] _length = [];
    private T[] _value = [];
    private int _count;

    /// <summary>Forgets the last sentence; the next one has <paramref name="count"/> tokens.</summary>
    public void Reset(int count)
    {
        if (_length.Length < count)
        {
            _length = new int[Math.Max(count, 2 * _length.Length)];
            _value = new T[_length.Length];
        }
        _count = count;
        Array.Fill(_length, -1, 0, count);
    }

    /// <summary>As <see cref="PhraseTable{T}.TryMatch(ReadOnlySpan{Token}, int, out int, out T)"/> on the sentence's tokens.</summary>
    public bool TryMatch(SentenceTokens tokens, int start, out int length, out T value)
    {
        if ((uint)start >= (uint)_count)
        {
            length = 0;
            value = default!;
            return false;
        }
        if (_length[start] < 0)
        {
            _length[start] = table.TryMatch(tokens, start, out var found, out var foundValue) ? found : 0;
            _value[start] = foundValue;
        }
        length = _length[start];
        value = _value[start];
        return length > 0;
    }
}

/// <summary>The root of a CAMEO code (its first two digits) as a number, read in place: <see cref="CameoCode.Root"/> cuts a new
/// string on every call, and the coder and the merger test roots for every trigger and every pair of events.</summary>
internal static class CameoRoot
{
    /// <summary>The root of a code of two digits or more (every code of <c>common/cameo.tsv</c>); as <c>Root</c>, a shorter code throws.</summary>
    public static int Of(string code) => code.Length < 2 ? throw new ArgumentException($"CAMEO code '{code}' has no root", nameof(code))
        : ((code[0] - '0') * 10) + (code[1] - '0');

    /// <inheritdoc cref="Of(string)"/>
    public static int Of(CameoCode code) => Of(code.Code);
}
