using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar failures</c>: documents that could not be stored, and why.</summary>
internal static class FailuresCommand
{
    public static Command Create()
    {
        var command = new Command("failures", "List documents that failed to ingest, with their reasons (most recent first).");
        var db = StoreOptions.Db();
        var clear = new Option<bool>("--clear") { Description = "Delete the recorded failures." };
        var limit = new Option<int>("--limit") { Description = "Rows to show; 0 for all.", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        foreach (var option in (Option[])[db, clear, limit, json])
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
            if (parse.GetValue(clear))
            {
                var cleared = await store.ClearFailuresAsync(cancellationToken);
                Console.Out.WriteLine($"{cleared} failures cleared");
                return KabarCli.Ok;
            }
            var rows = await store.FailuresAsync(parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(json) || Console.IsOutputRedirected)
            {
                var options = new JsonSerializerOptions
                {
                    PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                };
                foreach (var row in rows)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(row, options));
                }
                return KabarCli.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("origin").AddColumn("id").AddColumn("reason").AddColumn("when").AddColumn("tries");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Origin), Markup.Escape(row.DocId ?? ""), Markup.Escape(row.Reason), Markup.Escape(row.FailedAt), row.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return KabarCli.Ok;
        });
        return command;
    }
}
