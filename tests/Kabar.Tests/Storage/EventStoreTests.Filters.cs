using Kabar.Storage;
using Kabar.Storage.Internal;
using Kabar.Tests.Support;

namespace Kabar.Tests.Storage;

public sealed partial class EventStoreTests
{
    /// <summary>
    /// Filter cases: the filter, and the same condition written in C# over one stored event. The store must return exactly
    /// the events the condition selects (and not all of them, and not none), through its indexes.
    /// </summary>
    public static TheoryData<string> FilterCases => new() { "from-to", "actor-code", "actor-name", "country", "cameo", "plover", "place", "near", "text", "text-short", "combined" };

    private static (EventFilter Filter, Func<EventRow, bool> Holds) Case(string name) => name switch
    {
        "from-to" => (new EventFilter { From = new DateOnly(2023, 8, 1), To = new DateOnly(2023, 12, 31) },
            r => r.Event.Day is >= 20230801 and <= 20231231),
        "actor-code" => (new EventFilter { Actor = "idn" },
            r => r.Event.SourceCode.StartsWith("IDN", StringComparison.Ordinal) || r.Event.TargetCode?.StartsWith("IDN", StringComparison.Ordinal) == true),
        "actor-name" => (new EventFilter { Actor = "hamas" },
            r => Has(r.Event.SourceName, "hamas") || Has(r.Event.TargetName, "hamas") || r.Event.SourceCode.StartsWith("HAMAS", StringComparison.Ordinal)),
        "country" => (new EventFilter { Country = "sdn" }, r => r.Event.SourceCountry == "SDN" || r.Event.TargetCountry == "SDN"),
        "cameo" => (new EventFilter { Cameo = "04" }, r => r.Event.Cameo.StartsWith("04", StringComparison.Ordinal)),
        "plover" => (new EventFilter { Plover = "assault" }, r => r.Event.Plover == "ASSAULT"),
        "place" => (new EventFilter { Place = "rafa" }, r => Has(r.Event.PlaceName, "rafa")),
        "near" => (new EventFilter { Near = (15.6, 32.5, 60) },
            r => r.Event.Lat is { } lat && r.Event.Lon is { } lon && Haversine.Km(lat, lon, 15.6, 32.5) <= 60),
        "text" => (new EventFilter { Text = "WNI" }, r => Has(r.Event.Evidence, "wni") || Has(r.Event.SentenceText, "wni")),
        // Two letters: below the trigram index's reach, answered by LIKE.
        "text-short" => (new EventFilter { Text = "tN" }, r => Has(r.Event.Evidence, "tn") || Has(r.Event.SentenceText, "tn")),
        "combined" => (new EventFilter { Country = "ISR", Cameo = "1", From = new DateOnly(2024, 1, 1) },
            r => (r.Event.SourceCountry == "ISR" || r.Event.TargetCountry == "ISR") && r.Event.Cameo.StartsWith('1') && r.Event.Day >= 20240101),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static bool Has(string? text, string part) => text?.Contains(part, StringComparison.OrdinalIgnoreCase) == true;

    [SkippableTheory]
    [MemberData(nameof(FilterCases))]
    public Task Filters_return_exactly_the_matching_events_on_sqlite(string name) => FiltersReturnExactlyTheMatchingEvents("sqlite", name);

    [SkippableTheory]
    [MemberData(nameof(FilterCases))]
    public Task Filters_return_exactly_the_matching_events_on_postgres(string name) => FiltersReturnExactlyTheMatchingEvents("postgres", name);

    private static async Task FiltersReturnExactlyTheMatchingEvents(string engine, string name)
    {
        if (engine == "postgres")
        {
            TestStore.PostgresOrSkip();
        }
        await using var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl([.. Articles.Samples(),
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://two.example/b"),
            Articles.Record("c", Articles.JakartaArrests)]));
        var all = await t.Store.QueryAsync(new EventFilter { Mentions = true, Limit = 0 });
        var (filter, holds) = Case(name);

        var expected = all.Where(holds).Select(r => r.EventId).Order().ToList();
        var mentions = await t.Store.QueryAsync(filter with { Mentions = true, Limit = 0 });
        var clusters = await t.Store.QueryAsync(filter with { Limit = 0 });

        Assert.True(expected.Count > 0 && expected.Count < all.Count, $"case {name} should select some but not all of {all.Count} events; it selects {expected.Count}");
        Assert.Equal(expected, mentions.Select(r => r.EventId).Order());
        Assert.Equal(all.Where(holds).Select(r => r.ClusterId).Distinct().Order(), clusters.Select(r => r.ClusterId).Order());
        Assert.All(clusters, c => Assert.True(holds(c), $"merged event {c.ClusterId} is shown through a mention that does not match"));
        // Newest first, undated last, and --limit cuts the list.
        var days = mentions.Select(r => r.Event.Day ?? 0).ToList();
        Assert.Equal(days.OrderByDescending(d => d == 0 ? int.MinValue : d), days);
        Assert.Equal(mentions.Take(2).Select(r => r.EventId), (await t.Store.QueryAsync(filter with { Mentions = true, Limit = 2 })).Select(r => r.EventId));
        Assert.Equal(clusters.Take(3).Select(r => r.ClusterId), (await t.Store.QueryAsync(filter with { Limit = 3 })).Select(r => r.ClusterId));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Stats_count_what_is_stored_and_report_a_healthy_store(string engine)
    {
        await using var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl([.. Articles.Samples(), Articles.Record("a", Articles.RafahA), Articles.Record("bad", "")]));
        var mentions = await t.Store.QueryAsync(new EventFilter { Mentions = true, Limit = 0 });
        var clusters = await t.Store.QueryAsync(new EventFilter { Limit = 0 });

        var stats = await t.Store.StatsAsync(full: true, top: 1000);

        Assert.Equal(5, stats.Documents);
        Assert.Equal(1, stats.Failures);
        Assert.Equal(mentions.Count, stats.Events);
        Assert.Equal(clusters.Count, stats.Clusters);
        Assert.Equal(LatestSchema, stats.SchemaVersion);
        Assert.Equal((0, 0), (stats.OrphanEvents, stats.InconsistentClusters));
        Assert.True(stats.SizeBytes > 0);
        if (engine == "sqlite")
        {
            Assert.Equal("ok", stats.Integrity);
        }
        Assert.Equal(stats.Events, stats.ByRoot.Sum(c => c.Events));
        Assert.Equal(stats.Clusters, stats.ByRoot.Sum(c => c.Clusters));
        foreach (var root in stats.ByRoot)
        {
            Assert.Equal(mentions.Count(m => m.Event.Root == root.Key), root.Events);
        }
        foreach (var day in stats.ByDay)
        {
            Assert.Equal(mentions.Count(m => m.Event.Day is { } d && EventRecord.FromDay(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == day.Key), day.Events);
        }
        var sdn = stats.ByCountry.Single(c => c.Key == "SDN");
        Assert.Equal(mentions.Sum(m => (m.Event.SourceCountry == "SDN" ? 1 : 0) + (m.Event.TargetCountry == "SDN" ? 1 : 0)), sdn.Events);
    }
}
