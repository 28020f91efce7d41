using Kabar.Storage;
using Kabar.Tests.Support;

namespace Kabar.Tests.Storage;

public sealed partial class EventStoreTests
{
    private static EventFilter RafahAttack => new() { Actor = "ISRMIL", Cameo = "19", Limit = 0 };

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Two_articles_reporting_one_event_merge_and_removing_one_reverses_it(string engine)
    {
        await using var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl(
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://www.two.example/b")));
        var clusters = await t.Store.QueryAsync(RafahAttack);
        var mentions = await t.Store.QueryAsync(RafahAttack with { Mentions = true });

        var merged = Assert.Single(clusters);
        Assert.Equal((2, 2, 2), (merged.NumArticles, merged.NumSources, merged.NumMentions));
        Assert.Equal(["a", "b"], merged.Sources.Select(s => s.DocId).Order(StringComparer.Ordinal));
        Assert.Equal(["one.example", "two.example"], merged.Sources.Select(s => s.Site!).Order(StringComparer.Ordinal));
        Assert.Equal(2, mentions.Count);
        Assert.All(mentions, m => Assert.Equal(merged.ClusterId, m.ClusterId));

        var removed = await t.Store.RemoveDocumentsAsync("https://one.example/a");
        var after = Assert.Single(await t.Store.QueryAsync(RafahAttack));

        Assert.Equal("a", Assert.Single(removed).DocId);
        Assert.Equal((1, 1, 1), (after.NumArticles, after.NumSources, after.NumMentions));
        Assert.Equal("b", Assert.Single(after.Sources).DocId);
        Assert.Equal("b", after.DocId);

        await t.Store.RemoveDocumentsAsync("b");
        var stats = await t.Store.StatsAsync();
        Assert.Empty(await t.Store.QueryAsync(RafahAttack));
        Assert.Equal((0, 0, 0), (stats.Documents, stats.Events, stats.Clusters));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Articles_from_one_site_are_one_source_and_sites_unknown_are_each_their_own(string engine)
    {
        await using var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl(
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://one.example/b"),
            Articles.Record("c", Articles.RafahB + " Talks go on."),
            Articles.Record("d", Articles.RafahA + " Talks go on.")));

        var merged = Assert.Single(await t.Store.QueryAsync(RafahAttack));
        Assert.Equal((4, 3, 4), (merged.NumArticles, merged.NumSources, merged.NumMentions));

        await t.Store.RemoveDocumentsAsync("c");
        merged = Assert.Single(await t.Store.QueryAsync(RafahAttack));
        Assert.Equal((3, 2), (merged.NumArticles, merged.NumSources));
        Assert.Equal(0, (await t.Store.StatsAsync()).InconsistentClusters);
    }

    /// <summary>Reports of the same actors and action stay apart when they are too far apart in time or space.</summary>
    public static TheoryData<string, string, string, int> MergeCases => new()
    {
        // second text, its publication date, why, merged events expected
        { Articles.RafahB, "2024-03-05", "same place, a day apart", 1 },
        { Articles.RafahB, "2024-03-12", "same place, a week apart", 2 },
        { Articles.RafahA.Replace("Rafah", "Jenin", StringComparison.Ordinal), "2024-03-05", "same day, Jenin is over 100 km from Rafah", 2 },
        { Articles.RafahA.Replace(" in Rafah", "", StringComparison.Ordinal).Replace("RAFAH (Wire) - ", "", StringComparison.Ordinal), "2024-03-05", "no place against a known place", 2 },
    };

    [SkippableTheory]
    [MemberData(nameof(MergeCases))]
    public async Task Reports_merge_only_within_a_day_and_50_km(string second, string published, string why, int expected)
    {
        await using var t = await TestStore.CreateAsync("sqlite");
        await t.IngestAsync(t.Jsonl(Articles.Record("a", Articles.RafahA, "2024-03-05"), Articles.Record("b", second, published)));

        var mentions = await t.Store.QueryAsync(RafahAttack with { Mentions = true });
        Assert.True(mentions.Count == 2, $"{why}: both reports should code the attack, got {mentions.Count}");
        Assert.True(mentions.Select(m => m.ClusterId).Distinct().Count() == expected, $"{why}: expected {expected} merged events");
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Replacing_an_article_moves_its_event_out_of_the_merged_event(string engine)
    {
        await using var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl(
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://two.example/b")));
        Assert.Equal(2, Assert.Single(await t.Store.QueryAsync(RafahAttack)).NumArticles);

        // The correction says it happened a week later: it is another event now.
        var summary = await t.IngestAsync(t.Jsonl(Articles.Record("a", Articles.RafahA + " (Corrected.)", "2024-03-12", "https://one.example/a")));
        var clusters = await t.Store.QueryAsync(RafahAttack);

        Assert.Equal(1, summary.Replaced);
        Assert.Equal(2, clusters.Count);
        Assert.All(clusters, c => Assert.Equal(1, c.NumArticles));
        Assert.Equal(0, (await t.Store.StatsAsync()).InconsistentClusters);
    }
}
