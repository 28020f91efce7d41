using System.Data;
using System.Data.Common;
using Kabar.Storage.Internal;

namespace Kabar.Storage;

public sealed partial class EventStore
{
    // Names already in the names table (never deleted), so a batch inserts only new ones.
    private readonly HashSet<(string Kind, string Name)> _knownNames = [];

    /// <summary>
    /// Writes a batch in one transaction: a document whose normalised text is stored already is a duplicate; one whose
    /// URL is stored with another text is a corrected version and replaces that document and its events; anything else is
    /// new. Each event joins the merged event it matches or starts one. Failures are recorded (replacing an earlier failure
    /// of the same origin); a stored document clears its origin's failure.
    /// </summary>
    /// <remarks>When the batch cannot be written, each item is written alone, and a document that still fails is recorded as a
    /// failure with the reason: one bad document never stops a batch. Only a store that cannot record even that throws.</remarks>
    public async Task<WriteSummary> WriteAsync(IReadOnlyList<IngestItem> items, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0)
        {
            return WriteSummary.Zero;
        }
        try
        {
            return await WriteTransactionAsync(items, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && (items.Count > 1 || items[0] is DocumentRecord))
        {
            var summary = WriteSummary.Zero;
            foreach (var item in items)
            {
                try
                {
                    summary += await WriteTransactionAsync([item], cancellationToken);
                }
                catch (Exception alone) when (alone is not OperationCanceledException && item is DocumentRecord document)
                {
                    summary += await WriteTransactionAsync(
                        [new FailureRecord(document.Origin, document.DocId, $"could not be stored: {alone.GetType().Name}: {alone.Message}")],
                        cancellationToken);
                }
            }
            return summary;
        }
    }

    private async Task<WriteSummary> WriteTransactionAsync(IReadOnlyList<IngestItem> items, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginWriteAsync(cancellationToken);
        using var writer = new BatchWriter(this, transaction);
        var summary = WriteSummary.Zero;
        foreach (var item in items)
        {
            summary += item switch
            {
                DocumentRecord document => await writer.WriteDocumentAsync(document, cancellationToken),
                FailureRecord failure => await writer.WriteFailureAsync(failure, cancellationToken),
                _ => throw new ArgumentException($"unknown item {item.GetType().Name}", nameof(items)),
            };
        }
        await transaction.CommitAsync(cancellationToken);
        _knownNames.UnionWith(writer.NewNames);
        return summary;
    }

    /// <summary>The statements of one write transaction, prepared once and reused for every row.</summary>
    private sealed class BatchWriter : IDisposable
    {
        private readonly EventStore _store;
        private readonly List<Statement> _all = [];
        private readonly Statement _byHash;
        private readonly Statement _byUrl;
        private readonly Statement _insertDocument;
        private readonly Statement _updateDocument;
        private readonly Statement _documentClusters;
        private readonly Statement _deleteEvents;
        private readonly Statement _candidatesByDay;
        private readonly Statement _candidatesUndated;
        private readonly Statement _insertCluster;
        private readonly Statement _insertEvent;
        private readonly Statement _insertName;
        private readonly Statement _upsertFailure;
        private readonly Statement _deleteFailure;
        private readonly Statement _clusterCounts;
        private readonly Statement _clusterAnchor;
        private readonly Statement _updateCluster;
        private readonly Statement _deleteCluster;

        private static readonly string[] EventColumns =
        [
            "document_id", "cluster_id", "event_key", "site", "sentence", "source_code", "source_country", "source_name", "source_text",
            "target_code", "target_country", "target_name", "target_text", "cameo", "cameo_name", "root", "plover", "goldstein", "quad_class",
            "acled_event_type", "acled_sub_event_type", "date_value", "day", "date_precision", "date_source", "place_name", "lat", "lon",
            "place_country", "gazetteer_id", "place_feature", "modality", "negated", "attributed_to", "evidence", "sentence_text", "rule",
            "fatalities",
        ];

        public BatchWriter(EventStore store, DbTransaction transaction)
        {
            _store = store;
            var c = store._connection;
            var d = store._dialect;
            Statement S(string sql, params (string, DbType)[] parameters)
            {
                var statement = new Statement(c, transaction, sql, parameters);
                _all.Add(statement);
                return statement;
            }
            const DbType Text = DbType.String, Long = DbType.Int64, Real = DbType.Double;
            (string, DbType)[] documentParameters =
            [
                ("doc_id", Text), ("url", Text), ("title", Text), ("site", Text), ("language", Text), ("published", Text), ("hash", Text),
                ("origin", Text), ("ingested_at", Text), ("event_count", Long), ("result", Text),
            ];
            _byHash = S("SELECT id FROM documents WHERE hash = @hash", ("hash", Text));
            _byUrl = S("SELECT id FROM documents WHERE url = @url", ("url", Text));
            _insertDocument = S(
                "INSERT INTO documents (doc_id, url, title, site, language, published, hash, origin, ingested_at, event_count, result) "
                + $"VALUES (@doc_id, @url, @title, @site, @language, @published, @hash, @origin, @ingested_at, @event_count, {d.Json("@result")}) RETURNING id",
                documentParameters);
            _updateDocument = S(
                "UPDATE documents SET doc_id = @doc_id, url = @url, title = @title, site = @site, language = @language, published = @published, "
                + $"hash = @hash, origin = @origin, ingested_at = @ingested_at, event_count = @event_count, result = {d.Json("@result")} WHERE id = @id",
                [.. documentParameters, ("id", Long)]);
            _documentClusters = S("SELECT DISTINCT cluster_id FROM events WHERE document_id = @id", ("id", Long));
            _deleteEvents = S("DELETE FROM events WHERE document_id = @id", ("id", Long));
            const string Candidate = "SELECT id, day, date_value, date_precision, lat, lon FROM clusters WHERE cluster_key = @key";
            _candidatesByDay = S(Candidate + " AND day BETWEEN @from AND @to ORDER BY id", ("key", Text), ("from", Long), ("to", Long));
            _candidatesUndated = S(Candidate + " AND day IS NULL ORDER BY id", ("key", Text));
            _insertCluster = S(
                "INSERT INTO clusters (cluster_key, source_code, target_code, root, day, date_value, date_precision, lat, lon, created_at) "
                + "VALUES (@key, @source_code, @target_code, @root, @day, @date_value, @date_precision, @lat, @lon, @created_at) RETURNING id",
                ("key", Text), ("source_code", Text), ("target_code", Text), ("root", Text), ("day", Long), ("date_value", Text),
                ("date_precision", Text), ("lat", Real), ("lon", Real), ("created_at", Text));
            // One round trip per event: the row, then the merged event's counts. A new article adds a source unless another
            // document of the same site is in the merged event already (a document without a site is its own source).
            _insertEvent = S(
                $"INSERT INTO events ({string.Join(", ", EventColumns)}) VALUES ({string.Join(", ", EventColumns.Select(n => "@" + n))}); "
                + "UPDATE clusters SET num_mentions = num_mentions + 1, num_articles = num_articles + @new_article, "
                + "num_sources = num_sources + CASE WHEN @new_article = 1 AND (@site IS NULL OR NOT EXISTS (SELECT 1 FROM events x "
                + "WHERE x.cluster_id = @cluster_id AND x.site = @site AND x.document_id <> @document_id)) THEN 1 ELSE 0 END, "
                + $"anchor_event = COALESCE(anchor_event, {d.LastInsertId}) WHERE id = @cluster_id",
                [.. EventColumns.Select(n => (n, TypeOf(n))), ("new_article", Long)]);
            _insertName = S("INSERT INTO names (kind, name) VALUES (@kind, @name) ON CONFLICT DO NOTHING", ("kind", Text), ("name", Text));
            _upsertFailure = S(
                "INSERT INTO failures (origin, doc_id, reason, failed_at) VALUES (@origin, @doc_id, @reason, @failed_at) "
                + "ON CONFLICT (origin) DO UPDATE SET doc_id = excluded.doc_id, reason = excluded.reason, failed_at = excluded.failed_at, "
                + "attempts = failures.attempts + 1",
                ("origin", Text), ("doc_id", Text), ("reason", Text), ("failed_at", Text));
            _deleteFailure = S("DELETE FROM failures WHERE origin = @origin", ("origin", Text));
            _clusterCounts = S(
                "SELECT count(*), count(DISTINCT document_id), count(DISTINCT site) + count(DISTINCT CASE WHEN site IS NULL THEN document_id END) "
                + "FROM events WHERE cluster_id = @id", ("id", Long));
            _clusterAnchor = S("SELECT id, day, date_value, date_precision, lat, lon FROM events WHERE cluster_id = @id ORDER BY id LIMIT 1", ("id", Long));
            _updateCluster = S(
                "UPDATE clusters SET num_mentions = @mentions, num_articles = @articles, num_sources = @sources, anchor_event = @anchor, day = @day, "
                + "date_value = @date_value, date_precision = @date_precision, lat = @lat, lon = @lon WHERE id = @id",
                ("mentions", Long), ("articles", Long), ("sources", Long), ("anchor", Long), ("day", Long), ("date_value", Text),
                ("date_precision", Text), ("lat", Real), ("lon", Real), ("id", Long));
            _deleteCluster = S("DELETE FROM clusters WHERE id = @id", ("id", Long));
        }

        public HashSet<(string Kind, string Name)> NewNames { get; } = [];

        private static DbType TypeOf(string column) => column switch
        {
            "document_id" or "cluster_id" or "sentence" or "quad_class" or "day" or "fatalities" => DbType.Int64,
            "goldstein" or "lat" or "lon" => DbType.Double,
            "negated" => DbType.Boolean,
            _ => DbType.String,
        };

        public async Task<WriteSummary> WriteFailureAsync(FailureRecord failure, CancellationToken cancellationToken)
        {
            await _upsertFailure.Set("origin", failure.Origin).Set("doc_id", failure.DocId).Set("reason", failure.Reason).Set("failed_at", Now())
                .ExecuteAsync(cancellationToken);
            return new WriteSummary(0, 0, 0, 1, 0);
        }

        public async Task<WriteSummary> WriteDocumentAsync(DocumentRecord document, CancellationToken cancellationToken)
        {
            await _deleteFailure.Set("origin", document.Origin).ExecuteAsync(cancellationToken);
            if (await _byHash.Set("hash", document.Hash).ScalarAsync(cancellationToken) is not null)
            {
                return new WriteSummary(0, 1, 0, 0, 0);
            }
            var existing = document.Url is null ? null : await _byUrl.Set("url", document.Url).ScalarAsync(cancellationToken);
            SetDocument(existing is null ? _insertDocument : _updateDocument, document);
            long id;
            if (existing is { } replaced)
            {
                id = replaced;
                // Take the old version out first, so its merged events are recounted (or disappear) before the new events match.
                var (_, clusters) = await DeleteEventsAsync(id, cancellationToken);
                await RecountAsync(clusters, cancellationToken);
                await _updateDocument.Set("id", id).ExecuteAsync(cancellationToken);
            }
            else
            {
                id = (await _insertDocument.ScalarAsync(cancellationToken))!.Value;
            }
            var joined = new HashSet<long>();
            foreach (var e in document.Events)
            {
                await InsertEventAsync(id, document.Site, e, joined, cancellationToken);
            }
            return existing is null ? new WriteSummary(1, 0, 0, 0, document.Events.Length) : new WriteSummary(0, 0, 1, 0, document.Events.Length);
        }

        private static void SetDocument(Statement statement, DocumentRecord document) => statement
            .Set("doc_id", document.DocId).Set("url", document.Url).Set("title", document.Title).Set("site", document.Site)
            .Set("language", document.Language).Set("published", document.Published).Set("hash", document.Hash).Set("origin", document.Origin)
            .Set("ingested_at", Now()).Set("event_count", (long)document.Events.Length).Set("result", document.Json);

        private async Task InsertEventAsync(long documentId, string? site, EventRecord e, HashSet<long> joined, CancellationToken cancellationToken)
        {
            var key = ClusterKey(e);
            var cluster = await FindClusterAsync(key, e, cancellationToken);
            if (cluster is null)
            {
                cluster = (await _insertCluster.Set("key", key).Set("source_code", e.SourceCode).Set("target_code", e.TargetCode).Set("root", e.Root)
                    .Set("day", (long?)e.Day).Set("date_value", e.DateValue).Set("date_precision", e.DatePrecision).Set("lat", e.Lat).Set("lon", e.Lon)
                    .Set("created_at", Now()).ScalarAsync(cancellationToken))!.Value;
            }
            var newArticle = joined.Add(cluster.Value) ? 1L : 0L;
            var insert = _insertEvent
                .Set("document_id", documentId).Set("cluster_id", cluster.Value).Set("event_key", e.EventKey).Set("site", site)
                .Set("sentence", (long)e.Sentence).Set("source_code", e.SourceCode).Set("source_country", e.SourceCountry)
                .Set("source_name", e.SourceName).Set("source_text", e.SourceText).Set("target_code", e.TargetCode)
                .Set("target_country", e.TargetCountry).Set("target_name", e.TargetName).Set("target_text", e.TargetText)
                .Set("cameo", e.Cameo).Set("cameo_name", e.CameoName).Set("root", e.Root).Set("plover", e.Plover).Set("goldstein", e.Goldstein)
                .Set("quad_class", (long)e.QuadClass).Set("acled_event_type", e.AcledEventType).Set("acled_sub_event_type", e.AcledSubEventType)
                .Set("date_value", e.DateValue).Set("day", (long?)e.Day).Set("date_precision", e.DatePrecision).Set("date_source", e.DateSource)
                .Set("place_name", e.PlaceName).Set("lat", e.Lat).Set("lon", e.Lon).Set("place_country", e.PlaceCountry)
                .Set("gazetteer_id", e.GazetteerId).Set("place_feature", e.PlaceFeature).Set("modality", e.Modality).Set("negated", e.Negated)
                .Set("attributed_to", e.AttributedTo).Set("evidence", e.Evidence).Set("sentence_text", e.SentenceText).Set("rule", e.Rule)
                .Set("fatalities", (long)e.Fatalities).Set("new_article", newArticle);
            await insert.ExecuteAsync(cancellationToken);
            await AddNameAsync("actor", e.SourceName, cancellationToken);
            await AddNameAsync("actor", e.TargetName, cancellationToken);
            await AddNameAsync("place", e.PlaceName, cancellationToken);
        }

        private async Task AddNameAsync(string kind, string? name, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(name) || _store._knownNames.Contains((kind, name)) || !NewNames.Add((kind, name)))
            {
                return;
            }
            await _insertName.Set("kind", kind).Set("name", name).ExecuteAsync(cancellationToken);
        }

        /// <summary>source|target|root: what two reports must share to be one event.</summary>
        private static string ClusterKey(EventRecord e) => $"{e.SourceCode}|{e.TargetCode}|{e.Root}";

        private async Task<long?> FindClusterAsync(string key, EventRecord e, CancellationToken cancellationToken)
        {
            var query = e.Day is { } day
                ? _candidatesByDay.Set("key", key).Set("from", (long)ShiftDay(day, -MergeDays)).Set("to", (long)ShiftDay(day, MergeDays))
                : _candidatesUndated.Set("key", key);
            long? best = null;
            var bestScore = double.MaxValue;
            await using var reader = await query.ReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var candidate = new Candidate(Read.Long(reader, 1) is { } d ? (int)d : null, Read.Text(reader, 2), Read.Text(reader, 3),
                    Read.Double(reader, 4), Read.Double(reader, 5));
                if (Matches(candidate, e) is { } score && score < bestScore)
                {
                    best = Read.Long(reader, 0);
                    bestScore = score;
                }
            }
            return best;
        }

        /// <summary>Deletes a document's events; returns how many and the merged events they were in.</summary>
        public async Task<(int Events, List<long> Clusters)> DeleteEventsAsync(long documentId, CancellationToken cancellationToken)
        {
            var clusters = new List<long>();
            await using (var reader = await _documentClusters.Set("id", documentId).ReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    clusters.Add(Read.Long(reader, 0)!.Value);
                }
            }
            var events = await _deleteEvents.Set("id", documentId).ExecuteAsync(cancellationToken);
            return (events, clusters);
        }

        /// <summary>Recounts merged events from their mentions, re-anchors them on the earliest one, and deletes those left empty.</summary>
        public async Task RecountAsync(IEnumerable<long> clusters, CancellationToken cancellationToken)
        {
            foreach (var cluster in clusters)
            {
                long mentions, articles, sources;
                await using (var reader = await _clusterCounts.Set("id", cluster).ReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    (mentions, articles, sources) = (Read.Long(reader, 0)!.Value, Read.Long(reader, 1)!.Value, Read.Long(reader, 2)!.Value);
                }
                if (mentions == 0)
                {
                    await _deleteCluster.Set("id", cluster).ExecuteAsync(cancellationToken);
                    continue;
                }
                await using (var reader = await _clusterAnchor.Set("id", cluster).ReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    _updateCluster.Set("anchor", Read.Long(reader, 0)).Set("day", Read.Long(reader, 1)).Set("date_value", Read.Text(reader, 2))
                        .Set("date_precision", Read.Text(reader, 3)).Set("lat", Read.Double(reader, 4)).Set("lon", Read.Double(reader, 5));
                }
                await _updateCluster.Set("mentions", mentions).Set("articles", articles).Set("sources", sources).Set("id", cluster)
                    .ExecuteAsync(cancellationToken);
            }
        }

        public void Dispose()
        {
            foreach (var statement in _all)
            {
                statement.Dispose();
            }
        }
    }

    private sealed record Candidate(int? Day, string? DateValue, string? DatePrecision, double? Lat, double? Lon);

    /// <summary>
    /// How well a report matches a merged event (lower is closer), or null when it is another event: dates within
    /// <see cref="MergeDays"/> when both are days (the same value when either is a week, month or year; both unknown is a
    /// match), and places within <see cref="MergeKm"/> (both unknown is a match).
    /// </summary>
    private static double? Matches(Candidate cluster, EventRecord e)
    {
        double days;
        if (cluster.Day is null || e.Day is null)
        {
            if (cluster.Day is not null || e.Day is not null)
            {
                return null;
            }
            days = 0;
        }
        else if (cluster.DatePrecision == "day" && e.DatePrecision == "day")
        {
            days = Math.Abs(EventRecord.FromDay(cluster.Day.Value).DayNumber - EventRecord.FromDay(e.Day.Value).DayNumber);
            if (days > MergeDays)
            {
                return null;
            }
        }
        else if (cluster.DatePrecision == e.DatePrecision && string.Equals(cluster.DateValue, e.DateValue, StringComparison.Ordinal))
        {
            days = 0;
        }
        else
        {
            return null;
        }
        double km;
        if (cluster.Lat is null || cluster.Lon is null || e.Lat is null || e.Lon is null)
        {
            if (cluster.Lat is not null || e.Lat is not null)
            {
                return null;
            }
            km = 0;
        }
        else
        {
            km = Haversine.Km(cluster.Lat.Value, cluster.Lon.Value, e.Lat.Value, e.Lon.Value);
            if (km > MergeKm)
            {
                return null;
            }
        }
        // A day apart weighs like 50 km apart.
        return days + km / MergeKm;
    }

    /// <summary>The day <paramref name="by"/> days away, kept inside the calendar (an event dated 0001-01-01 must not throw).</summary>
    private static int ShiftDay(int day, int by)
    {
        var date = EventRecord.FromDay(day);
        var number = Math.Clamp((long)date.DayNumber + by, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber);
        return EventRecord.ToDay(DateOnly.FromDayNumber((int)number));
    }
}
