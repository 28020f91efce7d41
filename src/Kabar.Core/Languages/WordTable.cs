using Kabar.Model;

namespace Kabar.Languages;

/// <summary>An immutable table from words to values, laid out for the look-ups Kabar makes for every word of every sentence: an
/// open-addressing array, at most half full, whose slot holds the hash, the word and the value side by side.</summary>
/// <remarks>A look-up reads one slot (one or two cache lines) and, when the hash matches, the word's characters: no comparer
/// interface call, no bucket array, no separate key and value arrays. Between two documents the other stages push the tables out
/// of the cache, so the cache lines a look-up touches are most of what it costs. Ordinal (case-sensitive) comparison.</remarks>
internal sealed class WordTable<TValue>
{
    /// <summary>A table with no words.</summary>
    public static readonly WordTable<TValue> Empty = new([]);

    private readonly Slot[] _slots;
    private readonly int _mask;

    /// <summary>Lays out the entries; a word listed twice keeps its first value.</summary>
    public WordTable(IReadOnlyCollection<KeyValuePair<string, TValue>> entries)
    {
        _slots = entries.Count == 0 ? [] : new Slot[WordHash.TableSize(entries.Count)];
        _mask = _slots.Length - 1;
        foreach (var (word, value) in entries)
        {
            var hash = WordHash.Of(word);
            var i = (int)hash & _mask;
            while (_slots[i].Word is { } taken && !(_slots[i].Hash == hash && string.Equals(taken, word, StringComparison.Ordinal)))
            {
                i = (i + 1) & _mask;
            }
            if (_slots[i].Word is null)
            {
                _slots[i] = new Slot(hash, word, value);
                Count++;
            }
        }
    }

    /// <summary>How many words the table holds.</summary>
    public int Count { get; }

    /// <summary>The words, in no particular order.</summary>
    public IEnumerable<string> Words
    {
        get
        {
            foreach (var slot in _slots)
            {
                if (slot.Word is not null)
                {
                    yield return slot.Word;
                }
            }
        }
    }

    /// <summary>The value of <paramref name="word"/>, if the table has it.</summary>
    public bool TryGetValue(string word, out TValue value) => TryGetValue(word.AsSpan(), out value);

    /// <summary>The value of <paramref name="word"/>, if the table has it.</summary>
    public bool TryGetValue(ReadOnlySpan<char> word, out TValue value) => TryGetValue(WordHash.Of(word), word, out value);

    /// <summary>The value of the token's lower-cased text, if the table has it, by the hash worked out when the token was made
    /// (<see cref="WordHash.OfLower"/>): every word of a sentence is looked up in some table, and hashing it again for each was work
    /// done twice or more.</summary>
    public bool TryGetValue(in Token token, out TValue value) => TryGetValue(WordHash.OfLower(in token), token.Lower, out value);

    /// <summary>The value of <paramref name="word"/>, if the table has it, found by <paramref name="hash"/>, which must be the word's
    /// <see cref="WordHash.Of(ReadOnlySpan{char})"/>: for a caller that has it already (<see cref="WordHash.OfLemma"/>).</summary>
    internal bool TryGetValue(uint hash, ReadOnlySpan<char> word, out TValue value)
    {
        if (Count > 0)
        {
            for (var i = (int)hash & _mask; ; i = (i + 1) & _mask)
            {
                ref readonly var slot = ref _slots[i];
                if (slot.Word is null)
                {
                    break;
                }
                if (slot.Hash == hash && word.SequenceEqual(slot.Word))
                {
                    value = slot.Value;
                    return true;
                }
            }
        }
        value = default!;
        return false;
    }

    /// <summary>True when the table has <paramref name="word"/>.</summary>
    public bool ContainsKey(ReadOnlySpan<char> word) => TryGetValue(word, out _);

    /// <summary>True when the table has the token's lower-cased text (by its hash, as <see cref="TryGetValue(in Token, out TValue)"/>).</summary>
    public bool ContainsKey(in Token token) => TryGetValue(in token, out _);

    /// <summary>Plain fields: the slot is read in the hottest loops of the pipeline, where property getters of a generic struct were
    /// not always inlined.</summary>
    private readonly struct Slot(uint hash, string word, TValue value)
    {
        public readonly uint Hash = hash;
        public readonly string? Word = word;
        public readonly TValue Value = value;
    }
}
