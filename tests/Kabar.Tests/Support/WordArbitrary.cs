using FsCheck;
using FsCheck.Fluent;

namespace Kabar.Tests.Support;

/// <summary>FsCheck generators shared by the property tests of Kabar's word tables and filters.</summary>
internal static class WordArbitrary
{
    /// <summary>Arrays of arbitrary strings (any characters, empty ones and repeats included), without nulls.</summary>
    public static Arbitrary<string[]> Words() =>
        ArbMap.Default.GeneratorFor<string[]>().Select(words => words.Where(w => w is not null).ToArray()).ToArbitrary();
}
