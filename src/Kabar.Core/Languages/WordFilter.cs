using System.Numerics;
using System.Runtime.CompilerServices;
using Kabar.Model;

namespace Kabar.Languages;

/// <summary>
/// A Bloom filter over words, keyed by the word's <see cref="WordHash"/>: it answers "certainly not one of the words" from a few
/// hundred bytes that stay in the processor's cache, before a table look-up that reads memory that does not. Words that do belong
/// always pass; a few others do too.
/// </summary>
/// <remarks>Two bits per word and about sixteen bits of filter per word, so under 2 % of other words get through. Read-only after
/// it is built, and thread-safe then.</remarks>
public sealed class WordFilter
{
    private readonly ulong[] _bits;
    private readonly uint _mask;

    /// <summary>A bit per ASCII first letter of the words.</summary>
    private readonly ulong[] _firstLetters = new ulong[2];

    /// <summary>Whether some word starts with a character outside ASCII.</summary>
    private readonly bool _anyNonAsciiStart;

    /// <summary>Builds the filter of <paramref name="words"/> (compared as given: lower-case them first where lookups are).</summary>
    public WordFilter(IReadOnlyCollection<string> words)
    {
        var size = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(words.Count, 1) * 16), 512, 1 << 16);
        _bits = new ulong[size / 64];
        _mask = (uint)size - 1;
        foreach (var word in words)
        {
            if (word.Length == 0)
            {
                continue; // the empty word always passes (MayContain)
            }
            if (word[0] < 128)
            {
                _firstLetters[word[0] >> 6] |= 1UL << word[0];
            }
            else
            {
                _anyNonAsciiStart = true;
            }
            var hash = WordHash.Of(word);
            _bits[(hash & _mask) >> 6] |= BitsOf(hash);
        }
    }

    /// <summary>False only when no word starts with <paramref name="first"/> (exact for ASCII letters).</summary>
    public bool MayStartWith(char first) => first < 128 ? (_firstLetters[first >> 6] & (1UL << first)) != 0 : _anyNonAsciiStart;

    /// <summary>The number a word is filtered by (its <see cref="WordHash"/>, never 0); 0 for the empty word (which every filter may
    /// contain). Worked out once per token (<see cref="Token.LowerKey"/>): the many filters asked about the token, and the tables
    /// behind them (<see cref="WordHash.OfLower"/>), need not read and hash the word again.</summary>
    public static uint KeyOf(ReadOnlySpan<char> word) => KeyOf(word, out _);

    /// <summary>As <see cref="KeyOf(ReadOnlySpan{char})"/>, and whether the word holds a hyphen, read off in the same pass
    /// (<see cref="Token.LowerHyphen"/>).</summary>
    public static uint KeyOf(ReadOnlySpan<char> word, out bool hyphen)
    {
        hyphen = false;
        return word.IsEmpty ? 0 : WordHash.Of(word, out hyphen);
    }

    /// <summary>As <see cref="MayContain(ReadOnlySpan{char})"/> for the token's lower-cased text, by its key when the token has
    /// one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(in Token token)
    {
        var key = token.LowerKey;
        return key == 0 ? MayContain(token.Lower) : MayContainKey(key);
    }

    /// <summary>As <see cref="MayContain(ReadOnlySpan{char})"/> for the token's lemma: by the key morphology gave with it
    /// (<see cref="Token.LemmaKey"/>), or as <see cref="MayContain(in Token)"/> when the lemma is the word; a lemma it turns away is
    /// neither hashed nor read.</summary>
    public bool MayContainLemma(in Token token) =>
        token.LemmaKey is var key and not 0 ? MayContainKey(key)
        : ReferenceEquals(token.Lemma, token.Lower) ? MayContain(in token) : MayContain(token.Lemma);

    /// <summary>As <see cref="MayContain(ReadOnlySpan{char})"/> for a word whose key (<see cref="KeyOf(ReadOnlySpan{char})"/>, not 0)
    /// is known.</summary>
    /// <remarks>Both bits of a word are in one 64-bit word of the filter (a blocked Bloom filter), so a question reads one cache line,
    /// not two: the names' filter is tens of kilobytes, asked about every token, and out of the cache between sentences.</remarks>
    public bool MayContainKey(uint hash)
    {
        var bits = BitsOf(hash);
        return (_bits[(hash & _mask) >> 6] & bits) == bits;
    }

    /// <summary>The two bits of a word within its 64-bit word: from the hash's lowest six bits and from bits 16–21, which the word's
    /// index (bits 6–15 at most: the filter has at most 2^16 bits) does not use.</summary>
    private static ulong BitsOf(uint hash) => (1UL << (int)(hash & 63)) | (1UL << (int)((hash >> 16) & 63));

    /// <summary>False only when <paramref name="word"/> is certainly not one of the words.</summary>
    public bool MayContain(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return true;
        }
        return MayContainKey(WordHash.Of(word));
    }

    /// <summary>As <see cref="MayContain(ReadOnlySpan{char})"/> for <paramref name="word"/> lower-cased (invariant), without making the
    /// lower-cased string.</summary>
    public bool MayContainLowered(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return true;
        }
        var hash = WordHash.OfLowered(word);
        return hash == 0 || MayContainKey(hash); // 0: a surrogate pair, lower-cased as one character: no guess
    }
}
