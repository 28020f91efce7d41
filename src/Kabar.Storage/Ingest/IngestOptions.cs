using Kabar.Input;

namespace Kabar.Storage.Ingest;

/// <summary>How <see cref="Ingestor"/> reads, processes and writes.</summary>
public sealed record IngestOptions
{
    /// <summary>The User-Agent of every request.</summary>
    public const string DefaultUserAgent = "Kabar/0.1 (+https://github.com/kabar)";

    /// <summary>Publication date for documents that carry none (the anchor for relative dates).</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Language for documents that declare none (skips identification).</summary>
    public string? Language { get; init; }

    /// <summary>Documents per transaction.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Documents processed at once.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Largest file, record or HTTP response accepted, in bytes.</summary>
    public long MaxBytes { get; init; } = ReaderOptions.DefaultMaxBytes;

    /// <summary>Time to establish a connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for a whole request, body included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed per request.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;
}

/// <summary>Progress of an ingest, reported after every committed batch.</summary>
/// <param name="Read">Documents read so far (stored, duplicate or failed).</param>
/// <param name="Total">Documents expected, when known beforehand (local files only).</param>
/// <param name="Written">What the committed batches did.</param>
public sealed record IngestProgress(int Read, int? Total, WriteSummary Written);

/// <summary>What an ingest did: the JSON summary line of <c>kabar ingest</c>.</summary>
/// <param name="Read">Documents read.</param>
/// <param name="New">Documents added.</param>
/// <param name="Duplicates">Documents already stored.</param>
/// <param name="Replaced">Corrected versions that replaced a stored document.</param>
/// <param name="Failed">Documents that failed (recorded in the failures table).</param>
/// <param name="Events">Events stored.</param>
public sealed record IngestSummary(int Read, int New, int Duplicates, int Replaced, int Failed, int Events);
