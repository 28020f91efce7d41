using System.Text.Json;
using Kabar.Storage.Export;
using Kabar.Tests.Support;

namespace Kabar.Tests.Storage;

/// <summary>The store's commands through the real command line: output formats, exit codes and messages.</summary>
public sealed class StoreCommandTests
{
    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Ingest_query_export_stats_failures_and_remove_work_from_the_command_line(string engine)
    {
        await using var t = await TestStore.CreateAsync(engine);
        var batch = t.Jsonl([.. Articles.Samples(),
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://two.example/b"),
            "{ not json"]);

        var ingest = await KabarProcess.RunAsync("ingest", batch, "--db", t.Db, "--quiet");
        Assert.Equal(0, ingest.Exit);
        using (var summary = JsonDocument.Parse(ingest.Out.Trim()))
        {
            var root = summary.RootElement;
            Assert.Equal(["read", "new", "duplicates", "replaced", "failed", "events"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal((7, 6, 1), (root.GetProperty("read").GetInt32(), root.GetProperty("new").GetInt32(), root.GetProperty("failed").GetInt32()));
        }

        var stats = await KabarProcess.RunAsync("stats", "--db", t.Db, "--json");
        Assert.Equal(0, stats.Exit);
        using var statsJson = JsonDocument.Parse(stats.Out);
        var clusters = statsJson.RootElement.GetProperty("clusters").GetInt32();
        var events = statsJson.RootElement.GetProperty("events").GetInt32();
        Assert.Equal((6, 1, 2), (statsJson.RootElement.GetProperty("documents").GetInt32(), statsJson.RootElement.GetProperty("failures").GetInt32(),
            statsJson.RootElement.GetProperty("schema_version").GetInt32()));

        var list = await KabarProcess.RunAsync("events", "--db", t.Db, "--format", "jsonl", "--limit", "0");
        Assert.Equal(clusters, list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var mentions = await KabarProcess.RunAsync("events", "--db", t.Db, "--mentions", "--format", "csv", "--limit", "0", "--country", "ISR");
        var rows = Csv.Parse(mentions.Out);
        Assert.Equal(Exporter.CsvColumns, rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Contains("ISR", (string[])[r[5], r[8]]));
        var limited = await KabarProcess.RunAsync("events", "--db", t.Db, "--format", "jsonl", "--limit", "3");
        Assert.Equal(3, limited.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var table = await KabarProcess.RunAsync("events", "--db", t.Db, "--actor", "ISRMIL", "--cameo", "19");
        Assert.Equal(0, table.Exit);
        Assert.Contains("ISRMIL", table.Out, StringComparison.Ordinal);

        var geojson = Path.Combine(t.Folder, "events.geojson");
        var export = await KabarProcess.RunAsync("export", "--db", t.Db, "--format", "geojson", "-o", geojson);
        Assert.Equal(0, export.Exit);
        using (var features = JsonDocument.Parse(File.ReadAllText(geojson)))
        {
            Assert.Equal("FeatureCollection", features.RootElement.GetProperty("type").GetString());
        }
        var gdelt = await KabarProcess.RunAsync("export", "--db", t.Db, "--format", "gdelt");
        Assert.All(gdelt.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Equal(61, l.Split('\t').Length));
        Assert.Equal(2, (await KabarProcess.RunAsync("export", "--db", t.Db, "--format", "gdelt", "--mentions")).Exit);

        var failures = await KabarProcess.RunAsync("failures", "--db", t.Db, "--json");
        using (var failure = JsonDocument.Parse(failures.Out.Trim()))
        {
            Assert.Equal(batch + ":7", failure.RootElement.GetProperty("origin").GetString());
            Assert.Contains("not valid JSON", failure.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("1 failures cleared", (await KabarProcess.RunAsync("failures", "--db", t.Db, "--clear")).Out.Trim());

        var show = await KabarProcess.RunAsync("documents", "show", "https://one.example/a", "--db", t.Db);
        Assert.Equal("a", JsonDocument.Parse(show.Out).RootElement.GetProperty("id").GetString());
        var remove = await KabarProcess.RunAsync("documents", "remove", "a", "--db", t.Db);
        Assert.Equal(0, remove.Exit);
        Assert.StartsWith("removed https://one.example/a", remove.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await KabarProcess.RunAsync("documents", "remove", "a", "--db", t.Db)).Exit);
        using var after = JsonDocument.Parse((await KabarProcess.RunAsync("stats", "--db", t.Db, "--json")).Out);
        Assert.Equal(5, after.RootElement.GetProperty("documents").GetInt32());
        Assert.True(after.RootElement.GetProperty("events").GetInt32() < events);
    }

    [Fact]
    public async Task Bad_options_are_usage_errors_and_a_file_that_is_not_a_database_is_an_input_error()
    {
        var folder = Directory.CreateTempSubdirectory("kabar-cli-test-").FullName;
        try
        {
            var db = Path.Combine(folder, "k.db");
            var near = await KabarProcess.RunAsync("events", "--db", db, "--near", "north");
            Assert.Equal(2, near.Exit);
            Assert.Contains("--near", near.Err, StringComparison.Ordinal);
            Assert.Equal(2, (await KabarProcess.RunAsync("events", "--db", db, "--from", "yesterday")).Exit);
            Assert.Equal(2, (await KabarProcess.RunAsync("export", "--db", db, "--format", "xml")).Exit);

            var text = Path.Combine(folder, "notes.txt");
            await File.WriteAllTextAsync(text, "these are notes, not a database, and they are long enough to have a header page " + new string('x', 200));
            var notDb = await KabarProcess.RunAsync("stats", "--db", text);
            Assert.Equal(1, notDb.Exit);
            Assert.Contains("cannot open", notDb.Err, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
