using System.Collections.Immutable;
using System.Globalization;

namespace Kabar.Storage;

/// <summary>What <c>kabar events</c> and <c>kabar export</c> select. Every filter given must hold for one stored event (mention);
/// in cluster mode a merged event is listed when any of its mentions matches.</summary>
public sealed record EventFilter
{
    /// <summary>Events on or after this day (the first day of the period the event's date names).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Events on or before this day.</summary>
    public DateOnly? To { get; init; }

    /// <summary>An actor code prefix (<c>ISR</c>, <c>ISRMIL</c>) or a substring of an actor's name, on either side.</summary>
    public string? Actor { get; init; }

    /// <summary>ISO 3166-1 alpha-3 country of the source or the target.</summary>
    public string? Country { get; init; }

    /// <summary>CAMEO code prefix (<c>19</c>, <c>190</c>, <c>0256</c>).</summary>
    public string? Cameo { get; init; }

    /// <summary>PLOVER event type (<c>ASSAULT</c>).</summary>
    public string? Plover { get; init; }

    /// <summary>Substring of the place name.</summary>
    public string? Place { get; init; }

    /// <summary>Within <c>Km</c> of a point.</summary>
    public (double Lat, double Lon, double Km)? Near { get; init; }

    /// <summary>Substring of the evidence or the sentence.</summary>
    public string? Text { get; init; }

    /// <summary>Rows to return; 0 for all.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Every report (mention) instead of one row per merged event.</summary>
    public bool Mentions { get; init; }

    /// <summary>Oldest first (exports) instead of newest first. Undated events come last either way.</summary>
    public bool Ascending { get; init; }

    /// <summary>Parses <c>LAT,LON,KM</c> (<c>--near</c>, the API's <c>near</c>): a latitude, a longitude and a positive radius in kilometres.</summary>
    public static bool TryParseNear(string text, out (double Lat, double Lon, double Km) near)
    {
        near = default;
        var parts = text.Split(',');
        if (parts.Length == 3 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var km)
            && lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && km > 0)
        {
            near = (lat, lon, km);
            return true;
        }
        return false;
    }

    /// <summary>True when no filter is set.</summary>
    public bool IsEmpty => From is null && To is null && Actor is null && Country is null && Cameo is null && Plover is null
        && Place is null && Near is null && Text is null;
}

/// <summary>A document that reported a merged event.</summary>
/// <param name="DocId">The document's id.</param>
/// <param name="Url">Its URL.</param>
/// <param name="Site">Its site.</param>
public sealed record SourceRef(string DocId, string? Url, string? Site);

/// <summary>One row of <c>kabar events</c>: a merged event (shown through one of its mentions) or one mention.</summary>
public sealed record EventRow
{
    /// <summary>The stored event (mention) id.</summary>
    public required long EventId { get; init; }

    /// <summary>The merged event (cluster) id.</summary>
    public required long ClusterId { get; init; }

    /// <summary>The event's fields.</summary>
    public required EventRecord Event { get; init; }

    /// <summary>Id of the document the mention is from.</summary>
    public required string DocId { get; init; }

    /// <summary>Its URL.</summary>
    public string? Url { get; init; }

    /// <summary>Its site.</summary>
    public string? Site { get; init; }

    /// <summary>Its title.</summary>
    public string? Title { get; init; }

    /// <summary>Its publication date.</summary>
    public string? Published { get; init; }

    /// <summary>When the merged event was first stored (ISO 8601 UTC).</summary>
    public required string DateAdded { get; init; }

    /// <summary>Mentions of the merged event (GDELT NumMentions).</summary>
    public int NumMentions { get; init; }

    /// <summary>Distinct documents reporting it (GDELT NumArticles).</summary>
    public int NumArticles { get; init; }

    /// <summary>Distinct sites reporting it (GDELT NumSources); a document without URL or site counts as its own source.</summary>
    public int NumSources { get; init; }

    /// <summary>Lowest non-zero killed count among the mentions (ACLED's conservative estimate), 0 when none reports one.</summary>
    public int Fatalities { get; init; }

    /// <summary>Documents reporting the merged event (the first <see cref="EventStore.MaxSourcesListed"/>).</summary>
    public ImmutableArray<SourceRef> Sources { get; init; } = [];
}

/// <summary>What a batch did.</summary>
/// <param name="New">Documents added.</param>
/// <param name="Duplicates">Documents already stored (same normalised text).</param>
/// <param name="Replaced">Corrected versions that replaced the document stored under the same URL.</param>
/// <param name="Failed">Failures recorded.</param>
/// <param name="Events">Events stored.</param>
public sealed record WriteSummary(int New, int Duplicates, int Replaced, int Failed, int Events)
{
    /// <summary>Nothing.</summary>
    public static WriteSummary Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Adds two summaries.</summary>
    public static WriteSummary operator +(WriteSummary a, WriteSummary b) =>
        new(a.New + b.New, a.Duplicates + b.Duplicates, a.Replaced + b.Replaced, a.Failed + b.Failed, a.Events + b.Events);
}

/// <summary>A recorded failure.</summary>
/// <param name="Origin">Where the document was read from.</param>
/// <param name="DocId">Its id, when known.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="FailedAt">When it last failed (ISO 8601 UTC).</param>
/// <param name="Attempts">How many ingests it failed in.</param>
public sealed record FailureRow(string Origin, string? DocId, string Reason, string FailedAt, int Attempts);

/// <summary>A removed document.</summary>
/// <param name="DocId">Its id.</param>
/// <param name="Url">Its URL.</param>
/// <param name="Events">Events removed with it.</param>
public sealed record RemovedDocument(string DocId, string? Url, int Events);

/// <summary>A count under a key (a day, a country, a CAMEO root).</summary>
/// <param name="Key">The key.</param>
/// <param name="Events">Mentions.</param>
/// <param name="Clusters">Merged events.</param>
public sealed record Count(string Key, long Events, long Clusters);

/// <summary>Counts and the database's health.</summary>
public sealed record StoreStats
{
    /// <summary>SQLite or PostgreSQL.</summary>
    public required StoreEngine Engine { get; init; }

    /// <summary>Path or redacted URL.</summary>
    public required string Location { get; init; }

    /// <summary>Latest applied migration.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>Documents stored.</summary>
    public long Documents { get; init; }

    /// <summary>Events (mentions) stored.</summary>
    public long Events { get; init; }

    /// <summary>Merged events.</summary>
    public long Clusters { get; init; }

    /// <summary>Failures recorded.</summary>
    public long Failures { get; init; }

    /// <summary>Size on disk in bytes: the SQLite file with its WAL, or the PostgreSQL database.</summary>
    public long SizeBytes { get; init; }

    /// <summary>Result of <c>PRAGMA quick_check</c> or <c>integrity_check</c> (<c>ok</c> when healthy); for PostgreSQL a note.</summary>
    public required string Integrity { get; init; }

    /// <summary>Events whose document is missing (0 in a healthy store).</summary>
    public long OrphanEvents { get; init; }

    /// <summary>Merged events whose counts disagree with their mentions, or that have none (0 in a healthy store).</summary>
    public long InconsistentClusters { get; init; }

    /// <summary>Documents whose recorded event count differs from their stored events (0 in a healthy store).</summary>
    public long MismatchedDocuments { get; init; }

    /// <summary>Most recent days with events.</summary>
    public ImmutableArray<Count> ByDay { get; init; } = [];

    /// <summary>Countries as source or target.</summary>
    public ImmutableArray<Count> ByCountry { get; init; } = [];

    /// <summary>CAMEO roots.</summary>
    public ImmutableArray<Count> ByRoot { get; init; } = [];
}
