using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kabar.Languages;

namespace Kabar.Storage.Export;

/// <summary>Export formats.</summary>
public enum ExportFormat
{
    /// <summary>One JSON object per line (Kabar's own fields).</summary>
    Jsonl,
    /// <summary>RFC 4180 CSV with a header (Kabar's own fields, flat).</summary>
    Csv,
    /// <summary>A GeoJSON FeatureCollection of located events (Point, [lon, lat]).</summary>
    GeoJson,
    /// <summary>GDELT 2.0 event table: 61 tab-separated columns, no header (see docs/export.md).</summary>
    Gdelt,
    /// <summary>ACLED-style CSV with ACLED's column names, for events with an ACLED type (see docs/export.md).</summary>
    Acled,
}

/// <summary>Writes stored events in the export formats. The column-by-column mappings are in docs/export.md.</summary>
/// <remarks>Stateless apart from the country names it loads once; thread-safe.</remarks>
public sealed class Exporter
{
    /// <summary>GDELT 2.0 event table columns, in order.</summary>
    public static readonly IReadOnlyList<string> GdeltColumns =
    [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        .. Actor("Actor1"), .. Actor("Actor2"),
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
        .. Geo("Actor1Geo"), .. Geo("Actor2Geo"), .. Geo("ActionGeo"),
        "DATEADDED", "SOURCEURL",
    ];

    /// <summary>ACLED columns, in ACLED's order.</summary>
    public static readonly IReadOnlyList<string> AcledColumns =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
        "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
        "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ];

    /// <summary>Kabar's own flat columns (CSV).</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "cluster_id", "event_id", "date", "day", "source_code", "source_country", "source_name", "target_code", "target_country", "target_name",
        "cameo", "cameo_name", "root", "plover", "goldstein", "quad_class", "place_name", "place_country", "lat", "lon", "gazetteer_id",
        "modality", "negated", "attributed_to", "fatalities", "num_mentions", "num_articles", "num_sources", "doc_id", "url", "site",
        "published", "date_added", "evidence", "sentence",
    ];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IEnumerable<string> Actor(string p) =>
        new[] { "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code" }
        .Select(s => p + s);

    private static IEnumerable<string> Geo(string p) =>
        new[] { "_Type", "_FullName", "_CountryCode", "_ADM1Code", "_ADM2Code", "_Lat", "_Long", "_FeatureID" }.Select(s => p + s);

    private readonly CommonData _common;

    /// <summary>Creates an exporter with the embedded country table.</summary>
    public Exporter()
        : this(CommonData.Load(DataSource.Embedded))
    {
    }

    /// <summary>Creates an exporter with the given shared data (country names).</summary>
    public Exporter(CommonData common) => _common = common;

    /// <summary>Writes every row in the format; returns the number of records written (rows skipped by a format do not count).</summary>
    public async Task<int> WriteAsync(IAsyncEnumerable<EventRow> rows, ExportFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        var count = 0;
        switch (format)
        {
            case ExportFormat.Csv:
                await output.WriteLineAsync(string.Join(",", CsvColumns).AsMemory(), cancellationToken);
                break;
            case ExportFormat.Acled:
                await output.WriteLineAsync(string.Join(",", AcledColumns).AsMemory(), cancellationToken);
                break;
            case ExportFormat.GeoJson:
                await output.WriteAsync("{\"type\":\"FeatureCollection\",\"features\":[".AsMemory(), cancellationToken);
                break;
        }
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var line = format switch
            {
                ExportFormat.Jsonl => Json(row),
                ExportFormat.Csv => string.Join(",", CsvFields(row).Select(Csv)),
                ExportFormat.Gdelt => string.Join("\t", GdeltFields(row).Select(f => f.Replace('\t', ' ').ReplaceLineEndings(" "))),
                ExportFormat.Acled => row.Event.AcledEventType is null ? null : string.Join(",", AcledFields(row).Select(Csv)),
                ExportFormat.GeoJson => row.Event.Lat is null || row.Event.Lon is null ? null : Feature(row),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
            if (line is null)
            {
                continue;
            }
            if (format == ExportFormat.GeoJson)
            {
                await output.WriteAsync((count == 0 ? "\n" : ",\n").AsMemory(), cancellationToken);
                await output.WriteAsync(line.AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
            count++;
        }
        if (format == ExportFormat.GeoJson)
        {
            await output.WriteLineAsync("\n]}".AsMemory(), cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One row as Kabar's JSON object.</summary>
    public static string Json(EventRow row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteProperties(writer, row, geometry: false);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Feature(EventRow row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteNumber("id", row.ClusterId);
            writer.WriteStartObject("geometry");
            writer.WriteString("type", "Point");
            // GeoJSON (RFC 7946) positions are [longitude, latitude].
            writer.WriteStartArray("coordinates");
            writer.WriteNumberValue(row.Event.Lon!.Value);
            writer.WriteNumberValue(row.Event.Lat!.Value);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WritePropertyName("properties");
            WriteProperties(writer, row, geometry: true);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteProperties(Utf8JsonWriter w, EventRow row, bool geometry)
    {
        var e = row.Event;
        w.WriteStartObject();
        w.WriteNumber("cluster_id", row.ClusterId);
        w.WriteNumber("event_id", row.EventId);
        w.WriteNumber("num_mentions", row.NumMentions);
        w.WriteNumber("num_articles", row.NumArticles);
        w.WriteNumber("num_sources", row.NumSources);
        Nullable(w, "date", e.DateValue);
        Nullable(w, "day", Day(e.Day));
        Nullable(w, "date_precision", e.DatePrecision);
        w.WriteString("date_source", e.DateSource);
        w.WriteStartObject("source");
        w.WriteString("actor", e.SourceCode);
        Nullable(w, "country", e.SourceCountry);
        w.WriteString("name", e.SourceName);
        w.WriteString("text", e.SourceText);
        w.WriteEndObject();
        if (e.TargetCode is null)
        {
            w.WriteNull("target");
        }
        else
        {
            w.WriteStartObject("target");
            w.WriteString("actor", e.TargetCode);
            Nullable(w, "country", e.TargetCountry);
            Nullable(w, "name", e.TargetName);
            Nullable(w, "text", e.TargetText);
            w.WriteEndObject();
        }
        w.WriteString("cameo", e.Cameo);
        w.WriteString("cameo_name", e.CameoName);
        w.WriteString("root", e.Root);
        Nullable(w, "plover", e.Plover);
        w.WriteNumber("goldstein", e.Goldstein);
        w.WriteNumber("quad_class", e.QuadClass);
        Nullable(w, "acled_event_type", e.AcledEventType);
        Nullable(w, "acled_sub_event_type", e.AcledSubEventType);
        if (e.PlaceName is null)
        {
            w.WriteNull("place");
        }
        else
        {
            w.WriteStartObject("place");
            w.WriteString("name", e.PlaceName);
            Nullable(w, "country", e.PlaceCountry);
            if (!geometry && e.Lat is not null && e.Lon is not null)
            {
                w.WriteNumber("lat", e.Lat.Value);
                w.WriteNumber("lon", e.Lon.Value);
            }
            Nullable(w, "gazetteer_id", e.GazetteerId);
            Nullable(w, "feature", e.PlaceFeature);
            w.WriteEndObject();
        }
        w.WriteString("modality", e.Modality);
        w.WriteBoolean("negated", e.Negated);
        Nullable(w, "attributed_to", e.AttributedTo);
        w.WriteNumber("fatalities", row.Fatalities);
        w.WriteString("evidence", e.Evidence);
        w.WriteString("sentence", e.SentenceText);
        w.WriteString("rule", e.Rule);
        w.WriteStartObject("document");
        w.WriteString("id", row.DocId);
        Nullable(w, "url", row.Url);
        Nullable(w, "site", row.Site);
        Nullable(w, "title", row.Title);
        Nullable(w, "published", row.Published);
        w.WriteEndObject();
        if (!row.Sources.IsDefaultOrEmpty)
        {
            w.WriteStartArray("sources");
            foreach (var source in row.Sources)
            {
                w.WriteStartObject();
                w.WriteString("id", source.DocId);
                Nullable(w, "url", source.Url);
                Nullable(w, "site", source.Site);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteString("date_added", row.DateAdded);
        w.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Kabar's flat fields, in <see cref="CsvColumns"/> order.</summary>
    public static IEnumerable<string> CsvFields(EventRow row)
    {
        var e = row.Event;
        return
        [
            N(row.ClusterId), N(row.EventId), e.DateValue ?? "", Day(e.Day) ?? "", e.SourceCode, e.SourceCountry ?? "", e.SourceName,
            e.TargetCode ?? "", e.TargetCountry ?? "", e.TargetName ?? "", e.Cameo, e.CameoName, e.Root, e.Plover ?? "", N(e.Goldstein),
            N(e.QuadClass), e.PlaceName ?? "", e.PlaceCountry ?? "", N(e.Lat), N(e.Lon), e.GazetteerId ?? "", e.Modality, e.Negated ? "true" : "false",
            e.AttributedTo ?? "", N(row.Fatalities), N(row.NumMentions), N(row.NumArticles), N(row.NumSources), row.DocId, row.Url ?? "",
            row.Site ?? "", row.Published ?? "", row.DateAdded, e.Evidence, e.SentenceText,
        ];
    }

    /// <summary>The GDELT 2.0 fields of a merged event, in <see cref="GdeltColumns"/> order.</summary>
    public static IReadOnlyList<string> GdeltFields(EventRow row)
    {
        var e = row.Event;
        var date = e.Day is { } d ? EventRecord.FromDay(d) : (DateOnly?)null;
        var baseCode = e.Cameo.Length > 3 ? e.Cameo[..3] : e.Cameo;
        return
        [
            N(row.ClusterId),
            date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "",
            date?.ToString("yyyyMM", CultureInfo.InvariantCulture) ?? "",
            date?.ToString("yyyy", CultureInfo.InvariantCulture) ?? "",
            date is { } f ? (f.Year + (f.DayOfYear - 1) / 365.0).ToString("0.0000", CultureInfo.InvariantCulture) : "",
            .. GdeltActor(e.SourceCode, e.SourceName, e.SourceCountry),
            .. GdeltActor(e.TargetCode, e.TargetName, e.TargetCountry),
            e.Sentence <= 1 ? "1" : "0",
            e.Cameo, baseCode, e.Root, N(e.QuadClass), N(e.Goldstein), N(row.NumMentions), N(row.NumSources), N(row.NumArticles),
            "",
            "0", "", "", "", "", "", "", "",
            "0", "", "", "", "", "", "", "",
            .. GdeltActionGeo(e),
            Timestamp(row.DateAdded)?.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) ?? "",
            row.Url ?? row.DocId,
        ];
    }

    private static IEnumerable<string> GdeltActor(string? code, string? name, string? country)
    {
        if (code is null)
        {
            return Enumerable.Repeat("", 10);
        }
        var roles = Roles(code, country);
        return
        [
            code, name?.ToUpperInvariant() ?? "", country ?? "", "", "", "", "",
            roles.ElementAtOrDefault(0) ?? "", roles.ElementAtOrDefault(1) ?? "", roles.ElementAtOrDefault(2) ?? "",
        ];
    }

    private static IEnumerable<string> GdeltActionGeo(EventRecord e)
    {
        if (e.Lat is null || e.Lon is null)
        {
            return ["0", "", "", "", "", "", "", ""];
        }
        var us = e.PlaceCountry == "USA";
        var type = e.PlaceFeature switch
        {
            "country" => 1,
            "admin1" => us ? 2 : 5,
            _ => us ? 3 : 4,
        };
        var feature = e.GazetteerId is { } id && id.StartsWith("geonames:", StringComparison.Ordinal) ? id["geonames:".Length..] : e.GazetteerId ?? "";
        return [N(type), e.PlaceName ?? "", e.PlaceCountry ?? "", "", "", N(e.Lat), N(e.Lon), feature];
    }

    /// <summary>The ACLED fields of a merged event, in <see cref="AcledColumns"/> order.</summary>
    public IReadOnlyList<string> AcledFields(EventRow row)
    {
        var e = row.Event;
        var date = e.Day is { } d ? EventRecord.FromDay(d) : (DateOnly?)null;
        var inter1 = Inter(e.SourceCode, e.SourceCountry);
        var inter2 = e.TargetCode is null ? 0 : Inter(e.TargetCode, e.TargetCountry);
        var interaction = inter1 == 0 ? "" : inter2 == 0 ? N(inter1 * 10) : N(Math.Min(inter1, inter2) * 10 + Math.Max(inter1, inter2));
        var disorder = e.AcledEventType switch
        {
            "Protests" or "Riots" => "Demonstrations",
            "Strategic developments" => "Strategic developments",
            null => "",
            _ => "Political violence",
        };
        var country = e.PlaceCountry ?? e.SourceCountry;
        var sites = row.Sources.IsDefaultOrEmpty
            ? row.Site ?? row.Url ?? row.DocId
            : string.Join("; ", row.Sources.Select(s => s.Site ?? s.Url ?? s.DocId).Distinct(StringComparer.Ordinal));
        return
        [
            (country ?? "XXX") + N(row.ClusterId),
            date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            date?.ToString("yyyy", CultureInfo.InvariantCulture) ?? "",
            e.DatePrecision switch { "day" => "1", "week" => "2", "month" or "year" => "3", _ => "" },
            disorder,
            e.AcledEventType ?? "",
            e.AcledSubEventType ?? "",
            e.SourceName,
            "",
            inter1 == 0 ? "" : N(inter1),
            e.TargetName ?? "",
            "",
            N(inter2),
            interaction,
            disorder == "Political violence" && inter2 == 7 ? "Civilian targeting" : "",
            "",
            "",
            country is not null && _common.Countries.TryGetValue(country, out var info) ? info.Name : country ?? "",
            e.PlaceFeature == "admin1" ? e.PlaceName ?? "" : "",
            "",
            "",
            e.PlaceName ?? "",
            N(e.Lat),
            N(e.Lon),
            e.PlaceFeature switch { null => "", "city" => "1", "country" => "3", _ => "2" },
            sites,
            "",
            e.SentenceText.ReplaceLineEndings(" ").Trim(),
            N(row.Fatalities),
            "",
            Timestamp(row.DateAdded) is { } added ? N(new DateTimeOffset(added, TimeSpan.Zero).ToUnixTimeSeconds()) : "",
        ];
    }

    /// <summary>
    /// ACLED's actor category from the CAMEO code's parts: 1 state forces (a country alone, or GOV, MIL, COP, SPY, JUD, LEG),
    /// 2 rebels (REB, INS, SEP), 6 protesters (OPP, activists), 7 civilians (CVL, REF, MED, EDU, HLH, LAB, BUS, AGR, REL),
    /// 8 external or other forces (IGO, NGO, IMG, MNC, UNO); 0 when nothing says.
    /// </summary>
    public static int Inter(string code, string? country)
    {
        var roles = Roles(code, country);
        if (roles.Count == 0)
        {
            return country is null ? 0 : 1;
        }
        foreach (var role in roles)
        {
            switch (role)
            {
                case "GOV" or "MIL" or "COP" or "SPY" or "JUD" or "LEG" or "PTY" when country is not null:
                    return 1;
                case "REB" or "INS" or "SEP":
                    return 2;
                case "OPP" or "ACT":
                    return 6;
                case "CVL" or "REF" or "MED" or "EDU" or "HLH" or "LAB" or "BUS" or "AGR" or "REL" or "ELI":
                    return 7;
                case "IGO" or "NGO" or "IMG" or "MNC" or "UNO":
                    return 8;
            }
        }
        return 0;
    }

    /// <summary>The three-letter parts of a code after its country.</summary>
    private static List<string> Roles(string code, string? country)
    {
        var start = country is not null && code.StartsWith(country, StringComparison.Ordinal) ? country.Length : 0;
        var roles = new List<string>();
        for (var i = start; i + 3 <= code.Length; i += 3)
        {
            roles.Add(code.Substring(i, 3));
        }
        return roles;
    }

    private static DateTime? Timestamp(string iso) =>
        DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string? Day(int? day) => day is { } d ? EventRecord.FromDay(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>An RFC 4180 field: quoted when it holds a comma, quote or line break.</summary>
    public static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
