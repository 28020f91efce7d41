using Kabar.Geo;

namespace Kabar.Tests.Geo;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Nagorno-Karabakh")]
    [InlineData("  St. John's,  Newfoundland ")]
    [InlineData("Bogotá")]
    [InlineData("Kota Jakarta Pusat")]
    [InlineData("Ja\u2019far")]
    [InlineData("--,.")]
    [InlineData("")]
    [InlineData("U.S.")]
    [InlineData("Al-Hasakah\tGovernorate")]
    public void The_hash_without_a_normalised_string_is_the_hash_of_the_normalised_string(string name)
    {
        var hash = NameKey.HashOf(name, out var length);
        var key = NameKey.Normalise(name);
        Assert.Equal(key.Length, length);
        Assert.Equal(NameKey.Hash(key), hash);
    }
}
