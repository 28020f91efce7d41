using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Morphology;

/// <summary>The read-only snapshot of the morphology memo (<see cref="BoundedCache{TValue}"/>): a <see cref="WordTable{TValue}"/>
/// whose slot tells a short word by a number that spells it, so that finding the word does not read the word the slot holds.</summary>
/// <remarks>
/// <para>Every word of every sentence is looked up here. The slots are prefetched a sentence at a time, but the word a slot holds
/// is a string somewhere else on the heap, rarely in cache: reading it to confirm the match was half of the morphology loops'
/// samples (docs/performance.md, fourteenth pass). A word of up to twelve characters from a–z, hyphen, apostrophe and dot (about
/// 97 % of the words of news text, once lower-cased) is spelled exactly by five bits a character (<see cref="TagOf"/>); such a word
/// matches a slot when the numbers are equal. Any other word is told by its hash and then its characters, as in a word table.</para>
/// <para>The slot keeps a word table's size, since the 8-byte number takes the place of the 4-byte hash and its padding. Only the
/// memo, where nearly every look-up finds its word: in the phrase tables most steps of a look-up find nothing, so the word was
/// rarely read there, and working out the number at each step cost more than it saved. Both were tried: the packed word beside
/// the hash in every table (eighth pass, larger slots) and this table under the phrase tables' nodes (fourteenth pass: entities
/// +3.7 %).</para>
/// </remarks>
internal sealed class MemoSnapshot<TValue>
{
    /// <summary>A snapshot with no words.</summary>
    public static readonly MemoSnapshot<TValue> Empty = new([]);

    /// <summary>The longest word spelled by its number: twelve characters of five bits, below the bit that marks a spelled word.</summary>
    internal const int MaxSpelledLength = 12;

    /// <summary>Marks a number that spells its word; a hash (32 bits) never has it.</summary>
    private const ulong Spelled = 1UL << 63;

    /// <summary>Each character's five bits, 1–29 (0: a character that cannot be spelled): a–z, then hyphen, apostrophe, dot.</summary>
    private static readonly byte[] Codes = MakeCodes();

    private readonly Slot[] _slots;
    private readonly int _mask;

    /// <summary>Lays out the entries; a word listed twice keeps its first value.</summary>
    public MemoSnapshot(IReadOnlyCollection<KeyValuePair<string, TValue>> entries)
    {
        _slots = entries.Count == 0 ? [] : new Slot[WordHash.TableSize(entries.Count)];
        _mask = _slots.Length - 1;
        foreach (var (word, value) in entries)
        {
            var hash = WordHash.Of(word);
            if (Find(hash, word) < 0)
            {
                var i = (int)hash & _mask;
                while (_slots[i].Word is not null)
                {
                    i = (i + 1) & _mask;
                }
                _slots[i] = new Slot(TagOf(word, hash), word, value);
                Count++;
            }
        }
    }

    /// <summary>How many words the snapshot holds.</summary>
    public int Count { get; }

    /// <summary>The value of <paramref name="word"/>, if the snapshot has it.</summary>
    public bool TryGetValue(string word, out TValue value) => TryGetValue(Find(WordHash.Of(word), word), out value);

    /// <summary>The value of the token's lower-cased text, if the snapshot has it, found by the hash worked out when
    /// the token was made.</summary>
    public bool TryGetValue(in Token token, out TValue value) => TryGetValue(Find(WordHash.OfLower(in token), token.Lower), out value);

    private bool TryGetValue(int slot, out TValue value)
    {
        if (slot < 0)
        {
            value = default!;
            return false;
        }
        value = _slots[slot].Value;
        return true;
    }

    /// <summary>The slot holding <paramref name="word"/>, or -1.</summary>
    private int Find(uint hash, string word)
    {
        if (Count == 0)
        {
            return -1;
        }
        var tag = TagOf(word, hash);
        for (var i = (int)hash & _mask; ; i = (i + 1) & _mask)
        {
            ref readonly var slot = ref _slots[i];
            if (slot.Word is null)
            {
                return -1;
            }
            // A spelled word is its number: the slot's string is not read.
            if (slot.Tag == tag && (tag >= Spelled || string.Equals(word, slot.Word, StringComparison.Ordinal)))
            {
                return i;
            }
        }
    }

    /// <summary>Starts loading the slot where the token's lower-cased text would be, so that a look-up soon after need not wait for
    /// it.</summary>
    /// <remarks>A hint only: nothing is read, and on a processor without the instruction nothing happens. The one unsafe method of
    /// the library, because the prefetch instruction takes an address. The array is not pinned: should the collector move it in
    /// between, the hint points at where it was and is wasted, never wrong.</remarks>
    public unsafe void Prefetch(in Token token)
    {
        if (Count > 0 && Sse.IsSupported)
        {
            var i = (int)WordHash.OfLower(in token) & _mask;
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[i]));
        }
    }

    /// <summary>The number that spells <paramref name="word"/> (with <see cref="Spelled"/> set), or its hash when it cannot be spelled.
    /// Two words that can be spelled have the same number only when they are the same word: every character's code is non-zero,
    /// so the number also tells the length.</summary>
    internal static ulong TagOf(string word, uint hash)
    {
        if (word.Length is 0 or > MaxSpelledLength)
        {
            return hash;
        }
        var codes = Codes;
        ulong spelled = 0;
        foreach (var c in word)
        {
            uint code = c < 128 ? codes[c] : 0u;
            if (code == 0)
            {
                return hash;
            }
            spelled = (spelled << 5) | code;
        }
        return spelled | Spelled;
    }

    private static byte[] MakeCodes()
    {
        var codes = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            codes[c] = (byte)(c - 'a' + 1);
        }
        codes['-'] = 27;
        codes['\''] = 28;
        codes['.'] = 29;
        return codes;
    }

    /// <summary>Plain fields, as in <see cref="WordTable{TValue}"/>'s slot; the 8-byte tag takes the place of its hash and
    /// padding.</summary>
    private readonly struct Slot(ulong tag, string word, TValue value)
    {
        public readonly ulong Tag = tag;
        public readonly string? Word = word;
        public readonly TValue Value = value;
    }
}
