using Kabar.Pipeline;

namespace Kabar.Tests.Input;

/// <summary>The news dateline (<c>JAKARTA, KOMPAS.com -</c>) is looked for in the first 400 characters, on the first three lines:
/// the time stage anchors dates to it and the event stage keeps its place name out of the events.</summary>
public sealed class DatelineTests
{
    [Theory]
    [InlineData("JAKARTA, KOMPAS.com - Presiden Joko Widodo meninjau banjir.", "JAKARTA, KOMPAS.com -")]
    [InlineData("Israel strikes Gaza again\nGAZA CITY (Reuters) - Israeli aircraft struck the city.", "GAZA CITY (Reuters) -")]
    [InlineData("Judul berita\n21 September 2023\nBAKU, Antara \u2013 Azerbaijan menyatakan operasi selesai.", "BAKU, Antara \u2013")]
    [InlineData("One\nTwo\nThree\nJAKARTA, KOMPAS.com - on the fourth line, too far down to be the article's dateline.", null)]
    [InlineData("Presiden Joko Widodo meninjau banjir di JAKARTA, KOMPAS.com - tidak di awal baris.", null)]
    public void The_dateline_is_found_at_the_start_of_one_of_the_first_three_lines(string text, string? expected) =>
        Assert.Equal(expected, KabarEngine.FindDateline(text));

    [Theory]
    [InlineData(360, "JAKARTA, KOMPAS.com -")] // ends before character 400
    [InlineData(385, null)] // would end after it: the first 400 characters are the whole input, nothing past them is read
    [InlineData(420, null)]
    public void Only_the_first_400_characters_are_read(int headlineLength, string? expected)
    {
        var text = new string('x', headlineLength) + "\nJAKARTA, KOMPAS.com - Presiden Joko Widodo meninjau banjir.";
        Assert.Equal(expected, KabarEngine.FindDateline(text));
    }
}
