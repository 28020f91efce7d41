using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kabar.Model;
using Kabar.Output;

namespace Kabar.Storage;

/// <summary>Something the ingest pipeline hands to the store: a processed document or a failure.</summary>
/// <param name="Origin">Where it was read from: a path, <c>path:line</c> for a JSON Lines record, or a URL.</param>
public abstract record IngestItem(string Origin);

/// <summary>A document that could not be stored, with the reason.</summary>
/// <param name="Origin">Where it was read from.</param>
/// <param name="DocId">Its id when one was known.</param>
/// <param name="Reason">One line saying why.</param>
public sealed record FailureRecord(string Origin, string? DocId, string Reason) : IngestItem(Origin);

/// <summary>A processed document as the store keeps it: identity, metadata, the full result JSON and one row per event.</summary>
public sealed record DocumentRecord(string Origin) : IngestItem(Origin)
{
    /// <summary>The caller's id (file name, record id, URL).</summary>
    public required string DocId { get; init; }

    /// <summary>Canonical URL, when known: a later text under the same URL is a corrected version.</summary>
    public string? Url { get; init; }

    /// <summary>Headline.</summary>
    public string? Title { get; init; }

    /// <summary>The URL's host without <c>www.</c>, else the page's site name; distinct sites are GDELT's NumSources.</summary>
    public string? Site { get; init; }

    /// <summary>ISO 639-1 language code.</summary>
    public required string Language { get; init; }

    /// <summary>Publication date, <c>yyyy-MM-dd</c>.</summary>
    public string? Published { get; init; }

    /// <summary>SHA-256 (hex) of the normalised cleaned text; see <see cref="ContentHash"/>.</summary>
    public required string Hash { get; init; }

    /// <summary><see cref="ResultWriter.ToJson"/> of the document.</summary>
    public required string Json { get; init; }

    /// <summary>The document's events.</summary>
    public ImmutableArray<EventRecord> Events { get; init; } = [];

    /// <summary>Builds the record of a processed document.</summary>
    public static DocumentRecord From(Document document, string origin)
    {
        var url = document.Metadata.Url;
        return new DocumentRecord(origin)
        {
            DocId = document.Id,
            Url = string.IsNullOrWhiteSpace(url) ? null : url.Trim(),
            Title = document.Metadata.Title,
            Site = SiteOf(url, document.Metadata.SiteName),
            Language = document.Language,
            Published = document.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Hash = ContentHash(document.Text),
            Json = ResultWriter.ToJson(document),
            Events = [.. document.Events.Select(e => EventRecord.From(document, e))],
        };
    }

    /// <summary>
    /// SHA-256 of the text lower-cased (invariant culture) with every run of white space made one space and the ends trimmed,
    /// so the same article re-scraped with different line breaks or capitalised headline is recognised.
    /// </summary>
    public static string ContentHash(string text)
    {
        var normal = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                normal.Append(' ');
                space = false;
            }
            normal.Append(char.ToLowerInvariant(c));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal.ToString())));
    }

    /// <summary>The host of <paramref name="url"/> without <c>www.</c>, else <paramref name="siteName"/>.</summary>
    public static string? SiteOf(string? url, string? siteName)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var host = uri.Host.ToLowerInvariant();
            return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        }
        return string.IsNullOrWhiteSpace(siteName) ? null : siteName.Trim();
    }
}

/// <summary>One event of a document as a flat row.</summary>
public sealed record EventRecord
{
    /// <summary>Id within the document (<c>e1</c>).</summary>
    public required string EventKey { get; init; }

    /// <summary>Sentence index.</summary>
    public int Sentence { get; init; }

    /// <summary>Source actor code.</summary>
    public required string SourceCode { get; init; }

    /// <summary>Source actor's country (ISO 3166-1 alpha-3).</summary>
    public string? SourceCountry { get; init; }

    /// <summary>Source actor's canonical name.</summary>
    public required string SourceName { get; init; }

    /// <summary>Source as written.</summary>
    public required string SourceText { get; init; }

    /// <summary>Target actor code, or null for events without a target.</summary>
    public string? TargetCode { get; init; }

    /// <summary>Target actor's country.</summary>
    public string? TargetCountry { get; init; }

    /// <summary>Target actor's canonical name.</summary>
    public string? TargetName { get; init; }

    /// <summary>Target as written.</summary>
    public string? TargetText { get; init; }

    /// <summary>CAMEO code.</summary>
    public required string Cameo { get; init; }

    /// <summary>CAMEO code's short description.</summary>
    public required string CameoName { get; init; }

    /// <summary>Two-digit CAMEO root.</summary>
    public required string Root { get; init; }

    /// <summary>PLOVER event type.</summary>
    public string? Plover { get; init; }

    /// <summary>Goldstein scale value.</summary>
    public double Goldstein { get; init; }

    /// <summary>Quad class, 1..4.</summary>
    public int QuadClass { get; init; }

    /// <summary>ACLED event type, where one applies.</summary>
    public string? AcledEventType { get; init; }

    /// <summary>ACLED sub-event type, where one applies.</summary>
    public string? AcledSubEventType { get; init; }

    /// <summary>The TIMEX-like date value (<c>2023-09-20</c>, <c>2023-W38</c>, <c>2022-12</c>…).</summary>
    public string? DateValue { get; init; }

    /// <summary>First day of the period the date names, as yyyymmdd; null when unknown or without a year.</summary>
    public int? Day { get; init; }

    /// <summary><c>day</c>, <c>week</c>, <c>month</c>, <c>year</c>, or null.</summary>
    public string? DatePrecision { get; init; }

    /// <summary>Where the date came from.</summary>
    public string DateSource { get; init; } = "none";

    /// <summary>Place name.</summary>
    public string? PlaceName { get; init; }

    /// <summary>Latitude.</summary>
    public double? Lat { get; init; }

    /// <summary>Longitude.</summary>
    public double? Lon { get; init; }

    /// <summary>Place's country.</summary>
    public string? PlaceCountry { get; init; }

    /// <summary>Gazetteer id (<c>geonames:…</c>, <c>kabar:…</c>, <c>country:…</c>).</summary>
    public string? GazetteerId { get; init; }

    /// <summary>Place feature kind (<c>city</c>, <c>admin1</c>, <c>country</c>…).</summary>
    public string? PlaceFeature { get; init; }

    /// <summary><c>asserted</c>, <c>intended</c>, <c>conditional</c>, <c>hypothetical</c>.</summary>
    public string Modality { get; init; } = "asserted";

    /// <summary>True when the text says it did not happen.</summary>
    public bool Negated { get; init; }

    /// <summary>Who the report attributes it to.</summary>
    public string? AttributedTo { get; init; }

    /// <summary>The evidence span's text.</summary>
    public required string Evidence { get; init; }

    /// <summary>The sentence's text.</summary>
    public required string SentenceText { get; init; }

    /// <summary>The rule that fired.</summary>
    public required string Rule { get; init; }

    /// <summary>Killed count reported in the event's clause (as in the JSON output), 0 when none.</summary>
    public int Fatalities { get; init; }

    /// <summary>The row for one event of a processed document.</summary>
    public static EventRecord From(Document document, Event e)
    {
        var (day, precision) = ParseDay(e.Date);
        var sentence = e.Sentence >= 0 && e.Sentence < document.Sentences.Length ? document.Sentences[e.Sentence] : null;
        var fatalities = e.Quantities.Where(q => q.Quantity?.Outcome == "killed").Select(q => q.Quantity!.Value).DefaultIfEmpty(0).Max();
        return new EventRecord
        {
            EventKey = e.Id,
            Sentence = e.Sentence,
            SourceCode = e.Source.Actor.Code,
            SourceCountry = e.Source.Actor.Country,
            SourceName = e.Source.Actor.Name,
            SourceText = e.Source.Text,
            TargetCode = e.Target?.Actor.Code,
            TargetCountry = e.Target?.Actor.Country,
            TargetName = e.Target?.Actor.Name,
            TargetText = e.Target?.Text,
            Cameo = e.Cameo.Code,
            CameoName = e.Cameo.Name,
            Root = e.Cameo.Root,
            Plover = e.Cameo.Plover,
            Goldstein = e.Cameo.Goldstein,
            QuadClass = e.Cameo.QuadClass,
            AcledEventType = e.Cameo.AcledEventType,
            AcledSubEventType = e.Cameo.AcledSubEventType,
            DateValue = e.Date,
            Day = day,
            DatePrecision = precision,
            DateSource = e.DateSource,
            PlaceName = e.Place?.Name,
            Lat = e.Place?.Lat,
            Lon = e.Place?.Lon,
            PlaceCountry = e.Place?.Country,
            GazetteerId = e.Place?.GazetteerId,
            PlaceFeature = e.Place?.Feature,
            Modality = e.Modality.ToString().ToLowerInvariant(),
            Negated = e.Negated,
            AttributedTo = e.AttributedTo,
            Evidence = document.Text[e.EvidenceStart..e.EvidenceEnd],
            SentenceText = sentence is null ? "" : document.Text[sentence.Start..sentence.End],
            Rule = e.Rule,
            Fatalities = (int)Math.Min(int.MaxValue, fatalities),
        };
    }

    /// <summary>
    /// The first day (yyyymmdd) and precision of a TIMEX-like value: <c>2023-09-20</c> (day, also with a time after it),
    /// <c>2023-W38</c> (week, from its Monday), <c>2022-12</c> (month), <c>2023</c> (year). Anything else (<c>--09-20</c>
    /// without a year, durations, null) has no day.
    /// </summary>
    public static (int? Day, string? Precision) ParseDay(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (null, null);
        }
        if (value.Length == 4)
        {
            return (year * 10000 + 101, "year");
        }
        if (value.Length >= 10 && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (ToDay(date), "day");
        }
        if (value.Length == 7 && value[4] == '-' && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12)
        {
            return (year * 10000 + month * 100 + 1, "month");
        }
        if (value.Length >= 8 && value[4] == '-' && value[5] == 'W'
            && int.TryParse(value.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week) && week is >= 1 and <= 53
            && year is >= 1 and <= 9999)
        {
            try
            {
                return (ToDay(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday))), "week");
            }
            catch (ArgumentOutOfRangeException)
            {
                return (null, null);
            }
        }
        return (null, null);
    }

    /// <summary>A date as a yyyymmdd number.</summary>
    public static int ToDay(DateOnly date) => date.Year * 10000 + date.Month * 100 + date.Day;

    /// <summary>A yyyymmdd number as a date.</summary>
    public static DateOnly FromDay(int day) => new(day / 10000, day / 100 % 100, day % 100);
}
