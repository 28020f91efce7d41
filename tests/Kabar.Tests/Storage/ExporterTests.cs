using System.Globalization;
using System.Text.Json;
using Kabar.Storage;
using Kabar.Storage.Export;
using Kabar.Tests.Support;

namespace Kabar.Tests.Storage;

/// <summary>Every export format parses back and agrees with the stored events.</summary>
public sealed class ExporterTests
{
    private static async Task<(TestStore Store, IReadOnlyList<EventRow> Clusters)> StoreWithSamplesAsync(string engine)
    {
        var t = await TestStore.CreateAsync(engine);
        await t.IngestAsync(t.Jsonl([.. Articles.Samples(),
            Articles.Record("a", Articles.RafahA, url: "https://one.example/a"),
            Articles.Record("b", Articles.RafahB, url: "https://two.example/b")]));
        return (t, await t.Store.QueryAsync(new EventFilter { Limit = 0, Ascending = true }));
    }

    private static async Task<string> ExportAsync(TestStore t, ExportFormat format, bool mentions = false)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        await new Exporter().WriteAsync(t.Store.StreamAsync(new EventFilter { Limit = 0, Ascending = true, Mentions = mentions }), format, output);
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Csv_has_the_header_and_one_parsable_row_per_merged_event(string engine)
    {
        var (t, clusters) = await StoreWithSamplesAsync(engine);
        await using var owned = t;
        var rows = Csv.Parse(await ExportAsync(t, ExportFormat.Csv));

        Assert.Equal(Exporter.CsvColumns, rows[0]);
        Assert.Equal(clusters.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(Exporter.CsvColumns.Count, r.Count));
        var rafah = rows.Single(r => r[4] == "ISRMIL" && r[12] == "19" && r[17] == "PSE");
        var stored = clusters.Single(c => c.ClusterId.ToString(CultureInfo.InvariantCulture) == rafah[0]);
        Assert.True(stored.NumArticles >= 2, "a and b report the Rafah attack");
        Assert.Equal(stored.NumArticles.ToString(CultureInfo.InvariantCulture), rafah[Exporter.CsvColumns.ToList().IndexOf("num_articles")]);
        Assert.Equal(clusters.Select(c => c.ClusterId.ToString(CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task GeoJson_is_a_feature_collection_of_points_in_lon_lat_order(string engine)
    {
        var (t, clusters) = await StoreWithSamplesAsync(engine);
        await using var owned = t;
        using var json = JsonDocument.Parse(await ExportAsync(t, ExportFormat.GeoJson));

        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(clusters.Count(c => c.Event.Lat is not null), features.Count);
        Assert.NotEmpty(features);
        foreach (var feature in features)
        {
            var id = feature.GetProperty("id").GetInt64();
            var stored = clusters.Single(c => c.ClusterId == id).Event;
            var geometry = feature.GetProperty("geometry");
            Assert.Equal("Point", geometry.GetProperty("type").GetString());
            var coordinates = geometry.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
            Assert.Equal([stored.Lon!.Value, stored.Lat!.Value], coordinates);
            Assert.Equal(stored.Cameo, feature.GetProperty("properties").GetProperty("cameo").GetString());
        }
        // Sudan is at about 30°E, 15°N: a swapped pair would put it in the Indian Ocean's latitudes at 15°E.
        Assert.Contains(features, f => f.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble() is > 25 and < 35
            && f.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble() is > 10 and < 20);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Gdelt_rows_have_61_tab_separated_columns_that_mean_what_gdelt_says(string engine)
    {
        var (t, clusters) = await StoreWithSamplesAsync(engine);
        await using var owned = t;
        var lines = Lines(await ExportAsync(t, ExportFormat.Gdelt));
        var column = Exporter.GdeltColumns.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        Assert.Equal(61, Exporter.GdeltColumns.Count);
        Assert.Equal(clusters.Count, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split('\t');
            Assert.Equal(61, f.Length);
            var stored = clusters.Single(c => c.ClusterId == long.Parse(f[column["GLOBALEVENTID"]], CultureInfo.InvariantCulture));
            Assert.Equal(stored.Event.Cameo, f[column["EventCode"]]);
            Assert.Equal(stored.Event.Root, f[column["EventRootCode"]]);
            Assert.StartsWith(f[column["EventRootCode"]], f[column["EventBaseCode"]], StringComparison.Ordinal);
            Assert.Equal(stored.Event.SourceCode, f[column["Actor1Code"]]);
            Assert.Equal(stored.Event.TargetCode ?? "", f[column["Actor2Code"]]);
            Assert.Equal(stored.NumArticles.ToString(CultureInfo.InvariantCulture), f[column["NumArticles"]]);
            Assert.Matches(@"^(\d{8})?$", f[column["SQLDATE"]]);
            Assert.Matches(@"^\d{14}$", f[column["DATEADDED"]]);
            Assert.Equal("", f[column["AvgTone"]]);
            if (stored.Event.Lat is { } lat)
            {
                Assert.InRange(int.Parse(f[column["ActionGeo_Type"]], CultureInfo.InvariantCulture), 1, 5);
                Assert.Equal(lat.ToString(CultureInfo.InvariantCulture), f[column["ActionGeo_Lat"]]);
            }
            else
            {
                Assert.Equal("0", f[column["ActionGeo_Type"]]);
            }
            Assert.InRange(int.Parse(f[column["QuadClass"]], CultureInfo.InvariantCulture), 1, 4);
        }
        // a and b (two sites) and the Gaza sample (no site: its own source) report Israeli strikes in and near Rafah on 4-5 March.
        var rafah = lines.Select(l => l.Split('\t')).Single(f => f[column["Actor1Code"]] == "ISRMIL" && f[column["EventRootCode"]] == "19" && f[column["ActionGeo_CountryCode"]] == "PSE");
        Assert.Equal(("3", "3", "3"), (rafah[column["NumArticles"]], rafah[column["NumSources"]], rafah[column["NumMentions"]]));
        Assert.InRange(double.Parse(rafah[column["ActionGeo_Long"]], CultureInfo.InvariantCulture), 34.0, 34.6);
        Assert.Equal("MIL", rafah[column["Actor1Type1Code"]]);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Acled_has_acled_columns_for_events_with_an_acled_type(string engine)
    {
        var (t, clusters) = await StoreWithSamplesAsync(engine);
        await using var owned = t;
        var rows = Csv.Parse(await ExportAsync(t, ExportFormat.Acled));
        var column = Exporter.AcledColumns.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        Assert.Equal(Exporter.AcledColumns, rows[0]);
        foreach (var required in (string[])["event_id_cnty", "event_date", "year", "disorder_type", "event_type", "sub_event_type", "actor1",
            "assoc_actor_1", "inter1", "actor2", "interaction", "country", "location", "latitude", "longitude", "geo_precision", "source", "notes",
            "fatalities", "timestamp"])
        {
            Assert.Contains(required, rows[0]);
        }
        Assert.Equal(clusters.Count(c => c.Event.AcledEventType is not null) + 1, rows.Count);
        Assert.True(rows.Count > 2, "the samples hold fighting and protests");
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal(Exporter.AcledColumns.Count, row.Count);
            Assert.NotEqual("", row[column["event_type"]]);
            Assert.Contains(row[column["disorder_type"]], (string[])["Political violence", "Demonstrations", "Strategic developments"]);
            Assert.Matches(@"^[A-Z]{3}\d+$", row[column["event_id_cnty"]]);
            Assert.True(int.TryParse(row[column["fatalities"]], CultureInfo.InvariantCulture, out _));
        }
        // The Israeli attack on Hamas that a, b and the Gaza sample report: state forces (1) against rebels (2).
        var rafah = rows.Single(r => r[column["actor2"]] == "Hamas" && r[column["event_type"]] == "Battles" && r[column["inter1"]] == "1");
        Assert.Equal(("Palestine", "1", "2", "12"), (rafah[column["country"]], rafah[column["inter1"]], rafah[column["inter2"]], rafah[column["interaction"]]));
        Assert.Matches(@"^PSE\d+$", rafah[column["event_id_cnty"]]);
        Assert.Contains("one.example", rafah[column["source"]], StringComparison.Ordinal);
        Assert.Contains("two.example", rafah[column["source"]], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task Jsonl_lists_every_report_with_mentions(string engine)
    {
        var (t, clusters) = await StoreWithSamplesAsync(engine);
        await using var owned = t;
        var merged = Lines(await ExportAsync(t, ExportFormat.Jsonl)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var mentions = Lines(await ExportAsync(t, ExportFormat.Jsonl, mentions: true)).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(clusters.Count, merged.Count);
        Assert.Equal(clusters.Sum(c => c.NumMentions), mentions.Count);
        Assert.Equal(mentions.Count, mentions.Select(m => m.GetProperty("event_id").GetInt64()).Distinct().Count());
        var rafah = merged.Single(m => m.GetProperty("source").GetProperty("actor").GetString() == "ISRMIL" && m.GetProperty("root").GetString() == "19");
        var sources = rafah.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(rafah.GetProperty("num_articles").GetInt32(), sources.Count);
        Assert.Contains("a", sources);
        Assert.Contains("b", sources);
    }
}

/// <summary>A small RFC 4180 reader for the tests (quoted fields, doubled quotes, line breaks inside quotes).</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
