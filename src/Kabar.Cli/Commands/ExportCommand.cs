using System.CommandLine;
using System.Text;
using Kabar.Storage.Export;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar export</c>: the store in exchange formats.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export stored events (oldest first) as JSON Lines, CSV, GeoJSON, a GDELT 2.0 event table or ACLED-style CSV (see docs/export.md).");
        var db = StoreOptions.Db();
        var format = new Option<string>("--format") { Description = "jsonl, csv, geojson, gdelt or acled.", Required = true };
        format.AcceptOnlyFromAmong("jsonl", "csv", "geojson", "gdelt", "acled");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output)." };
        var filters = new FilterOptions();
        command.Options.Add(db);
        command.Options.Add(format);
        command.Options.Add(output);
        filters.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (filters.Read(parse, 0, ascending: true) is not { } filter)
            {
                return KabarCli.UsageError;
            }
            var kind = parse.GetValue(format) switch
            {
                "csv" => ExportFormat.Csv,
                "geojson" => ExportFormat.GeoJson,
                "gdelt" => ExportFormat.Gdelt,
                "acled" => ExportFormat.Acled,
                _ => ExportFormat.Jsonl,
            };
            if (filter.Mentions && kind is ExportFormat.Gdelt or ExportFormat.Acled)
            {
                await Console.Error.WriteLineAsync("kabar: error: --mentions does not apply to gdelt and acled, whose rows are merged events");
                return KabarCli.UsageError;
            }
            await using var store = await StoreOptions.OpenAsync(parse.GetValue(db), cancellationToken);
            if (store is null)
            {
                return KabarCli.InputError;
            }
            var path = parse.GetValue(output);
            Stream stream;
            try
            {
                stream = path is null or "-" ? Console.OpenStandardOutput() : File.Create(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"kabar: error: {path}: {ex.Message}");
                return KabarCli.InputError;
            }
            int count;
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
            {
                count = await new Exporter().WriteAsync(store.StreamAsync(filter, cancellationToken), kind, writer, cancellationToken);
            }
            if (path is not null && path != "-")
            {
                await Console.Error.WriteLineAsync($"kabar: {count} rows written to {path}");
            }
            return KabarCli.Ok;
        });
        return command;
    }
}
