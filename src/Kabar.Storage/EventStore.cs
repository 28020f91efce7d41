using System.Data;
using System.Data.Common;
using System.Globalization;
using Kabar.Storage.Internal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kabar.Storage;

/// <summary>A store problem people can act on (schema too new, not a database, server unreachable).</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The event store: documents keyed by content hash and URL, their events as rows, and merged events (clusters) with
/// GDELT-style counts, in SQLite (the default: one file, WAL mode) or PostgreSQL (for teams). Opening applies any
/// pending migration in a transaction.
/// </summary>
/// <remarks>
/// One instance holds one connection and is not thread-safe: the ingest pipeline processes documents in parallel but
/// writes from one thread. Several processes may use one store: SQLite serialises writers with its file lock (WAL lets
/// readers go on), PostgreSQL with a transaction-level advisory lock.
/// </remarks>
public sealed partial class EventStore : IAsyncDisposable, IDisposable
{
    /// <summary>Merged events list at most this many of their sources.</summary>
    public const int MaxSourcesListed = 20;

    /// <summary>Two reports are one event when their places are at most this far apart (or both unknown).</summary>
    public const double MergeKm = 50;

    /// <summary>…and their days at most this many days apart (or both unknown).</summary>
    public const int MergeDays = 1;

    private readonly DbConnection _connection;
    private readonly Dialect _dialect;

    private EventStore(StoreLocation location, DbConnection connection)
    {
        Location = location;
        _connection = connection;
        _dialect = Dialect.For(location.Engine);
    }

    /// <summary>Where the store is.</summary>
    public StoreLocation Location { get; }

    /// <summary>The schema version after opening (the latest migration).</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>Opens (creating and migrating as needed) the store named by <c>--db</c>, <c>KABAR_DB</c> or the default path.</summary>
    public static Task<EventStore> OpenAsync(string? db, CancellationToken cancellationToken = default) =>
        OpenAsync(StoreLocation.Resolve(db), cancellationToken);

    /// <summary>Opens (creating and migrating as needed) a store.</summary>
    /// <exception cref="StoreException">The file is not a database, the server cannot be reached, or the schema is newer than this Kabar.</exception>
    public static async Task<EventStore> OpenAsync(StoreLocation location, CancellationToken cancellationToken = default)
    {
        DbConnection connection;
        try
        {
            connection = location.Engine == StoreEngine.Sqlite
                ? await OpenSqliteAsync(location, cancellationToken)
                : await OpenPostgresAsync(location, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot open {location.Display}: {ex.Message}", ex);
        }
        var store = new EventStore(location, connection);
        try
        {
            await store.MigrateAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            await store.DisposeAsync();
            throw new StoreException($"cannot open {location.Display}: {ex.Message}", ex);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    private static async Task<DbConnection> OpenSqliteAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(location.FilePath!)!);
        var connection = new SqliteConnection(location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        connection.CreateFunction<double?, double?, double, double, double?>("kabar_km",
            (lat, lon, pointLat, pointLon) => lat is null || lon is null ? null : Haversine.Km(lat.Value, lon.Value, pointLat, pointLon),
            isDeterministic: true);
        await using var pragma = connection.CreateCommand();
        // WAL: readers go on while one writer commits, and a killed writer loses only its open transaction.
        // synchronous=NORMAL keeps every committed transaction through a process crash (not through power loss).
        // A 64 MB page cache and memory-mapped reads: the default 2 MB cache thrashes once the event indexes outgrow it.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; "
            + "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static async Task<DbConnection> OpenPostgresAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = Migrations.For(_dialect);
        var latest = migrations[^1].Version;
        var current = await CurrentVersionAsync(cancellationToken);
        if (current == latest)
        {
            SchemaVersion = current;
            return;
        }
        await using var transaction = await BeginWriteAsync(cancellationToken);
        await ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            transaction, cancellationToken);
        // Again under the lock: another process may have migrated meanwhile.
        current = await CurrentVersionAsync(cancellationToken, transaction);
        if (current > latest)
        {
            throw new StoreException($"{Location.Display} has schema version {current}, newer than this Kabar knows ({latest}); upgrade Kabar");
        }
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(migration.Sql, transaction, cancellationToken);
            using var record = new Statement(_connection, transaction,
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)",
                ("version", DbType.Int32), ("name", DbType.String), ("at", DbType.String));
            await record.Set("version", migration.Version).Set("name", migration.Name).Set("at", Now()).ExecuteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        SchemaVersion = latest;
    }

    private async Task<int> CurrentVersionAsync(CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        if (await ScalarAsync(_dialect.TableExists("schema_version"), transaction, cancellationToken) == 0)
        {
            return 0;
        }
        return (int)(await ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction, cancellationToken) ?? 0);
    }

    /// <summary>Starts a write transaction holding the writer lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock).</summary>
    private async Task<DbTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        if (_dialect.WriterLock is { } writerLock)
        {
            await ExecuteAsync(writerLock, transaction, cancellationToken);
        }
        return transaction;
    }

    /// <summary>The stored result JSON of a document, by its id or URL; null when there is none.</summary>
    public async Task<string?> GetDocumentJsonAsync(string idOrUrl, CancellationToken cancellationToken = default)
    {
        using var select = new Statement(_connection, null,
            "SELECT result FROM documents WHERE url = @key OR doc_id = @key ORDER BY CASE WHEN url = @key THEN 0 ELSE 1 END, id LIMIT 1",
            ("key", DbType.String));
        await using var reader = await select.Set("key", idOrUrl).ReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetString(0) : null;
    }

    /// <summary>Documents matching an id or URL (their id and URL), without removing anything.</summary>
    public async Task<IReadOnlyList<(string DocId, string? Url)>> FindDocumentsAsync(string idOrUrl, CancellationToken cancellationToken = default)
    {
        var found = new List<(string, string?)>();
        foreach (var (_, docId, url) in await FindAsync(idOrUrl, null, cancellationToken))
        {
            found.Add((docId, url));
        }
        return found;
    }

    private async Task<List<(long Id, string DocId, string? Url)>> FindAsync(string idOrUrl, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var select = new Statement(_connection, transaction,
            "SELECT id, doc_id, url FROM documents WHERE url = @key OR doc_id = @key ORDER BY id", ("key", DbType.String));
        await using var reader = await select.Set("key", idOrUrl).ReaderAsync(cancellationToken);
        var found = new List<(long, string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((Read.Long(reader, 0)!.Value, reader.GetString(1), Read.Text(reader, 2)));
        }
        return found;
    }

    /// <summary>
    /// Removes the documents whose id or URL is <paramref name="idOrUrl"/>, with their events, in one transaction; merged
    /// events they contributed to are recounted (and re-anchored on their earliest remaining mention), and those left
    /// without mentions disappear.
    /// </summary>
    public async Task<IReadOnlyList<RemovedDocument>> RemoveDocumentsAsync(string idOrUrl, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var removed = new List<RemovedDocument>();
        using var writer = new BatchWriter(this, transaction);
        foreach (var (id, docId, url) in await FindAsync(idOrUrl, transaction, cancellationToken))
        {
            var (events, clusters) = await writer.DeleteEventsAsync(id, cancellationToken);
            using var delete = new Statement(_connection, transaction, "DELETE FROM documents WHERE id = @id", ("id", DbType.Int64));
            await delete.Set("id", id).ExecuteAsync(cancellationToken);
            await writer.RecountAsync(clusters, cancellationToken);
            removed.Add(new RemovedDocument(docId, url, events));
        }
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>The most recent failures.</summary>
    public async Task<IReadOnlyList<FailureRow>> FailuresAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var sql = "SELECT origin, doc_id, reason, failed_at, attempts FROM failures ORDER BY failed_at DESC, id DESC"
            + (limit > 0 ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {limit}") : "");
        using var select = new Statement(_connection, null, sql);
        await using var reader = await select.ReaderAsync(cancellationToken);
        var rows = new List<FailureRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FailureRow(reader.GetString(0), Read.Text(reader, 1), reader.GetString(2), reader.GetString(3), (int)Read.Long(reader, 4)!.Value));
        }
        return rows;
    }

    /// <summary>Deletes every recorded failure; returns how many there were.</summary>
    public async Task<int> ClearFailuresAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var count = await ExecuteAsync("DELETE FROM failures", transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Refreshes the planner's statistics (SQLite <c>PRAGMA optimize</c>, PostgreSQL <c>ANALYZE</c>); cheap, run after a large ingest.</summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken = default) =>
        await ExecuteAsync(_dialect.Engine == StoreEngine.Sqlite ? "PRAGMA optimize" : "ANALYZE", null, cancellationToken);

    private async Task<int> ExecuteAsync(string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long?> ScalarAsync(string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var statement = new Statement(_connection, transaction, sql);
        return await statement.ScalarAsync(cancellationToken);
    }

    internal static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
