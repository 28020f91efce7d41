using System.Numerics;
using System.Runtime.CompilerServices;

namespace Kabar.LanguageId;

/// <summary>
/// Short ASCII words, lower-cased and packed five bits per character into a 40-bit key, each mapped to a set of up to
/// <see cref="MaxBits"/> bits (for the language identifier: the candidate languages whose profiles list the word). The key and its
/// bits share one 64-bit slot, so a look-up is one multiply, one slot and one comparison of two numbers, with no string to hash,
/// lower-case or compare, and no second array to read.
/// </summary>
/// <remarks>Why: the profiles' words are the language's most frequent words, so nearly half the words of a text are found, and each
/// was lower-cased into a buffer, hashed, and compared character by character in a frozen dictionary (about 40 % of the
/// identifier's time by the profile). The bits were then kept in an array beside the keys, and reading it was a second wait for
/// memory on every word found (about a tenth of the identifier's samples). Nearly all profile words have at most
/// <see cref="MaxLength"/> letters; longer words and words with any other character are for the caller's other table. Read-only
/// after it is built, and thread-safe then.</remarks>
internal sealed class PackedWordTable
{
    /// <summary>Longest word a key holds.</summary>
    public const int MaxLength = 8;

    /// <summary>How many bits a word's set can have: what a slot leaves beside a key of <see cref="MaxLength"/> five-bit
    /// characters.</summary>
    public const int MaxBits = 64 - (MaxLength * BitsPerCharacter);

    private const int BitsPerCharacter = 5;
    private const ulong BitsMask = (1UL << MaxBits) - 1;

    /// <summary>Open addressing with linear probing; each slot holds a key above its bits. 0 marks an empty slot, which no word
    /// fills (its characters pack to numbers other than 0).</summary>
    private readonly ulong[] _slots;
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
        _slots = new ulong[size];
        foreach (var (key, bits) in packed)
        {
            if (bits > BitsMask)
            {
                throw new ArgumentException($"a word's set holds at most {MaxBits} bits; 0x{bits:X} given", nameof(words));
            }
            var slot = SlotOf(key);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }
            _slots[slot] = (key << MaxBits) | bits;
        }
    }

    /// <summary>Number of words in the table.</summary>
    public int Count => _slots.Count(k => k != 0);

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
            if (!TryAppend(ref key, c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Appends <paramref name="c"/> to a word's key when it is an ASCII letter (in either case) or an apostrophe, and says
    /// whether it was: how <see cref="TryPack"/> packs a word, for a caller that packs each word as it reads it. Past
    /// <see cref="MaxLength"/> characters the key outgrows a slot's 40 bits, and later loses its first characters: such a caller
    /// checks the length before it looks the key up.</summary>
    /// <remarks>A letter's number is its place in the alphabet, 1 to 26, which the test for a letter works out anyway ("| 0x20"
    /// lower-cases it as invariant lower case does); the apostrophe, rarer, is 27. None is 0, so no word's key is 0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAppend(ref ulong key, char c)
    {
        var letter = (uint)(c | 0x20) - ('a' - 1);
        if (letter - 1 < 26)
        {
            key = (key << BitsPerCharacter) | letter;
            return true;
        }
        if (c == '\'')
        {
            key = (key << BitsPerCharacter) | 27;
            return true;
        }
        return false;
    }

    /// <summary>The bits of the word packed in <paramref name="key"/>; 0 when it is not in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Get(ulong key)
    {
        var slots = _slots;
        var slot = SlotOf(key);
        while (true)
        {
            var found = slots[slot];
            if (found >> MaxBits == key)
            {
                return (uint)(found & BitsMask);
            }
            if (found == 0)
            {
                return 0;
            }
            slot = (slot + 1) & (slots.Length - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}
