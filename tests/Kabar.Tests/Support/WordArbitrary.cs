using FsCheck;
using FsCheck.Fluent;
using Kabar.Languages;

namespace Kabar.Tests.Support;

/// <summary>FsCheck generators and test words shared by the tests of Kabar's word tables and filters.</summary>
internal static class WordArbitrary
{
    /// <summary>Arrays of arbitrary strings (any characters, empty ones and repeats included), without nulls.</summary>
    public static Arbitrary<string[]> Words() =>
        ArbMap.Default.GeneratorFor<string[]>().Select(words => words.Where(w => w is not null).ToArray()).ToArbitrary();

    /// <summary>Two different words of <paramref name="length"/> letters with one <see cref="WordHash"/>: a 32-bit hash, so among a
    /// few hundred thousand random words of one length some two share it (the birthday bound).</summary>
    public static (string A, string B) SameHashPair(int length, int seed)
    {
        var random = new Random(seed);
        var byHash = new Dictionary<uint, string>();
        while (true)
        {
            var word = new string([.. Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26)))]);
            if (byHash.TryGetValue(WordHash.Of(word), out var other) && other != word)
            {
                return (other, word);
            }
            byHash[WordHash.Of(word)] = word;
        }
    }
}
