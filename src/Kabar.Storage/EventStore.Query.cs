using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Kabar.Storage.Internal;

namespace Kabar.Storage;

public sealed partial class EventStore
{
    private const int DetailChunk = 500;

    /// <summary>The rows a filter selects, as a list (newest first unless <see cref="EventFilter.Ascending"/>).</summary>
    public async Task<IReadOnlyList<EventRow>> QueryAsync(EventFilter filter, CancellationToken cancellationToken = default)
    {
        var rows = new List<EventRow>();
        await foreach (var row in StreamAsync(filter, cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// The rows a filter selects, streamed (for exports of millions of rows): first the ordered ids, found through the
    /// indexes, then the rows in chunks. In cluster mode each merged event is shown through its first matching mention
    /// (its anchor when there is no filter).
    /// </summary>
    public async IAsyncEnumerable<EventRow> StreamAsync(EventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ids = await SelectIdsAsync(filter, cancellationToken);
        for (var start = 0; start < ids.Count; start += DetailChunk)
        {
            var chunk = ids.GetRange(start, Math.Min(DetailChunk, ids.Count - start));
            foreach (var row in await DetailsAsync(chunk, !filter.Mentions, cancellationToken))
            {
                yield return row;
            }
        }
    }

    /// <summary>One stored event (mention) by its id, with the documents that reported its merged event; null when there is none.</summary>
    public async Task<EventRow?> GetEventAsync(long eventId, CancellationToken cancellationToken = default) =>
        (await DetailsAsync([eventId], withSources: true, cancellationToken)).FirstOrDefault();

    /// <summary>The stored events (mentions) of one merged event, oldest first.</summary>
    public async Task<IReadOnlyList<EventRow>> ClusterEventsAsync(long clusterId, CancellationToken cancellationToken = default)
    {
        var ids = await IdsAsync("SELECT e.id FROM events e WHERE e.cluster_id = @cluster ORDER BY e.id",
            [("cluster", DbType.Int64, clusterId)], cancellationToken);
        return ids.Count == 0 ? [] : await DetailsAsync(ids, withSources: false, cancellationToken);
    }

    /// <summary>Event ids in order (one per merged event in cluster mode).</summary>
    private async Task<List<long>> SelectIdsAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        var order = filter.Ascending ? "ASC" : "DESC";
        if (!filter.Mentions && filter.IsEmpty)
        {
            var sql = $"SELECT c.anchor_event FROM clusters c ORDER BY c.day {order} NULLS LAST, c.id {order}{Limit(filter.Limit)}";
            return await IdsAsync(sql, [], cancellationToken);
        }
        var (where, branches, parameters) = Where(filter, await IsCommonTextAsync(filter, cancellationToken));
        var orderBy = $"ORDER BY e.day {order} NULLS LAST, e.id {order}";
        string Select(int limit)
        {
            if (limit == 0 || branches.Count < 2)
            {
                return $"SELECT e.id, e.cluster_id FROM events e WHERE {where} {orderBy}{Limit(limit)}";
            }
            // Each branch reads its own (column, day) index in order and stops at the limit; the union is sorted again.
            var union = string.Join(" UNION ", branches.Select((branch, i) => string.Create(CultureInfo.InvariantCulture,
                $"SELECT * FROM (SELECT e.id, e.cluster_id, e.day FROM events e WHERE {branch} {orderBy}{Limit(limit)}) b{i}")));
            return $"SELECT e.id, e.cluster_id FROM ({union}) e {orderBy}{Limit(limit)}";
        }
        if (filter.Mentions)
        {
            return (await PairsAsync(Select(filter.Limit), parameters, cancellationToken)).Select(p => p.Event).ToList();
        }
        // Read matching mentions in order and keep the first of each merged event; widen the window until enough merged
        // events are found or the mentions run out.
        var scan = filter.Limit > 0 ? filter.Limit * 2 : 0;
        while (true)
        {
            var pairs = await PairsAsync(Select(scan), parameters, cancellationToken);
            var seen = new HashSet<long>();
            var ids = new List<long>();
            foreach (var (eventId, cluster) in pairs)
            {
                if (seen.Add(cluster))
                {
                    ids.Add(eventId);
                    if (filter.Limit > 0 && ids.Count == filter.Limit)
                    {
                        return ids;
                    }
                }
            }
            if (scan == 0 || pairs.Count < scan)
            {
                return ids;
            }
            scan *= 4;
        }
    }

    private static string Limit(int limit) => limit > 0 ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {limit}") : "";

    /// <summary>Above this many matches a text search with a limit reads events in date order instead of using the text index.</summary>
    private const int CommonText = 20_000;

    private async Task<bool> IsCommonTextAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Limit == 0 || string.IsNullOrWhiteSpace(filter.Text))
        {
            return false;
        }
        var parameters = new List<(string Name, DbType Type, object? Value)>();
        var probe = _dialect.TextIndexProbe(filter.Text.Trim(), CommonText + 1, value =>
        {
            parameters.Add(("probe", DbType.String, value));
            return "@probe";
        });
        if (probe is null)
        {
            return false;
        }
        using var statement = new Statement(_connection, null, probe, [.. parameters.Select(p => (p.Name, p.Type))]);
        foreach (var (name, _, value) in parameters)
        {
            statement.Set(name, value);
        }
        return await statement.ScalarAsync(cancellationToken) > CommonText;
    }

    /// <summary>
    /// The filter as one condition, and as branches without the source-or-target alternatives (actor, country): an OR
    /// across columns cannot be read in date order from one index, each alternative can.
    /// </summary>
    private (string Where, List<string> Branches, List<(string Name, DbType Type, object? Value)> Parameters) Where(EventFilter filter, bool commonText)
    {
        var clauses = new List<string>();
        var alternatives = new List<List<string>>();
        var parameters = new List<(string, DbType, object?)>();
        string P(DbType type, object? value)
        {
            var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, type, value));
            return "@" + name;
        }
        if (filter.From is { } from)
        {
            clauses.Add($"e.day >= {P(DbType.Int64, (long)EventRecord.ToDay(from))}");
        }
        if (filter.To is { } to)
        {
            clauses.Add($"e.day <= {P(DbType.Int64, (long)EventRecord.ToDay(to))}");
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            var code = actor.ToUpperInvariant();
            var (low, high) = (P(DbType.String, code), P(DbType.String, PrefixEnd(code)));
            var names = $"SELECT n.name FROM names n WHERE n.kind = 'actor' AND {_dialect.Like("n.name", P(DbType.String, Dialect.LikeContains(actor)))}";
            alternatives.Add([$"e.source_code >= {low} AND e.source_code < {high}", $"e.target_code >= {low} AND e.target_code < {high}",
                $"e.source_name IN ({names})", $"e.target_name IN ({names})"]);
        }
        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var country = P(DbType.String, filter.Country.Trim().ToUpperInvariant());
            alternatives.Add([$"e.source_country = {country}", $"e.target_country = {country}"]);
        }
        if (!string.IsNullOrWhiteSpace(filter.Cameo))
        {
            var cameo = filter.Cameo.Trim();
            clauses.Add($"e.cameo >= {P(DbType.String, cameo)} AND e.cameo < {P(DbType.String, PrefixEnd(cameo))}");
        }
        if (!string.IsNullOrWhiteSpace(filter.Plover))
        {
            clauses.Add($"e.plover = {P(DbType.String, filter.Plover.Trim().ToUpperInvariant())}");
        }
        if (!string.IsNullOrWhiteSpace(filter.Place))
        {
            clauses.Add($"e.place_name IN (SELECT n.name FROM names n WHERE n.kind = 'place' AND {_dialect.Like("n.name", P(DbType.String, Dialect.LikeContains(filter.Place.Trim())))})");
        }
        if (filter.Near is var (lat, lon, km))
        {
            // A bounding box the lat/lon index can use, then the exact distance.
            var dLat = km / 111.0;
            var pLat = P(DbType.Double, lat);
            var pLon = P(DbType.Double, lon);
            var box = $"e.lat BETWEEN {P(DbType.Double, lat - dLat)} AND {P(DbType.Double, lat + dLat)}";
            var cos = Math.Cos(Math.Min(89.0, Math.Abs(lat) + dLat) * Math.PI / 180.0);
            var dLon = km / (111.0 * Math.Max(cos, 1e-6));
            if (lon - dLon > -180 && lon + dLon < 180)
            {
                box += $" AND e.lon BETWEEN {P(DbType.Double, lon - dLon)} AND {P(DbType.Double, lon + dLon)}";
            }
            clauses.Add($"{box} AND {_dialect.DistanceKm("e.lat", "e.lon", pLat, pLon)} <= {P(DbType.Double, km)}");
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            clauses.Add(_dialect.TextContains(filter.Text.Trim(), value => P(DbType.String, value), commonText));
        }
        var all = clauses.Concat(alternatives.Select(a => "(" + string.Join(" OR ", a.Select(c => $"({c})")) + ")")).ToList();
        var branches = new List<List<string>> { clauses };
        foreach (var group in alternatives)
        {
            branches = [.. branches.SelectMany(branch => group.Select(alternative => (List<string>)[.. branch, alternative]))];
        }
        string And(List<string> conditions) => conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions.Select(c => $"({c})"));
        return (And(all), alternatives.Count == 0 ? [] : [.. branches.Select(And)], parameters);
    }

    /// <summary>The smallest string after every string that starts with <paramref name="prefix"/>.</summary>
    private static string PrefixEnd(string prefix) => prefix.Length == 0 ? "\uffff" : prefix[..^1] + (char)(prefix[^1] + 1);

    private async Task<List<long>> IdsAsync(string sql, List<(string Name, DbType Type, object? Value)> parameters, CancellationToken cancellationToken)
    {
        using var statement = new Statement(_connection, null, sql, [.. parameters.Select(p => (p.Name, p.Type))]);
        foreach (var (name, _, value) in parameters)
        {
            statement.Set(name, value);
        }
        await using var reader = await statement.ReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Read.Long(reader, 0) is { } id)
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    private async Task<List<(long Event, long Cluster)>> PairsAsync(string sql, List<(string Name, DbType Type, object? Value)> parameters,
        CancellationToken cancellationToken)
    {
        using var statement = new Statement(_connection, null, sql, [.. parameters.Select(p => (p.Name, p.Type))]);
        foreach (var (name, _, value) in parameters)
        {
            statement.Set(name, value);
        }
        await using var reader = await statement.ReaderAsync(cancellationToken);
        var pairs = new List<(long, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs.Add((Read.Long(reader, 0)!.Value, Read.Long(reader, 1)!.Value));
        }
        return pairs;
    }

    private const string DetailColumns =
        "e.id, e.cluster_id, e.event_key, e.sentence, e.source_code, e.source_country, e.source_name, e.source_text, e.target_code, "
        + "e.target_country, e.target_name, e.target_text, e.cameo, e.cameo_name, e.root, e.plover, e.goldstein, e.quad_class, "
        + "e.acled_event_type, e.acled_sub_event_type, e.date_value, e.day, e.date_precision, e.date_source, e.place_name, e.lat, e.lon, "
        + "e.place_country, e.gazetteer_id, e.place_feature, e.modality, e.negated, e.attributed_to, e.evidence, e.sentence_text, e.rule, "
        + "e.fatalities, d.doc_id, d.url, d.site, d.title, d.published, c.created_at, c.num_mentions, c.num_articles, c.num_sources, "
        + "(SELECT min(x.fatalities) FROM events x WHERE x.cluster_id = e.cluster_id AND x.fatalities > 0)";

    private async Task<List<EventRow>> DetailsAsync(List<long> ids, bool withSources, CancellationToken cancellationToken)
    {
        var list = string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var rows = new Dictionary<long, EventRow>();
        using (var statement = new Statement(_connection, null,
            $"SELECT {DetailColumns} FROM events e JOIN documents d ON d.id = e.document_id JOIN clusters c ON c.id = e.cluster_id WHERE e.id IN ({list})"))
        {
            await using var reader = await statement.ReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = ReadRow(reader);
                rows[row.EventId] = row;
            }
        }
        if (withSources && rows.Count > 0)
        {
            var sources = await SourcesAsync(rows.Values.Select(r => r.ClusterId).Distinct(), cancellationToken);
            foreach (var (id, row) in rows.ToList())
            {
                rows[id] = row with { Sources = sources.TryGetValue(row.ClusterId, out var s) ? [.. s] : [] };
            }
        }
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private async Task<Dictionary<long, List<SourceRef>>> SourcesAsync(IEnumerable<long> clusters, CancellationToken cancellationToken)
    {
        var list = string.Join(",", clusters.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        using var statement = new Statement(_connection, null,
            "SELECT DISTINCT e.cluster_id, d.id, d.doc_id, d.url, d.site FROM events e JOIN documents d ON d.id = e.document_id "
            + $"WHERE e.cluster_id IN ({list}) ORDER BY e.cluster_id, d.id");
        await using var reader = await statement.ReaderAsync(cancellationToken);
        var sources = new Dictionary<long, List<SourceRef>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var cluster = Read.Long(reader, 0)!.Value;
            if (!sources.TryGetValue(cluster, out var refs))
            {
                sources[cluster] = refs = [];
            }
            if (refs.Count < MaxSourcesListed)
            {
                refs.Add(new SourceRef(reader.GetString(2), Read.Text(reader, 3), Read.Text(reader, 4)));
            }
        }
        return sources;
    }

    private static EventRow ReadRow(DbDataReader r)
    {
        var record = new EventRecord
        {
            EventKey = r.GetString(2),
            Sentence = (int)Read.Long(r, 3)!.Value,
            SourceCode = r.GetString(4),
            SourceCountry = Read.Text(r, 5),
            SourceName = r.GetString(6),
            SourceText = r.GetString(7),
            TargetCode = Read.Text(r, 8),
            TargetCountry = Read.Text(r, 9),
            TargetName = Read.Text(r, 10),
            TargetText = Read.Text(r, 11),
            Cameo = r.GetString(12),
            CameoName = r.GetString(13),
            Root = r.GetString(14),
            Plover = Read.Text(r, 15),
            Goldstein = Read.Double(r, 16)!.Value,
            QuadClass = (int)Read.Long(r, 17)!.Value,
            AcledEventType = Read.Text(r, 18),
            AcledSubEventType = Read.Text(r, 19),
            DateValue = Read.Text(r, 20),
            Day = Read.Long(r, 21) is { } day ? (int)day : null,
            DatePrecision = Read.Text(r, 22),
            DateSource = r.GetString(23),
            PlaceName = Read.Text(r, 24),
            Lat = Read.Double(r, 25),
            Lon = Read.Double(r, 26),
            PlaceCountry = Read.Text(r, 27),
            GazetteerId = Read.Text(r, 28),
            PlaceFeature = Read.Text(r, 29),
            Modality = r.GetString(30),
            Negated = Read.Bool(r, 31),
            AttributedTo = Read.Text(r, 32),
            Evidence = r.GetString(33),
            SentenceText = r.GetString(34),
            Rule = r.GetString(35),
            Fatalities = (int)Read.Long(r, 36)!.Value,
        };
        return new EventRow
        {
            EventId = Read.Long(r, 0)!.Value,
            ClusterId = Read.Long(r, 1)!.Value,
            Event = record,
            DocId = r.GetString(37),
            Url = Read.Text(r, 38),
            Site = Read.Text(r, 39),
            Title = Read.Text(r, 40),
            Published = Read.Text(r, 41),
            DateAdded = r.GetString(42),
            NumMentions = (int)Read.Long(r, 43)!.Value,
            NumArticles = (int)Read.Long(r, 44)!.Value,
            NumSources = (int)Read.Long(r, 45)!.Value,
            Fatalities = (int)(Read.Long(r, 46) ?? 0),
        };
    }

    /// <summary>Counts by day, country and CAMEO root, and the database's health; <paramref name="full"/> runs
    /// SQLite's full <c>integrity_check</c> instead of <c>quick_check</c>.</summary>
    public async Task<StoreStats> StatsAsync(bool full = false, int top = 15, CancellationToken cancellationToken = default)
    {
        async Task<long> Count(string sql) => await ScalarAsync(sql, null, cancellationToken) ?? 0;
        async Task<ImmutableArray<Count>> Counts(string events, string clusters, bool byCount)
        {
            var eventCounts = await KeyCountsAsync(events, cancellationToken);
            var clusterCounts = (await KeyCountsAsync(clusters, cancellationToken)).ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);
            var rows = eventCounts.Select(p => new Count(p.Key, p.Count, clusterCounts.GetValueOrDefault(p.Key)));
            rows = byCount ? rows.OrderByDescending(c => c.Events).ThenBy(c => c.Key, StringComparer.Ordinal) : rows.OrderByDescending(c => c.Key, StringComparer.Ordinal);
            return [.. rows.Take(top)];
        }
        var integrity = "not checked: PostgreSQL keeps its own integrity; the consistency counts below are checked";
        long size;
        if (Location.Engine == StoreEngine.Sqlite)
        {
            using var check = new Statement(_connection, null, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
            await using var reader = await check.ReaderAsync(cancellationToken);
            var lines = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }
            integrity = string.Join("; ", lines);
            size = new FileInfo(Location.FilePath!).Length + (File.Exists(Location.FilePath + "-wal") ? new FileInfo(Location.FilePath + "-wal").Length : 0);
        }
        else
        {
            size = await Count("SELECT pg_database_size(current_database())");
        }
        var top2 = string.Create(CultureInfo.InvariantCulture, $" LIMIT {Math.Max(top, 1) * 4}");
        return new StoreStats
        {
            Engine = Location.Engine,
            Location = Location.Display,
            SchemaVersion = SchemaVersion,
            Documents = await Count("SELECT count(*) FROM documents"),
            Events = await Count("SELECT count(*) FROM events"),
            Clusters = await Count("SELECT count(*) FROM clusters"),
            Failures = await Count("SELECT count(*) FROM failures"),
            SizeBytes = size,
            Integrity = integrity,
            OrphanEvents = await Count("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.document_id) "
                + "OR NOT EXISTS (SELECT 1 FROM clusters c WHERE c.id = e.cluster_id)"),
            InconsistentClusters = await Count("SELECT count(*) FROM clusters c WHERE c.num_mentions <> (SELECT count(*) FROM events e WHERE e.cluster_id = c.id) "
                + "OR c.num_mentions = 0 OR c.anchor_event IS NULL"),
            MismatchedDocuments = await Count("SELECT count(*) FROM documents d WHERE d.event_count <> (SELECT count(*) FROM events e WHERE e.document_id = d.id)"),
            ByDay = await Counts(
                "SELECT day, count(*) FROM events WHERE day IS NOT NULL GROUP BY day ORDER BY day DESC" + top2,
                "SELECT day, count(*) FROM clusters WHERE day IS NOT NULL GROUP BY day ORDER BY day DESC" + top2, byCount: false),
            ByCountry = await Counts(
                "SELECT country, count(*) FROM (SELECT source_country AS country FROM events WHERE source_country IS NOT NULL "
                + "UNION ALL SELECT target_country FROM events WHERE target_country IS NOT NULL) x GROUP BY country",
                "SELECT country, count(*) FROM (SELECT e.source_country AS country FROM clusters c JOIN events e ON e.id = c.anchor_event "
                + "WHERE e.source_country IS NOT NULL UNION ALL SELECT e.target_country FROM clusters c JOIN events e ON e.id = c.anchor_event "
                + "WHERE e.target_country IS NOT NULL) x GROUP BY country", byCount: true),
            ByRoot = await Counts("SELECT root, count(*) FROM events GROUP BY root", "SELECT root, count(*) FROM clusters GROUP BY root", byCount: true),
        };
    }

    private async Task<List<(string Key, long Count)>> KeyCountsAsync(string sql, CancellationToken cancellationToken)
    {
        using var statement = new Statement(_connection, null, sql);
        await using var reader = await statement.ReaderAsync(cancellationToken);
        var list = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetValue(0) switch
            {
                string s => s,
                var v => Convert.ToInt64(v, CultureInfo.InvariantCulture) is var day && day > 10000000
                    ? EventRecord.FromDay((int)day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : Convert.ToString(v, CultureInfo.InvariantCulture)!,
            };
            list.Add((key, Read.Long(reader, 1)!.Value));
        }
        return list;
    }
}
