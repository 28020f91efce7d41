using System.Numerics;
using System.Runtime.CompilerServices;

namespace Kabar.LanguageId;

/// <summary>
/// Short ASCII words, lower-cased and packed one byte per character into a 64-bit key, each mapped to a set of up to 32 bits (for
/// the language identifier: the candidate languages whose profiles list the word). A look-up is one multiply, one slot and one
/// comparison of two numbers, with no string to hash, lower-case or compare.
/// </summary>
/// <remarks>Why: the profiles' words are the language's most frequent words, so nearly half the words of a text are found, and each
/// was lower-cased into a buffer, hashed, and compared character by character in a frozen dictionary (about 40 % of the
/// identifier's time by the profile). Nearly all profile words have at most <see cref="MaxLength"/> letters; longer words and words
/// with any other character are for the caller's other table. Read-only after it is built, and thread-safe then.</remarks>
internal sealed class PackedWordTable
{
    /// <summary>Longest word a key holds.</summary>
    public const int MaxLength = 8;

    /// <summary>Open addressing with linear probing; 0 marks an empty slot, which no word packs to (its characters are not 0).</summary>
    private readonly ulong[] _keys;
    private readonly uint[] _values;
    private readonly int _shift;

    /// <summary>Builds the table from words that <see cref="TryPack"/> accepts (others are left out: the caller keeps them) with their
    /// bits; a word given twice gets the union of its bits.</summary>
    public PackedWordTable(IEnumerable<KeyValuePair<string, uint>> words)
    {
        var packed = new Dictionary<ulong, uint>();
        foreach (var (word, bits) in words)
        {
            if (TryPack(word, out var key))
            {
                packed[key] = packed.GetValueOrDefault(key) | bits;
            }
        }
        // At most a quarter full, so that a word that is absent (most words) ends its probe at the first or second slot.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(packed.Count, 4) * 4);
        _shift = 64 - BitOperations.Log2((uint)size);
        _keys = new ulong[size];
        _values = new uint[size];
        foreach (var (key, bits) in packed)
        {
            var slot = SlotOf(key);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }
            _keys[slot] = key;
            _values[slot] = bits;
        }
    }

    /// <summary>Number of words in the table.</summary>
    public int Count => _keys.Count(k => k != 0);

    /// <summary>The key of <paramref name="word"/> lower-cased, when it has 1 to <see cref="MaxLength"/> characters, all ASCII letters
    /// or apostrophes (the characters of a word as the identifier reads one).</summary>
    public static bool TryPack(ReadOnlySpan<char> word, out ulong key)
    {
        key = 0;
        if (word.IsEmpty || word.Length > MaxLength)
        {
            return false;
        }
        foreach (var c in word)
        {
            if (!char.IsAsciiLetter(c) && c != '\'')
            {
                return false;
            }
            key = Append(key, c);
        }
        return true;
    }

    /// <summary>The key of a word with <paramref name="c"/>, an ASCII letter or an apostrophe, appended: how <see cref="TryPack"/>
    /// packs a word, for a caller that packs each word as it reads it. Past <see cref="MaxLength"/> characters the first ones are
    /// shifted out: such a caller checks the length before it looks the key up.</summary>
    /// <remarks>"| 0x20" lower-cases a letter as invariant lower case does, and leaves the apostrophe (0x27) as it is; no branch,
    /// as the identifier's loop asks it of every character of the text.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Append(ulong key, char c) => (key << 8) | (uint)(c | 0x20);

    /// <summary>The bits of the word packed in <paramref name="key"/>; 0 when it is not in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Get(ulong key)
    {
        var keys = _keys;
        var slot = SlotOf(key);
        while (true)
        {
            var found = keys[slot];
            if (found == key)
            {
                return _values[slot];
            }
            if (found == 0)
            {
                return 0;
            }
            slot = (slot + 1) & (keys.Length - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}
