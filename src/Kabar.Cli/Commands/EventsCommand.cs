using System.CommandLine;
using System.Globalization;
using System.Text;
using Kabar.Storage;
using Kabar.Storage.Export;
using Spectre.Console;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar events</c>: query the store.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var command = new Command("events", "List stored events, one row per merged event (newest first) or every report with --mentions.");
        var db = StoreOptions.Db();
        var filters = new FilterOptions();
        var limit = new Option<int>("--limit") { Description = "Rows to show; 0 for all.", DefaultValueFactory = _ => 50 };
        var format = new Option<string>("--format") { Description = "table (for people), jsonl or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl", "csv");
        command.Options.Add(db);
        filters.AddTo(command);
        command.Options.Add(limit);
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (filters.Read(parse, parse.GetValue(limit), ascending: false) is not { } filter)
            {
                return KabarCli.UsageError;
            }
            await using var store = await StoreOptions.OpenAsync(parse.GetValue(db), cancellationToken);
            if (store is null)
            {
                return KabarCli.InputError;
            }
            var rows = store.StreamAsync(filter, cancellationToken);
            switch (parse.GetValue(format))
            {
                case "jsonl":
                case "csv":
                    await using (var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)))
                    {
                        await new Exporter().WriteAsync(rows, parse.GetValue(format) == "csv" ? ExportFormat.Csv : ExportFormat.Jsonl, output, cancellationToken);
                    }
                    break;
                default:
                    var list = new List<EventRow>();
                    await foreach (var row in rows)
                    {
                        list.Add(row);
                    }
                    Table(list, filter.Mentions);
                    break;
            }
            return KabarCli.Ok;
        });
        return command;
    }

    private static void Table(List<EventRow> rows, bool mentions)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in (string[])[mentions ? "event" : "merged", "date", "source", "event", "target", "place", mentions ? "document" : "reports", "evidence"])
        {
            table.AddColumn(column);
        }
        foreach (var row in rows)
        {
            var e = row.Event;
            table.AddRow(
                Markup.Escape(mentions ? $"{row.EventId} ({row.ClusterId})" : row.ClusterId.ToString(CultureInfo.InvariantCulture)),
                Markup.Escape(e.DateValue ?? "—"),
                Markup.Escape($"{e.SourceCode} ({Short(e.SourceName, 20)})"),
                Markup.Escape($"{e.Cameo} {Short(e.CameoName, 26)}" + (e.Plover is { } p ? $" / {p}" : "")),
                Markup.Escape(e.TargetCode is null ? "—" : $"{e.TargetCode} ({Short(e.TargetName ?? "", 20)})"),
                Markup.Escape(e.PlaceName ?? "—"),
                Markup.Escape(mentions ? Short(row.Url ?? row.DocId, 30)
                    : string.Create(CultureInfo.InvariantCulture, $"{row.NumMentions} m / {row.NumArticles} a / {row.NumSources} s")),
                Markup.Escape(Short(e.Evidence, 60)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{rows.Count} {(mentions ? "reports" : "merged events")}[/]"));
    }

    private static string Short(string text, int length)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
