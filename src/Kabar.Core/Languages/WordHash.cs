namespace Kabar.Languages;

/// <summary>A fast, non-randomised hash of a word's characters, for Kabar's own open-addressing tables (the event pattern keys,
/// the phrase tables, the morphology memo). Those tables are read for every word of every sentence, and the framework's string
/// hashing goes through a comparer's interface call per look-up.</summary>
internal static class WordHash
{
    /// <summary>FNV-1a over the characters, then mixed so that both the low bits (a slot) and the high bits (a tag) depend on
    /// every character.</summary>
    public static uint Of(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        hash ^= hash >> 12;
        return hash;
    }
}
