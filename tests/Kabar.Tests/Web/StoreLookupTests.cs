using Kabar.Storage;
using Kabar.Tests.Support;

namespace Kabar.Tests.Web;

/// <summary>The store look-ups the API adds (one event by id, the reports of a merged event), on both engines.</summary>
public sealed class StoreLookupTests
{
    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task An_event_is_found_by_id_with_its_sources_and_the_reports_of_its_merged_event(string engine)
    {
        await using var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl(
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://two.example/b")));
        var merged = Assert.Single(await t.Store.QueryAsync(new EventFilter { Actor = "ISRMIL", Cameo = "19", Limit = 0 }));

        var found = await t.Store.GetEventAsync(merged.EventId);
        Assert.NotNull(found);
        Assert.Equal(merged.Event.Evidence, found.Event.Evidence);
        Assert.Equal(["a", "b"], found.Sources.Select(s => s.DocId).Order(StringComparer.Ordinal));

        var reports = await t.Store.ClusterEventsAsync(merged.ClusterId);
        Assert.Equal(["a", "b"], reports.Select(r => r.DocId).Order(StringComparer.Ordinal));
        Assert.All(reports, r => Assert.Contains("attack", r.Event.Evidence, StringComparison.Ordinal));

        Assert.Null(await t.Store.GetEventAsync(merged.EventId + 1000));
        Assert.Empty(await t.Store.ClusterEventsAsync(merged.ClusterId + 1000));
    }

    [Theory]
    [InlineData("31.29,34.24,25", true)]
    [InlineData("-90,180,0.5", true)]
    [InlineData("31.29,34.24", false)]
    [InlineData("91,34,25", false)]
    [InlineData("31,34,0", false)]
    [InlineData("a,b,c", false)]
    public void Near_is_lat_lon_and_a_positive_radius(string text, bool valid)
    {
        Assert.Equal(valid, EventFilter.TryParseNear(text, out var near));
        if (valid)
        {
            Assert.True(near.Km > 0);
        }
    }
}
