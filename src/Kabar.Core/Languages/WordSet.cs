using Kabar.Model;

namespace Kabar.Languages;

/// <summary>A set of words (lower-case ones, except the tokenizer's abbreviations: compared as written) asked about nearly every
/// token, most of which it does not hold: a <see cref="WordFilter"/> turns those away before the word is hashed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WordSet
{
    /// <summary>The words, in the library's own open-addressing table: the set is asked for each word its filter lets through, and a
    /// frozen set's look-up called out of line to hash the word.</summary>
    private readonly WordTable<bool> _words;
    private readonly WordFilter _filter;

    /// <summary>Creates the set.</summary>
    public WordSet(IEnumerable<string> words)
    {
        var set = words.ToHashSet(StringComparer.Ordinal);
        _words = new WordTable<bool>([.. set.Select(word => KeyValuePair.Create(word, true))]);
        _filter = new WordFilter(set);
    }

    /// <summary>How many words the set holds.</summary>
    public int Count => _words.Count;

    /// <summary>True when the set holds <paramref name="word"/>.</summary>
    public bool Contains(ReadOnlySpan<char> word) => _filter.MayContain(word) && _words.ContainsKey(word);

    /// <summary>True when the set holds the token's lower-cased text; the filter is asked by the token's key
    /// (<see cref="WordFilter.MayContain(in Token)"/>).</summary>
    public bool Contains(in Token token) => _filter.MayContain(in token) && _words.ContainsKey(in token);

    /// <summary>True when the set holds the token's lemma; the filter and the table are asked by the lemma's key
    /// (<see cref="WordFilter.MayContainLemma"/>, <see cref="WordHash.OfLemma"/>), as <see cref="Contains(in Token)"/> asks by the
    /// word's.</summary>
    public bool ContainsLemma(in Token token) =>
        _filter.MayContainLemma(in token) && _words.TryGetValue(WordHash.OfLemma(in token), token.Lemma, out _);

    /// <summary>False only when no word of the set starts with <paramref name="first"/>.</summary>
    public bool MayStartWith(char first) => _filter.MayStartWith(first);

    /// <summary>False when the token cannot begin a phrase that the set's words lead and figures may lead too, as a date or an
    /// amount: the token is then no figure, not one of the words, and no hyphenated word whose first part may be one ("mid-October",
    /// "twenty-five"). The time and quantity stages ask it of every token, most of which it turns away.</summary>
    public bool MayLead(in Token token)
    {
        if (token.Kind == TokenKind.Number || (token.Text.Length > 0 && char.IsDigit(token.Text[0])) || Contains(in token))
        {
            return true;
        }
        // The first letter is tested before the hyphen (which segmentation has looked for already).
        var lower = token.Lower;
        return lower.Length > 0 && MayStartWith(lower[0]) && token.LowerHasHyphen;
    }
}
