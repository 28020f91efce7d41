using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kabar.Input;
using Kabar.Storage.Ingest;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar ingest PATH…</c>: process articles, batches, feeds and URLs into the event store.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var command = new Command("ingest", "Process articles into the event store: files, folders (recursive), .jsonl batches, RSS/Atom feeds, http(s) article or feed URLs.");
        var inputs = new Argument<string[]>("path") { Description = "Files, folders, .jsonl batches, feed files (.xml/.rss/.atom), or http(s) URLs.", Arity = ArgumentArity.OneOrMore };
        var db = StoreOptions.Db();
        var published = new Option<string?>("--published") { Description = "Publication date (yyyy-MM-dd) for documents that carry none: the anchor for relative dates." };
        var language = new Option<string?>("--language") { Description = "Language code (id, en) for documents that declare none; skips identification." };
        var batchSize = new Option<int>("--batch-size") { Description = "Documents per transaction.", DefaultValueFactory = _ => 100 };
        var threads = new Option<int>("--threads")
        {
            Description = $"Workers processing documents, each taking up to {Pipeline.KabarEngine.BatchSize} waiting ones through the "
                + "stages together (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Largest file, record or HTTP response accepted, in bytes.", DefaultValueFactory = _ => ReaderOptions.DefaultMaxBytes };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed for one HTTP request, body included.", DefaultValueFactory = _ => 30 };
        var json = new Option<bool>("--json") { Description = "Print the final JSON summary line even on a terminal." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or notices on standard error." };
        command.Arguments.Add(inputs);
        foreach (var option in (Option[])[db, published, language, batchSize, threads, maxBytes, timeout, json, quiet])
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            var bad = false;
            var date = StoreOptions.Date(parse.GetValue(published), "--published", ref bad);
            if (bad)
            {
                return KabarCli.UsageError;
            }
            if (parse.GetValue(batchSize) < 1 || parse.GetValue(threads) < 1 || parse.GetValue(timeout) < 1)
            {
                await Console.Error.WriteLineAsync("kabar: error: --batch-size, --threads and --timeout must be at least 1");
                return KabarCli.UsageError;
            }
            var options = new IngestOptions
            {
                Published = date,
                Language = parse.GetValue(language)?.ToLowerInvariant(),
                BatchSize = parse.GetValue(batchSize),
                Threads = parse.GetValue(threads),
                MaxBytes = parse.GetValue(maxBytes),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            return await RunAsync(parse.GetValue(inputs)!, parse.GetValue(db), options, parse.GetValue(json), parse.GetValue(quiet), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] inputs, string? db, IngestOptions options, bool json, bool quiet, CancellationToken cancellationToken)
    {
        await using var store = await StoreOptions.OpenAsync(db, cancellationToken);
        if (store is null)
        {
            return KabarCli.InputError;
        }
        var engine = EngineFactory.Create(quiet);
        using var ingestor = new Ingestor(engine, store, options);
        var bar = new IngestBar(!quiet && !Console.IsErrorRedirected);
        var started = Stopwatch.StartNew();
        IngestSummary summary;
        try
        {
            summary = await ingestor.RunAsync(inputs, bar.Draw, cancellationToken);
        }
        finally
        {
            bar.Stop();
        }
        if (json || Console.IsOutputRedirected)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, int>
            {
                ["read"] = summary.Read,
                ["new"] = summary.New,
                ["duplicates"] = summary.Duplicates,
                ["replaced"] = summary.Replaced,
                ["failed"] = summary.Failed,
                ["events"] = summary.Events,
            }));
        }
        else
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Read} read: {summary.New} new, {summary.Duplicates} duplicates, {summary.Replaced} replaced, {summary.Failed} failed; "
                + $"{summary.Events} events in {started.Elapsed.TotalSeconds:0.0} s into {store.Location.Display}"));
        }
        if (summary.Failed > 0 && !quiet)
        {
            await Console.Error.WriteLineAsync($"kabar: {summary.Failed} failed; 'kabar failures' lists them with their reasons");
        }
        return summary.Read > 0 && summary.Failed == summary.Read ? KabarCli.InputError : KabarCli.Ok;
    }

    /// <summary>A progress bar on standard error when it is a terminal.</summary>
    private sealed class IngestBar(bool enabled)
    {
        private bool _drawn;

        public void Draw(IngestProgress progress)
        {
            if (!enabled)
            {
                return;
            }
            var w = progress.Written;
            var counts = string.Create(CultureInfo.InvariantCulture,
                $"{progress.Read}{(progress.Total is { } t ? "/" + t.ToString(CultureInfo.InvariantCulture) : "")} new {w.New} dup {w.Duplicates} repl {w.Replaced} failed {w.Failed} events {w.Events}");
            var bar = "";
            if (progress.Total is { } total && total > 0)
            {
                const int Width = 30;
                var filled = (int)(Width * Math.Min(1.0, progress.Read / (double)total));
                bar = $"[{new string('#', filled)}{new string('-', Width - filled)}] ";
            }
            Console.Error.Write($"\ringest {bar}{counts}\u001b[K");
            _drawn = true;
        }

        public void Stop()
        {
            if (_drawn)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
