using System.Threading.Channels;
using Kabar.Input;
using Kabar.Pipeline;

namespace Kabar.Storage.Ingest;

/// <summary>
/// Ingests files, folders, JSON Lines batches, feeds and URLs into an <see cref="EventStore"/>: one producer expands the
/// inputs, <see cref="IngestOptions.Threads"/> workers read and process documents with one shared
/// <see cref="KabarEngine"/> (each taking what is waiting, up to <see cref="KabarEngine.BatchSize"/> documents, through the stages
/// together), and one writer commits them in transactions of <see cref="IngestOptions.BatchSize"/>.
/// A bad document is recorded as a failure and never stops the batch; a killed process loses only its open transaction,
/// and running it again stores the rest (what was stored already counts as duplicate).
/// </summary>
public sealed class Ingestor : IDisposable
{
    private readonly KabarEngine _engine;
    private readonly EventStore _store;
    private readonly IngestOptions _options;
    private readonly DocumentReader _reader;
    private readonly WebFetcher _web;

    /// <summary>Creates an ingestor writing to <paramref name="store"/>.</summary>
    public Ingestor(KabarEngine engine, EventStore store, IngestOptions options)
    {
        _engine = engine;
        _store = store;
        _options = options;
        _reader = new DocumentReader(new ReaderOptions(options.MaxBytes));
        _web = new WebFetcher(options);
    }

    /// <summary>Ingests <paramref name="inputs"/> (paths and http(s) URLs); <paramref name="progress"/> hears after every batch.</summary>
    public async Task<IngestSummary> RunAsync(IReadOnlyList<string> inputs, Action<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var total = Sources.Count(inputs);
        var threads = Math.Max(1, _options.Threads);
        var batchSize = Math.Max(1, _options.BatchSize);
        // Items carry their input order: each batch is written in that order, so which report anchors a merged event, or
        // which of two versions under one URL wins, does not depend on thread timing within a batch.
        // Room for every worker to find a whole batch waiting.
        var work = Channel.CreateBounded<(long Order, WorkItem Item)>(new BoundedChannelOptions(threads * KabarEngine.BatchSize * 2)
        {
            SingleWriter = true,
        });
        var done = Channel.CreateBounded<(long Order, IngestItem Item)>(new BoundedChannelOptions(batchSize * 2) { SingleReader = true });
        var sources = new Sources(_reader, _web);

        var producer = Task.Run(async () =>
        {
            try
            {
                var order = 0L;
                await foreach (var item in sources.ExpandAsync(inputs, token))
                {
                    await work.Writer.WriteAsync((order++, item), token);
                }
            }
            finally
            {
                work.Writer.Complete();
            }
        }, token);
        var workers = Enumerable.Range(0, threads).Select(_ => Task.Run(async () =>
        {
            var items = new List<(long Order, WorkItem Item)>(KabarEngine.BatchSize);
            while (await work.Reader.WaitToReadAsync(token))
            {
                // Whatever is waiting, up to a batch: a busy ingest takes documents through the stages together, and a document that
                // arrives alone is not held back for others.
                items.Clear();
                while (items.Count < KabarEngine.BatchSize && work.Reader.TryRead(out var next))
                {
                    items.Add(next);
                }
                var processed = await ProcessAsync(items, token);
                for (var i = 0; i < items.Count; i++)
                {
                    await done.Writer.WriteAsync((items[i].Order, processed[i]), token);
                }
            }
        }, token)).ToArray();
        var finished = Task.WhenAll(workers).ContinueWith(t => done.Writer.Complete(t.Exception), TaskScheduler.Default);

        var written = WriteSummary.Zero;
        var read = 0;
        var batch = new List<(long Order, IngestItem Item)>(batchSize);
        List<IngestItem> Ordered() => [.. batch.OrderBy(b => b.Order).Select(b => b.Item)];
        try
        {
            await foreach (var item in done.Reader.ReadAllAsync(token))
            {
                batch.Add(item);
                if (batch.Count >= batchSize)
                {
                    written += await _store.WriteAsync(Ordered(), token);
                    read += batch.Count;
                    batch.Clear();
                    progress?.Invoke(new IngestProgress(read, total, written));
                }
            }
            written += await _store.WriteAsync(Ordered(), token);
            read += batch.Count;
            progress?.Invoke(new IngestProgress(read, total, written));
            await producer;
            await finished;
        }
        catch
        {
            // Stop the others; whatever was committed stays.
            await stop.CancelAsync();
            await Task.WhenAll([producer, .. workers]).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        await _store.OptimizeAsync(cancellationToken);
        return new IngestSummary(read, written.New, written.Duplicates, written.Replaced, written.Failed, written.Events);
    }

    /// <summary>Reads the items and takes those read through the pipeline as one batch; an item that cannot be read or processed becomes
    /// its failure.</summary>
    private async Task<IngestItem[]> ProcessAsync(List<(long Order, WorkItem Item)> items, CancellationToken cancellationToken)
    {
        var results = new IngestItem[items.Count];
        var sources = new List<SourceDocument>(items.Count);
        var positions = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i].Item;
            try
            {
                var source = await item.Load(cancellationToken);
                if (source.Published is null && _options.Published is { } published)
                {
                    source = source with { Published = published, PublishedSource = "caller" };
                }
                if (source.Language is null && _options.Language is { } language)
                {
                    source = source with { Language = language.ToLowerInvariant() };
                }
                sources.Add(source);
                positions.Add(i);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results[i] = Failure(item, item.DocId, ex);
            }
        }
        var outcomes = _engine.ProcessBatch(sources, null, cancellationToken);
        for (var k = 0; k < outcomes.Length; k++)
        {
            var item = items[positions[k]].Item;
            try
            {
                results[positions[k]] = outcomes[k].Document is { } document
                    ? DocumentRecord.From(document, item.Origin)
                    : Failure(item, sources[k].Id, outcomes[k].Error!);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Making the stored record can fail too (its JSON); that is still this document's failure, not the batch's.
                results[positions[k]] = Failure(item, sources[k].Id, ex);
            }
        }
        return results;
    }

    /// <summary>Whatever one document does wrong is its failure, not the batch's: bad input with its own message, anything else with
    /// the exception's type too.</summary>
    private static FailureRecord Failure(WorkItem item, string? docId, Exception ex) => ex switch
    {
        RecordException record => new FailureRecord(item.Origin, record.Id, record.Message),
        InputException => new FailureRecord(item.Origin, docId, ex.Message),
        _ => new FailureRecord(item.Origin, docId, $"{ex.GetType().Name}: {ex.Message}"),
    };

    /// <inheritdoc/>
    public void Dispose() => _web.Dispose();
}
