using System.Runtime.CompilerServices;
using Kabar.Model;

namespace Kabar.Languages;

/// <summary>A fast, non-randomised hash of a word's characters, for Kabar's own open-addressing tables (the event pattern keys,
/// the phrase tables, the morphology memo). Those tables are read for every word of every sentence, and the framework's string
/// hashing goes through a comparer's interface call per look-up.</summary>
internal static class WordHash
{
    /// <summary>FNV-1a over the characters, then mixed so that both the low bits (a slot) and the high bits (a tag) depend on
    /// every character. Never 0, which a token's <see cref="Token.LowerKey"/> keeps for "not worked out".</summary>
    public static uint Of(ReadOnlySpan<char> word) => Of(word, out _);

    /// <summary>As <see cref="Of(ReadOnlySpan{char})"/>, and whether the word holds a hyphen, found in the same pass over its characters
    /// (the comparison costs nothing beside the multiplication each character waits for).</summary>
    public static uint Of(ReadOnlySpan<char> word, out bool hyphen)
    {
        var hash = 2166136261u;
        var dashes = false;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
            dashes |= c == '-';
        }
        hyphen = dashes;
        return Mix(hash);
    }

    /// <summary>The hash of the token's lower-cased text: the one worked out when the token was made (<see cref="Token.LowerKey"/>),
    /// so that the tables asked about the token need not read and hash the word again; worked out here when it was not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint OfLower(in Token token) => token.LowerKey is var key and not 0 ? key : Of(token.Lower);

    /// <summary>The hash of the token's lemma: the one morphology gave with it (<see cref="Token.LemmaKey"/>), the word's own when the
    /// lemma is the word (<see cref="OfLower"/>), and worked out here otherwise (a lemma given afterwards).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint OfLemma(in Token token) =>
        token.LemmaKey is var key and not 0 ? key : ReferenceEquals(token.Lemma, token.Lower) ? OfLower(in token) : Of(token.Lemma);

    /// <summary>As <see cref="Of(ReadOnlySpan{char})"/> for the word lower-cased (invariant), without making the lower-cased string; 0 when the word
    /// holds a surrogate, which is lower-cased with its pair, not alone, so that the hash cannot be told.</summary>
    public static uint OfLowered(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            if (char.IsSurrogate(c))
            {
                return 0;
            }
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619u;
        }
        return Mix(hash);
    }

    /// <summary>The slot count of an open-addressing table laid out by this hash for <paramref name="count"/> words: a power of two,
    /// at least 16, and at least twice the words, so that a probe for an absent word ends soon.</summary>
    public static int TableSize(int count)
    {
        var size = 16;
        while (size < 2 * count)
        {
            size *= 2;
        }
        return size;
    }

    private static uint Mix(uint hash)
    {
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        hash ^= hash >> 12;
        return hash == 0 ? 1 : hash;
    }
}
