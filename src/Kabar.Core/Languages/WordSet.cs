using System.Collections.Frozen;
using Kabar.Model;

namespace Kabar.Languages;

/// <summary>A set of lower-case words asked about nearly every token, most of which it does not hold: a <see cref="WordFilter"/> turns
/// those away before the word is hashed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WordSet
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly WordFilter _filter;

    /// <summary>Creates the set.</summary>
    public WordSet(IEnumerable<string> words)
    {
        var set = words.ToFrozenSet(StringComparer.Ordinal);
        _words = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _filter = new WordFilter(set);
    }

    /// <summary>True when the set holds <paramref name="word"/>.</summary>
    public bool Contains(ReadOnlySpan<char> word) => _filter.MayContain(word) && _words.Contains(word);

    /// <summary>True when the set holds the token's lower-cased text; the filter is asked by the token's key
    /// (<see cref="WordFilter.MayContain(in Token)"/>).</summary>
    public bool Contains(in Token token) => _filter.MayContain(in token) && _words.Contains(token.Lower);

    /// <summary>False only when no word of the set starts with <paramref name="first"/>.</summary>
    public bool MayStartWith(char first) => _filter.MayStartWith(first);
}
