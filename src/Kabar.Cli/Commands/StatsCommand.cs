using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kabar.Storage;
using Spectre.Console;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar stats</c>: counts and the store's health.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Counts by day, country and CAMEO root, and the store's health (schema, sizes, integrity and consistency checks).");
        var db = StoreOptions.Db();
        var full = new Option<bool>("--full") { Description = "Run SQLite's full integrity_check instead of quick_check." };
        var json = new Option<bool>("--json") { Description = "One JSON object instead of tables." };
        var top = new Option<int>("--top") { Description = "Rows per count table.", DefaultValueFactory = _ => 15 };
        foreach (var option in (Option[])[db, full, json, top])
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse.GetValue(db), cancellationToken);
            if (store is null)
            {
                return KabarCli.InputError;
            }
            var stats = await store.StatsAsync(parse.GetValue(full), parse.GetValue(top), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(stats, new JsonSerializerOptions
                {
                    PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                    Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
                }));
            }
            else
            {
                Write(stats);
            }
            var healthy = stats.Integrity == "ok" || stats.Engine == StoreEngine.Postgres;
            return healthy && stats.OrphanEvents == 0 && stats.InconsistentClusters == 0 && stats.MismatchedDocuments == 0 ? KabarCli.Ok : KabarCli.InputError;
        });
        return command;
    }

    private static void Write(StoreStats stats)
    {
        var console = AnsiConsole.Console;
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var health = new Table().Border(TableBorder.Rounded).Title("store").AddColumn("").AddColumn("");
        health.AddRow("location", Markup.Escape($"{stats.Location} ({stats.Engine.ToString().ToLowerInvariant()})"));
        health.AddRow("schema version", N(stats.SchemaVersion));
        health.AddRow("documents", N(stats.Documents));
        health.AddRow("events (reports)", N(stats.Events));
        health.AddRow("merged events", N(stats.Clusters));
        health.AddRow("failures", N(stats.Failures));
        health.AddRow("size", (stats.SizeBytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB");
        health.AddRow("integrity", Markup.Escape(stats.Integrity));
        health.AddRow("events without document", N(stats.OrphanEvents));
        health.AddRow("inconsistent merged events", N(stats.InconsistentClusters));
        health.AddRow("documents with missing events", N(stats.MismatchedDocuments));
        console.Write(health);
        foreach (var (title, rows) in (ReadOnlySpan<(string, IReadOnlyList<Count>)>)[("by day", stats.ByDay), ("by country", stats.ByCountry), ("by CAMEO root", stats.ByRoot)])
        {
            var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn("").AddColumn("events").AddColumn("merged");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Key), N(row.Events), N(row.Clusters));
            }
            console.Write(table);
        }
    }
}
