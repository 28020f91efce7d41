using System.Collections.Frozen;

namespace Kabar.Quantities;

/// <summary>The first characters and lengths of a set of words, so that a lookup asked about nearly every token, which most tokens
/// fail, is rejected at the cost of a shift and a mask before the word is hashed (as <see cref="Languages.PhraseTable{T}"/> does for
/// phrase starts).</summary>
/// <remarks>Filled once, then read-only and thread-safe.</remarks>
internal sealed class WordShapes
{
    private const int LengthBits = 64;

    /// <summary>For each ASCII first character, a bit per word length (the last bit: that length or longer). Non-ASCII first
    /// characters are not filtered.</summary>
    private readonly ulong[] _starts = new ulong[128];

    /// <summary>Records a word of the set.</summary>
    public void Add(string word)
    {
        if (word.Length > 0 && word[0] < 128)
        {
            _starts[word[0]] |= 1UL << Math.Min(word.Length, LengthBits - 1);
        }
    }

    /// <summary>False only when no recorded word starts with <paramref name="first"/>.</summary>
    public bool MayStartWith(char first) => first >= 128 || _starts[first] != 0;

    /// <summary>False only when no recorded word has this first character and length.</summary>
    public bool MayHold(ReadOnlySpan<char> word) =>
        word.Length == 0 || word[0] >= 128 || (_starts[word[0]] & (1UL << Math.Min(word.Length, LengthBits - 1))) != 0;
}

/// <summary>A set of lower-case words asked about nearly every token, most of which it does not hold (see <see cref="WordShapes"/>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class WordFilter
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly WordShapes _shapes = new();

    /// <summary>Creates the filter.</summary>
    public WordFilter(IEnumerable<string> words)
    {
        var set = words.ToFrozenSet(StringComparer.Ordinal);
        _words = set.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var word in set)
        {
            _shapes.Add(word);
        }
    }

    /// <summary>True when the set holds <paramref name="word"/>.</summary>
    public bool Contains(ReadOnlySpan<char> word) => _shapes.MayHold(word) && _words.Contains(word);

    /// <summary>False only when no word of the set starts with <paramref name="first"/>.</summary>
    public bool MayStartWith(char first) => _shapes.MayStartWith(first);
}
