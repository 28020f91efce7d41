using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kabar.Languages;
using Kabar.Pipeline;
using Kabar.Storage;
using Kabar.Storage.Ingest;

// Storage benchmarks (docs/performance.md, "## Storage"):
//   dotnet run -c Release --project bench/Kabar.Bench -- ingest --articles 20000 --db PATH|postgres://…
//   dotnet run -c Release --project bench/Kabar.Bench -- query --events 1000000 --db PATH|postgres://…
//   … query --events 1000000 --db postgres://… --direct     (PostgreSQL: generate the rows in SQL instead of through the write path)
// Each prints one line per measurement; give a fresh database (a file that does not exist, an empty PostgreSQL database).

var command = args.FirstOrDefault() ?? "";
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
var db = Arg("--db", "");
if (db.Length == 0 || command is not ("ingest" or "query"))
{
    Console.Error.WriteLine("usage: kabar-bench ingest --articles N --db DB [--threads N] [--batch-size N] | query --events N --db DB [--runs N]");
    return 2;
}
var started = DateTime.UtcNow;
Console.WriteLine($"# {command} into {StoreLocation.Parse(db).Display} on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {started:yyyy-MM-ddTHH:mm:ssZ}");
return command == "ingest"
    ? await Bench.IngestAsync(db, int.Parse(Arg("--articles", "20000"), CultureInfo.InvariantCulture),
        int.Parse(Arg("--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        int.Parse(Arg("--batch-size", "100"), CultureInfo.InvariantCulture))
    : await Bench.QueryAsync(db, int.Parse(Arg("--events", "1000000"), CultureInfo.InvariantCulture), int.Parse(Arg("--runs", "7"), CultureInfo.InvariantCulture),
        args.Contains("--direct"));

internal static class Bench
{
    private static readonly string Root = FindRoot();

    /// <summary>End to end: a JSON Lines batch of articles replicated from the samples, through the engine into the store.</summary>
    public static async Task<int> IngestAsync(string db, int articles, int threads, int batchSize)
    {
        var batch = Path.Combine(Path.GetTempPath(), $"kabar-bench-{Guid.NewGuid():N}.jsonl");
        WriteBatch(batch, articles);
        try
        {
            var engine = KabarEngine.Create();
            await using var store = await EventStore.OpenAsync(db);
            using var ingestor = new Ingestor(engine, store, new IngestOptions { Threads = threads, BatchSize = batchSize });
            var clock = Stopwatch.StartNew();
            var summary = await ingestor.RunAsync([batch]);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest end-to-end: {summary.Read} articles ({summary.New} new, {summary.Failed} failed), {summary.Events} events in {seconds:0.0} s: "
                + $"{summary.Read / seconds:0} articles/s, {summary.Events / seconds:0} events/s (threads {threads}, batch {batchSize})"));

            // The store alone: the same documents processed beforehand, written again into a fresh set of tables.
            var records = File.ReadLines(batch).Take(Math.Min(articles, 5000)).Select((line, i) =>
            {
                var record = new Kabar.Input.DocumentReader(new Kabar.Input.ReaderOptions()).ReadRecord(line, i + 1);
                return DocumentRecord.From(engine.Process(record.Document!), $"bench:{i}") with { Hash = $"write-only-{i}", Url = null };
            }).ToList();
            clock.Restart();
            var written = WriteSummary.Zero;
            foreach (var chunk in records.Chunk(batchSize))
            {
                written += await store.WriteAsync(chunk, default);
            }
            seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"store writes only: {written.New} documents, {written.Events} events in {seconds:0.0} s: {written.New / seconds:0} documents/s, {written.Events / seconds:0} events/s"));
            var stats = await store.StatsAsync(top: 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"store: {stats.Documents} documents, {stats.Events} events, {stats.Clusters} merged events, {stats.SizeBytes / 1024.0 / 1024.0:0.0} MB"));
        }
        finally
        {
            File.Delete(batch);
        }
        return 0;
    }

    /// <summary>Articles from the samples: a headline with a varying selection of paragraphs, made unique by a reference line.</summary>
    private static void WriteBatch(string path, int count)
    {
        var samples = new (string File, string Published)[]
        {
            ("en-gaza-aid.txt", "2024-03-04"), ("en-ukraine-grain.txt", "2023-08-02"),
            ("id-laut-cina-selatan.txt", "2023-08-07"), ("id-sudan-evakuasi.txt", "2023-04-24"),
        };
        var random = new Random(20240304);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var (file, published) = samples[i % samples.Length];
            var lines = File.ReadAllLines(Path.Combine(Root, "samples", file));
            var body = lines.Skip(1).Where(_ => random.NextDouble() < 0.8);
            var text = $"{lines[0]}\n{string.Join("\n", body)}\nRef. {i}.";
            writer.WriteLine(JsonSerializer.Serialize(new { id = $"bench-{i}", text, published, language = file[..2], url = $"https://site{i % 50}.example/{i}" }));
        }
    }

    /// <summary>Filter latency of `kabar events` over generated rows (written through the store's normal write path).</summary>
    public static async Task<int> QueryAsync(string db, int events, int runs, bool direct)
    {
        await using var store = await EventStore.OpenAsync(db);
        var existing = (await store.StatsAsync(top: 0)).Events;
        if (existing == 0 && direct && store.Location.Engine == StoreEngine.Postgres)
        {
            var clock = Stopwatch.StartNew();
            await GenerateDirectlyAsync(store.Location.ConnectionString, events);
            await store.OptimizeAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {events} events directly in SQL in {clock.Elapsed.TotalSeconds:0} s (same distributions as the write path, one merged event each)"));
        }
        else if (existing < events)
        {
            var clock = Stopwatch.StartNew();
            var generated = await GenerateAsync(store, events - (int)existing);
            await store.OptimizeAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {generated} events in {clock.Elapsed.TotalSeconds:0} s ({generated / clock.Elapsed.TotalSeconds:0} events/s through the write path)"));
        }
        var stats = await store.StatsAsync(top: 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store: {stats.Documents} documents, {stats.Events} events, {stats.Clusters} merged events, {stats.SizeBytes / 1024.0 / 1024.0:0} MB"));
        (string Name, EventFilter Filter)[] cases =
        [
            ("no filter", new EventFilter()),
            ("--from --to (one month)", new EventFilter { From = new DateOnly(2020, 6, 1), To = new DateOnly(2020, 6, 30) }),
            ("--actor IDN (code prefix)", new EventFilter { Actor = "IDN" }),
            ("--actor indonesia (name)", new EventFilter { Actor = "indonesia" }),
            ("--country SDN", new EventFilter { Country = "SDN" }),
            ("--cameo 19", new EventFilter { Cameo = "19" }),
            ("--cameo 0256 (rare)", new EventFilter { Cameo = "0256" }),
            ("--plover ASSAULT", new EventFilter { Plover = "ASSAULT" }),
            ("--place town-17", new EventFilter { Place = "town-17" }),
            ("--near -1.0,114.2,100", new EventFilter { Near = (-1.0, 114.2, 100) }),
            ("--text convoy (common)", new EventFilter { Text = "convoy" }),
            ("--text zebra (rare)", new EventFilter { Text = "zebra" }),
            ("--country ISR --cameo 19 --from 2023-01-01", new EventFilter { Country = "ISR", Cameo = "19", From = new DateOnly(2023, 1, 1) }),
        ];
        Console.WriteLine("| filter (limit 50) | merged events: median ms | rows | --mentions: median ms | rows |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, filter) in cases)
        {
            var (clusterMs, clusterRows) = await TimeAsync(store, filter with { Limit = 50 }, runs);
            var (mentionMs, mentionRows) = await TimeAsync(store, filter with { Limit = 50, Mentions = true }, runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {clusterMs:0.0} | {clusterRows} | {mentionMs:0.0} | {mentionRows} |"));
        }
        return 0;
    }

    private static async Task<(double Ms, int Rows)> TimeAsync(EventStore store, EventFilter filter, int runs)
    {
        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            rows = (await store.QueryAsync(filter)).Count;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], rows);
    }

    /// <summary>Documents of 20 synthetic events each: real CAMEO codes, 190 countries with roles, ten years of days, places around capitals.</summary>
    private static async Task<int> GenerateAsync(EventStore store, int events)
    {
        var common = CommonData.Load(DataSource.Embedded);
        var countries = common.Countries.Values.OrderBy(c => c.Iso3, StringComparer.Ordinal).ToArray();
        var cameo = common.Cameo.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
        string[] roles = ["", "GOV", "MIL", "CVL", "REB", "COP", "OPP", "MED"];
        string[] words = ["troops", "convoy", "talks", "minister", "border", "protest", "police", "aid", "ceasefire", "strike", "village", "capital",
            "port", "envoy", "rebels", "court", "election", "drone", "militia", "refugees", "harbour", "summit", "sanctions", "hostages"];
        var random = new Random(1);
        var written = 0;
        var document = 0;
        var batch = new List<IngestItem>();
        var clock = Stopwatch.StartNew();
        while (written < events)
        {
            var list = ImmutableArray.CreateBuilder<EventRecord>();
            for (var e = 0; e < 20 && written + list.Count < events; e++)
            {
                var source = countries[random.Next(countries.Length)];
                var target = random.NextDouble() < 0.2 ? null : countries[random.Next(countries.Length)];
                var sourceRole = roles[random.Next(roles.Length)];
                var targetRole = roles[random.Next(roles.Length)];
                var code = cameo[random.Next(cameo.Length)];
                int? day = random.NextDouble() < 0.05 ? null : EventRecord.ToDay(new DateOnly(2015, 1, 1).AddDays(random.Next(3650)));
                var located = random.NextDouble() < 0.9;
                var place = located ? countries[random.Next(countries.Length)] : null;
                var evidence = string.Join(" ", Enumerable.Range(0, 8 + random.Next(8)).Select(_ => words[random.Next(words.Length)]))
                    + (random.NextDouble() < 0.0005 ? " zebra" : "");
                list.Add(new EventRecord
                {
                    EventKey = $"e{e + 1}",
                    Sentence = e,
                    SourceCode = source.Iso3 + sourceRole,
                    SourceCountry = source.Iso3,
                    SourceName = sourceRole.Length == 0 ? source.Name : $"{source.Name} {sourceRole.ToLowerInvariant()}",
                    SourceText = source.Name,
                    TargetCode = target is null ? null : target.Iso3 + targetRole,
                    TargetCountry = target?.Iso3,
                    TargetName = target is null ? null : targetRole.Length == 0 ? target.Name : $"{target.Name} {targetRole.ToLowerInvariant()}",
                    TargetText = target?.Name,
                    Cameo = code.Code,
                    CameoName = code.Name,
                    Root = code.Root,
                    Plover = code.Plover,
                    Goldstein = code.Goldstein,
                    QuadClass = code.QuadClass,
                    AcledEventType = code.AcledEventType,
                    AcledSubEventType = code.AcledSubEventType,
                    DateValue = day is { } d ? EventRecord.FromDay(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                    Day = day,
                    DatePrecision = day is null ? null : "day",
                    DateSource = day is null ? "none" : "sentence",
                    PlaceName = place is null ? null : $"town-{random.Next(5000)}",
                    Lat = place is null ? null : Math.Clamp(place.Lat + random.NextDouble() * 4 - 2, -89, 89),
                    Lon = place is null ? null : Math.Clamp(place.Lon + random.NextDouble() * 4 - 2, -179, 179),
                    PlaceCountry = place?.Iso3,
                    GazetteerId = place is null ? null : $"bench:{random.Next(5000)}",
                    PlaceFeature = place is null ? null : "city",
                    Evidence = evidence,
                    SentenceText = evidence + " " + string.Join(" ", Enumerable.Range(0, 10).Select(_ => words[random.Next(words.Length)])) + ".",
                    Rule = "bench",
                    Fatalities = random.NextDouble() < 0.1 ? random.Next(100) : 0,
                });
            }
            document++;
            written += list.Count;
            batch.Add(new DocumentRecord($"bench:{document}")
            {
                DocId = $"gen-{document}",
                Url = $"https://site{document % 300}.example/{document}",
                Site = $"site{document % 300}.example",
                Language = "en",
                Published = "2024-01-01",
                Hash = $"gen-{document}-{Guid.NewGuid():N}",
                Json = "{}",
                Events = list.ToImmutable(),
            });
            if (batch.Count == 500 || written >= events)
            {
                await store.WriteAsync(batch);
                batch.Clear();
                if (document % 10000 == 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written} events, {written / clock.Elapsed.TotalSeconds:0}/s"));
                }
            }
        }
        return written;
    }

    /// <summary>
    /// The same synthetic rows written with INSERT … SELECT over generate_series (PostgreSQL only): every event its own merged
    /// event, as nearly all random events are through the write path. Text index and name table as the store keeps them.
    /// </summary>
    private static async Task GenerateDirectlyAsync(string connectionString, int events)
    {
        var common = CommonData.Load(DataSource.Embedded);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Run(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
        string Q(string? s) => s is null ? "NULL" : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        string N(double d) => d.ToString(CultureInfo.InvariantCulture);
        var countries = common.Countries.Values.OrderBy(c => c.Iso3, StringComparer.Ordinal).ToArray();
        var cameo = common.Cameo.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
        await Run("CREATE TEMP TABLE gc (i int, iso3 text, name text, lat float8, lon float8); INSERT INTO gc VALUES "
            + string.Join(",", countries.Select((c, i) => $"({i},{Q(c.Iso3)},{Q(c.Name)},{N(c.Lat)},{N(c.Lon)})")));
        await Run("CREATE TEMP TABLE gk (i int, code text, name text, root text, plover text, goldstein float8, quad int, acled text, acled_sub text); INSERT INTO gk VALUES "
            + string.Join(",", cameo.Select((c, i) => $"({i},{Q(c.Code)},{Q(c.Name)},{Q(c.Root)},{Q(c.Plover)},{N(c.Goldstein)},{c.QuadClass},{Q(c.AcledEventType)},{Q(c.AcledSubEventType)})")));
        await Run("CREATE TEMP TABLE gr (i int, role text); INSERT INTO gr VALUES (0,''),(1,'GOV'),(2,'MIL'),(3,'CVL'),(4,'REB'),(5,'COP'),(6,'OPP'),(7,'MED')");
        var documents = (events + 19) / 20;
        const string emptyJson = "'{}'";
        // A word drawn afresh for every position of every row (the g * 0 keeps the subquery correlated, so it is not run once).
        const string Words = "(ARRAY['troops','convoy','talks','minister','border','protest','police','aid','ceasefire','strike','village','capital',"
            + "'port','envoy','rebels','court','election','drone','militia','refugees','harbour','summit','sanctions','hostages'])[1 + floor(random() * 24)::int]";
        await Run($"""
            INSERT INTO documents (id, doc_id, url, title, site, language, published, hash, origin, ingested_at, event_count, result)
            SELECT g, 'gen-' || g, 'https://site' || (g % 300) || '.example/' || g, NULL, 'site' || (g % 300) || '.example', 'en', '2024-01-01',
                   'gen-' || g, 'bench', '2024-01-01T00:00:00Z', 20, {emptyJson}::json
            FROM generate_series(1, {documents}) g;
            CREATE TEMP TABLE ge AS
            SELECT g, (g - 1) / 20 + 1 AS doc, (g - 1) % 20 AS sentence,
                   floor(random() * {countries.Length})::int AS s, floor(random() * {countries.Length})::int AS t, random() < 0.2 AS no_target,
                   floor(random() * 8)::int AS sr, floor(random() * 8)::int AS tr, floor(random() * {cameo.Length})::int AS k,
                   CASE WHEN random() < 0.05 THEN NULL ELSE DATE '2015-01-01' + floor(random() * 3650)::int END AS d,
                   CASE WHEN random() < 0.9 THEN floor(random() * {countries.Length})::int END AS p,
                   random() * 4 - 2 AS dlat, random() * 4 - 2 AS dlon, floor(random() * 5000)::int AS town,
                   (SELECT string_agg({Words}, ' ') FROM generate_series(1, 8 + floor(random() * 8)::int + (g * 0)) x)
                      || CASE WHEN random() < 0.0005 THEN ' zebra' ELSE '' END AS evidence,
                   (SELECT string_agg({Words}, ' ') FROM generate_series(1, 10 + (g * 0)) x) AS tail,
                   CASE WHEN random() < 0.1 THEN floor(random() * 100)::int ELSE 0 END AS fatalities
            FROM generate_series(1, {events}) g;
            INSERT INTO clusters (id, cluster_key, source_code, target_code, root, anchor_event, day, date_value, date_precision, lat, lon,
                                  num_mentions, num_articles, num_sources, created_at)
            SELECT ge.g, sc.iso3 || sr.role || '|' || CASE WHEN no_target THEN '' ELSE tc.iso3 || tr.role END || '|' || k.root,
                   sc.iso3 || sr.role, CASE WHEN no_target THEN NULL ELSE tc.iso3 || tr.role END, k.root, ge.g,
                   to_char(d, 'YYYYMMDD')::bigint, to_char(d, 'YYYY-MM-DD'), CASE WHEN d IS NULL THEN NULL ELSE 'day' END,
                   CASE WHEN p IS NULL THEN NULL ELSE greatest(-89, least(89, pc.lat + dlat)) END,
                   CASE WHEN p IS NULL THEN NULL ELSE greatest(-179, least(179, pc.lon + dlon)) END, 1, 1, 1, '2024-01-01T00:00:00Z'
            FROM ge JOIN gc sc ON sc.i = ge.s JOIN gc tc ON tc.i = ge.t JOIN gr sr ON sr.i = ge.sr JOIN gr tr ON tr.i = ge.tr JOIN gk k ON k.i = ge.k
                 LEFT JOIN gc pc ON pc.i = ge.p;
            INSERT INTO events (id, document_id, cluster_id, event_key, site, sentence, source_code, source_country, source_name, source_text,
                                target_code, target_country, target_name, target_text, cameo, cameo_name, root, plover, goldstein, quad_class,
                                acled_event_type, acled_sub_event_type, date_value, day, date_precision, date_source, place_name, lat, lon,
                                place_country, gazetteer_id, place_feature, modality, negated, attributed_to, evidence, sentence_text, rule, fatalities)
            SELECT ge.g, ge.doc, ge.g, 'e' || (ge.sentence + 1), 'site' || (ge.doc % 300) || '.example', ge.sentence,
                   sc.iso3 || sr.role, sc.iso3, CASE WHEN sr.role = '' THEN sc.name ELSE sc.name || ' ' || lower(sr.role) END, sc.name,
                   CASE WHEN no_target THEN NULL ELSE tc.iso3 || tr.role END, CASE WHEN no_target THEN NULL ELSE tc.iso3 END,
                   CASE WHEN no_target THEN NULL WHEN tr.role = '' THEN tc.name ELSE tc.name || ' ' || lower(tr.role) END,
                   CASE WHEN no_target THEN NULL ELSE tc.name END,
                   k.code, k.name, k.root, k.plover, k.goldstein, k.quad, k.acled, k.acled_sub,
                   to_char(d, 'YYYY-MM-DD'), to_char(d, 'YYYYMMDD')::bigint, CASE WHEN d IS NULL THEN NULL ELSE 'day' END,
                   CASE WHEN d IS NULL THEN 'none' ELSE 'sentence' END,
                   CASE WHEN p IS NULL THEN NULL ELSE 'town-' || town END,
                   CASE WHEN p IS NULL THEN NULL ELSE greatest(-89, least(89, pc.lat + dlat)) END,
                   CASE WHEN p IS NULL THEN NULL ELSE greatest(-179, least(179, pc.lon + dlon)) END,
                   pc.iso3, CASE WHEN p IS NULL THEN NULL ELSE 'bench:' || town END, CASE WHEN p IS NULL THEN NULL ELSE 'city' END,
                   'asserted', false, NULL, evidence, evidence || ' ' || tail || '.', 'bench', fatalities
            FROM ge JOIN gc sc ON sc.i = ge.s JOIN gc tc ON tc.i = ge.t JOIN gr sr ON sr.i = ge.sr JOIN gr tr ON tr.i = ge.tr JOIN gk k ON k.i = ge.k
                 LEFT JOIN gc pc ON pc.i = ge.p;
            INSERT INTO names (kind, name) SELECT DISTINCT 'actor', source_name FROM events ON CONFLICT DO NOTHING;
            INSERT INTO names (kind, name) SELECT DISTINCT 'actor', target_name FROM events WHERE target_name IS NOT NULL ON CONFLICT DO NOTHING;
            INSERT INTO names (kind, name) SELECT DISTINCT 'place', place_name FROM events WHERE place_name IS NOT NULL ON CONFLICT DO NOTHING;
            SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents));
            SELECT setval(pg_get_serial_sequence('clusters', 'id'), (SELECT max(id) FROM clusters));
            SELECT setval(pg_get_serial_sequence('events', 'id'), (SELECT max(id) FROM events));
            """);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kabar.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root");
    }
}
