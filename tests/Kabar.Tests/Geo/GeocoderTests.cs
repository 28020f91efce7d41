using Kabar.Input;
using Kabar.Model;
using Kabar.Tests.Support;

namespace Kabar.Tests.Geo;

public sealed class GeocoderTests
{
    private static Place? PlaceOf(string text, string mention, string language = "en")
    {
        var document = Repo.Engine.Process(new SourceDocument("t", text) { Language = language });
        return document.Entities.FirstOrDefault(e => e.Text == mention && e.Place is not null)?.Place;
    }

    [Theory]
    [InlineData("A man was arrested in Paris, Texas, after shooting at a police station.", "Paris", "USA")]
    [InlineData("Students at a university in Cambridge, Massachusetts, set up a protest camp.", "Cambridge", "USA")]
    [InlineData("Gunmen clashed in Tripoli, northern Lebanon's largest city, residents said.", "Tripoli", "LBN")]
    [InlineData("Juntas in Mali, Burkina Faso and Niger said they would build a joint force.", "Mali", "MLI")]
    public void A_place_named_after_the_mention_decides_between_namesakes(string text, string mention, string country)
    {
        var place = PlaceOf(text, mention);
        Assert.NotNull(place);
        Assert.Equal(country, place.Country);
    }

    [Fact]
    public void A_capital_the_gazetteer_does_not_know_by_its_exonym_takes_the_capital_point()
    {
        var place = PlaceOf("Pembicaraan nuklir Iran kembali digelar di Wina, Austria.", "Wina", "id");
        Assert.NotNull(place);
        Assert.Equal("AUT", place.Country);
        Assert.InRange(place.Lat, 47.5, 48.8);
    }

    [Theory]
    [InlineData("Western diplomats said the talks in Vienna had stalled.", "Western")]
    [InlineData("Central bankers met in Basel on Monday.", "Central")]
    public void A_compass_word_is_no_region_without_its_region_word(string text, string word)
    {
        // Ghana's "Western" and "Central" regions are named like adjectives; only "Western Region" names the region.
        Assert.Null(PlaceOf(text, word));
    }

    [Fact]
    public void A_region_named_with_a_compass_word_is_found_with_its_region_word()
    {
        var place = PlaceOf("Flooding displaced hundreds of families in the Western Region of Ghana.", "Western Region");
        Assert.NotNull(place);
        Assert.Equal("GHA", place.Country);
    }

    [Theory]
    [InlineData("Kelompok bersenjata menculik 20 warga sipil di Nigeria utara.", "Nigeria utara", "id", "NGA")]
    [InlineData("Sirene berbunyi di Israel utara pada Sabtu malam.", "Israel utara", "id", "ISR")]
    public void A_country_with_a_compass_word_is_placed_in_that_country(string text, string mention, string language, string country)
    {
        var place = PlaceOf(text, mention, language);
        Assert.NotNull(place);
        Assert.Equal(country, place.Country);
    }
}
