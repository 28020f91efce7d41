using System.CommandLine;
using System.Text;
using Kabar.Input;
using Kabar.Model;
using Kabar.Output;
using Kabar.Pipeline;
using Spectre.Console;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar extract FILE</c> and <c>kabar extract --jsonl IN.jsonl</c>.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var command = new Command("extract", "Extract entities and events from an article (text or HTML) or a JSON Lines batch, without storing them.");
        var file = new Argument<string?>("file")
        {
            Description = "Article file (.txt, .html, .html.gz); '-' reads standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var jsonl = new Option<string?>("--jsonl") { Description = "Read a JSON Lines batch of {\"id\",\"text\"|\"html\",\"published\"?,\"language\"?,\"url\"?} records ('-' = stdin) and write one result per line." };
        var published = new Option<string?>("--published") { Description = "Publication date (yyyy-MM-dd), the anchor for relative dates." };
        var language = new Option<string?>("--language") { Description = "Language code (id, en); skips identification." };
        var format = new Option<string>("--format")
        {
            Description = "Output: json (one object), jsonl (one line), text (a table for people).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "text");
        var pretty = new Option<bool>("--pretty") { Description = "Indent JSON output." };
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Largest input accepted, in bytes.",
            DefaultValueFactory = _ => ReaderOptions.DefaultMaxBytes,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads for --jsonl (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or notices on standard error." };
        var showTokens = new Option<bool>("--tokens") { Description = "Include every token with its lemma, suffix and voice (to see why a pattern did or did not fire)." };
        command.Arguments.Add(file);
        foreach (var option in (Option[])[jsonl, published, language, format, pretty, maxBytes, threads, quiet, showTokens])
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new Settings(
                parse.GetValue(file), parse.GetValue(jsonl), parse.GetValue(published), parse.GetValue(language), parse.GetValue(format)!,
                parse.GetValue(pretty), parse.GetValue(maxBytes), Math.Max(1, parse.GetValue(threads)), parse.GetValue(quiet), parse.GetValue(showTokens));
            return Task.FromResult(Run(settings, cancellationToken));
        });
        return command;
    }

    private sealed record Settings(string? File, string? Jsonl, string? Published, string? Language, string Format, bool Pretty, long MaxBytes,
        int Threads, bool Quiet, bool Tokens);

    private static int Run(Settings settings, CancellationToken cancellationToken)
    {
        if ((settings.File is null) == (settings.Jsonl is null))
        {
            Console.Error.WriteLine("kabar: error: give either a FILE or --jsonl IN.jsonl (see 'kabar extract --help')");
            return KabarCli.UsageError;
        }
        DateOnly? published = null;
        if (settings.Published is not null)
        {
            published = DocumentReader.ParseDate(settings.Published);
            if (published is null)
            {
                Console.Error.WriteLine($"kabar: error: --published '{settings.Published}' is not a date (yyyy-MM-dd)");
                return KabarCli.UsageError;
            }
        }
        var reader = new DocumentReader(new ReaderOptions(settings.MaxBytes));
        return settings.Jsonl is not null
            ? RunBatch(settings, reader, published, cancellationToken)
            : RunFile(settings, reader, published, cancellationToken);
    }

    private static int RunFile(Settings settings, DocumentReader reader, DateOnly? published, CancellationToken cancellationToken)
    {
        var name = settings.File!;
        SourceDocument source;
        try
        {
            source = name == "-" ? reader.FromBytes(ReadAllStdin(), "stdin") : reader.ReadFile(name);
        }
        catch (InputException ex)
        {
            Console.Error.WriteLine($"kabar: error: {name}: {ex.Message}");
            return KabarCli.InputError;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"kabar: error: {name}: {ex.Message}");
            return KabarCli.InputError;
        }
        catch (UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"kabar: error: {name}: permission denied");
            return KabarCli.InputError;
        }
        source = Apply(source, published, settings.Language);
        var engine = EngineFactory.Create(settings.Quiet);
        Document document;
        try
        {
            document = engine.Process(source, cancellationToken);
        }
        catch (InputException ex)
        {
            Console.Error.WriteLine($"kabar: error: {name}: {ex.Message}");
            return KabarCli.InputError;
        }
        switch (settings.Format)
        {
            case "text":
                TextReport.Write(document);
                break;
            case "jsonl":
                Console.Out.WriteLine(ResultWriter.ToJson(document, tokens: settings.Tokens));
                break;
            default:
                Console.Out.WriteLine(ResultWriter.ToJson(document, settings.Pretty || !Console.IsOutputRedirected, settings.Tokens));
                break;
        }
        return KabarCli.Ok;
    }

    private static SourceDocument Apply(SourceDocument source, DateOnly? published, string? language)
    {
        if (published is not null)
        {
            source = source with { Published = published, PublishedSource = "caller" };
        }
        if (language is not null)
        {
            source = source with { Language = language.ToLowerInvariant() };
        }
        return source;
    }

    private static int RunBatch(Settings settings, DocumentReader reader, DateOnly? published, CancellationToken cancellationToken)
    {
        TextReader input;
        try
        {
            input = settings.Jsonl == "-" ? Console.In : new StreamReader(settings.Jsonl!, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"kabar: error: {settings.Jsonl}: {(ex is FileNotFoundException ? "no such file" : ex.Message)}");
            return KabarCli.InputError;
        }
        var engine = EngineFactory.Create(settings.Quiet);
        var records = reader.ReadBatch(input).ToList();
        input.Dispose();
        var results = new string[records.Count];
        var failed = 0;
        var events = 0;
        var progress = BatchProgress.Start(records.Count, settings.Quiet, "extract");
        // Records go through the stages in batches (KabarEngine.ProcessBatch), as many batches at once as threads, and no batch larger
        // than an even share of the records, so that a short file still keeps every thread busy.
        var batchSize = Math.Clamp((records.Count + settings.Threads - 1) / Math.Max(1, settings.Threads), 1, KabarEngine.BatchSize);
        var batches = (records.Count + batchSize - 1) / batchSize;
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancellationToken };
        Parallel.For(0, batches, options, b =>
        {
            var sources = new List<SourceDocument>(batchSize);
            var positions = new List<int>(batchSize);
            for (var i = b * batchSize; i < Math.Min(records.Count, (b + 1) * batchSize); i++)
            {
                var source = records[i].Document;
                if (source is null)
                {
                    results[i] = ResultWriter.ErrorJson(records[i].Id, records[i].Error ?? "unreadable record");
                    Interlocked.Increment(ref failed);
                    progress.Advance();
                    continue;
                }
                if (source.Published is null && published is not null)
                {
                    source = source with { Published = published, PublishedSource = "caller" };
                }
                if (source.Language is null && settings.Language is not null)
                {
                    source = source with { Language = settings.Language };
                }
                sources.Add(source);
                positions.Add(i);
            }
            var outcomes = engine.ProcessBatch(sources, null, cancellationToken);
            for (var k = 0; k < outcomes.Length; k++)
            {
                var (line, ok, found) = OutcomeLine(records[positions[k]].Id, outcomes[k], settings.Tokens);
                results[positions[k]] = line;
                Interlocked.Add(ref events, found);
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
                progress.Advance();
            }
        });
        progress.Stop();
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
        foreach (var line in results)
        {
            output.WriteLine(line);
        }
        output.Flush();
        if (!settings.Quiet)
        {
            Console.Error.WriteLine($"kabar: {records.Count} records, {records.Count - failed} extracted, {failed} failed, {events} events");
        }
        return KabarCli.Ok;
    }

    /// <summary>One batch record's output line: its result, or <c>{"id","error"}</c> with the reason. Never throws except on
    /// cancellation: one bad document must not stop a batch, whatever goes wrong in it.</summary>
    internal static (string Line, bool Ok, int Events) ProcessRecord(BatchRecord record, Func<SourceDocument, Document> process, bool tokens,
        CancellationToken cancellationToken)
    {
        if (record.Document is null)
        {
            return (ResultWriter.ErrorJson(record.Id, record.Error ?? "unreadable record"), false, 0);
        }
        try
        {
            return OutcomeLine(record.Id, new DocumentOutcome(process(record.Document), null), tokens);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return OutcomeLine(record.Id, new DocumentOutcome(null, ex), tokens);
        }
    }

    /// <summary>A record's output line from what the engine made of it: the result, bad input's reason, or a bug (in a stage or in
    /// writing the result) reported with its exception's type so it can be found and fixed. Never throws.</summary>
    private static (string Line, bool Ok, int Events) OutcomeLine(string id, DocumentOutcome outcome, bool tokens)
    {
        if (outcome.Document is { } document)
        {
            try
            {
                return (ResultWriter.ToJson(document, tokens: tokens), true, document.Events.Length);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                outcome = new DocumentOutcome(null, ex);
            }
        }
        return outcome.Error is InputException input
            ? (ResultWriter.ErrorJson(id, input.Message), false, 0)
            : (ResultWriter.ErrorJson(id, $"internal error: {outcome.Error!.GetType().Name}: {outcome.Error.Message}"), false, 0);
    }

    private static byte[] ReadAllStdin()
    {
        using var stdin = Console.OpenStandardInput();
        using var memory = new MemoryStream();
        stdin.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>A progress bar on a terminal; nothing when standard error is redirected or --quiet is given.</summary>
internal sealed class BatchProgress
{
    private readonly int _total;
    private readonly bool _enabled;
    private readonly string _label;
    private int _done;
    private long _lastDraw;

    private BatchProgress(int total, bool enabled, string label)
    {
        _total = total;
        _enabled = enabled;
        _label = label;
    }

    public static BatchProgress Start(int total, bool quiet, string label) =>
        new(total, !quiet && !Console.IsErrorRedirected && total > 1, label);

    public void Advance()
    {
        var done = Interlocked.Increment(ref _done);
        if (!_enabled)
        {
            return;
        }
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDraw);
        if (done != _total && now - last < 100)
        {
            return;
        }
        Interlocked.Exchange(ref _lastDraw, now);
        lock (this)
        {
            var width = 30;
            var filled = (int)(width * (double)done / Math.Max(1, _total));
            Console.Error.Write($"\r{_label} [{new string('#', filled)}{new string('-', width - filled)}] {done}/{_total}");
        }
    }

    public void Stop()
    {
        if (_enabled)
        {
            Console.Error.WriteLine();
        }
    }
}

/// <summary>The <c>--format text</c> report: removed furniture, entities and events as tables.</summary>
internal static class TextReport
{
    public static void Write(Document document)
    {
        var console = AnsiConsole.Console;
        var title = document.Metadata.Title is { } t ? $" — {Markup.Escape(t)}" : "";
        console.MarkupLine($"[bold]{Markup.Escape(document.Id)}[/]{title}");
        console.MarkupLine($"language [bold]{document.Language}[/], published [bold]{document.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}[/], "
            + $"{document.Sentences.Length} sentences, {document.Entities.Count(e => e.Mention != MentionKind.Pronoun)} entities, {document.Events.Length} events");
        if (!document.Removed.IsEmpty)
        {
            console.MarkupLine("[grey]removed:[/] " + string.Join(", ", document.Removed.Select(r => $"{Markup.Escape(Short(r.Text, 40))} [grey]({r.Reason})[/]")));
        }
        var events = new Table().Border(TableBorder.Rounded).Title("events");
        foreach (var column in (string[])["#", "date", "source", "event", "target", "place", "modality", "evidence"])
        {
            events.AddColumn(column);
        }
        foreach (var e in document.Events)
        {
            var modality = e.Modality.ToString().ToLowerInvariant() + (e.Negated ? ", negated" : "");
            events.AddRow(
                Markup.Escape(e.Id),
                Markup.Escape(e.Date ?? "—"),
                Markup.Escape($"{e.Source.Actor.Code} ({Short(e.Source.Text, 24)})"),
                Markup.Escape($"{e.Cameo.Code} {Short(e.Cameo.Name, 30)}" + (e.Cameo.Plover is { } p ? $" / {p}" : "")),
                Markup.Escape(e.Target is null ? "—" : $"{e.Target.Actor.Code} ({Short(e.Target.Text, 24)})"),
                Markup.Escape(e.Place?.Name ?? "—"),
                Markup.Escape(modality + (e.AttributedTo is { } a ? $"; per {Short(a, 20)}" : "")),
                Markup.Escape(Short(document.Text[e.EvidenceStart..e.EvidenceEnd], 60)));
        }
        console.Write(events);
        var entities = new Table().Border(TableBorder.Rounded).Title("entities");
        foreach (var column in (string[])["text", "type", "actor", "value / place"])
        {
            entities.AddColumn(column);
        }
        foreach (var entity in document.Entities.Where(e => e.Mention != MentionKind.Pronoun))
        {
            var value = entity.Time?.Value ?? (entity.Quantity is { } q ? $"{q.Value} {q.Qualifier} {q.Of}" : null)
                ?? (entity.Place is { } p ? $"{p.Name} {p.Lat:0.00},{p.Lon:0.00}" : "");
            entities.AddRow(Markup.Escape(Short(entity.Text, 40)), entity.Type.ToString(), Markup.Escape(entity.Actor?.Code ?? ""), Markup.Escape(value));
        }
        console.Write(entities);
    }

    private static string Short(string text, int length)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
