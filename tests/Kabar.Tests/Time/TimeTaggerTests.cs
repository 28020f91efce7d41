using Kabar.Input;
using Kabar.Model;
using Kabar.Tests.Support;

namespace Kabar.Tests.Time;

/// <summary>Dates of documents without a publication date, whose first sentences the time stage reads twice: once to look for
/// a dateline, once to tag them.</summary>
public sealed class TimeTaggerTests
{
    [Theory]
    [InlineData("id", "Kemarin pasukan menyerang desa itu. Pada Senin mereka mundur ke utara. Dua hari kemudian warga kembali.")]
    [InlineData("en", "Troops attacked the village yesterday. On Monday they withdrew to the north. Two days later residents returned.")]
    public void An_undated_document_reports_each_date_once_and_resolves_none_to_a_day(string language, string text)
    {
        var document = Repo.Engine.Process(new SourceDocument("undated", text) { Language = language });
        var dates = document.Entities.Where(e => e.Type == EntityType.DATE).ToList();
        Assert.True(dates.Count >= 2, $"{dates.Count} dates found");
        Assert.Equal(dates.Count, dates.Select(d => (d.Start, d.End)).Distinct().Count());
        // With no publication date and no dateline, "yesterday" and "Monday" cannot become calendar days.
        Assert.All(dates, d => Assert.False(d.Time?.Value is { } value && char.IsDigit(value[0]), $"\"{d.Text}\" resolved to {d.Time?.Value}"));
    }

    [Fact]
    public void A_dated_dateline_anchors_the_dates_after_it()
    {
        var document = Repo.Engine.Process(new SourceDocument("dateline",
            "JAKARTA, Senin (18/9/2023) - Pasukan menyerang desa itu kemarin. Warga mengungsi.") { Language = "id" });
        Assert.Equal(new DateOnly(2023, 9, 18), document.Published);
        var yesterday = Assert.Single(document.Entities, e => e.Type == EntityType.DATE && e.Text == "kemarin");
        Assert.Equal("2023-09-17", yesterday.Time?.Value);
    }
}
