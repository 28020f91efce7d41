using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Kabar.Storage.Internal;

/// <summary>What differs between SQLite and PostgreSQL SQL; everything else is written once.</summary>
internal abstract class Dialect
{
    public static Dialect For(StoreEngine engine) => engine == StoreEngine.Sqlite ? new SqliteDialect() : new PostgresDialect();

    public abstract StoreEngine Engine { get; }

    /// <summary>Folder of the embedded migrations.</summary>
    public abstract string Migrations { get; }

    /// <summary>A case-insensitive LIKE (the pattern escapes with backslash).</summary>
    public abstract string Like(string column, string parameter);

    /// <summary>Great-circle distance in km between a row's lat/lon and parameters.</summary>
    public abstract string DistanceKm(string lat, string lon, string pointLat, string pointLon);

    /// <summary>The id of the row the previous INSERT of this command text added.</summary>
    public abstract string LastInsertId { get; }

    /// <summary>Statement that serialises writers for the rest of the transaction, or null when the engine does so itself.</summary>
    public abstract string? WriterLock { get; }

    /// <summary>
    /// A query counting (up to a limit) the events whose evidence or sentence contains the text through the text index, or
    /// null when the engine's planner judges that itself.
    /// </summary>
    public virtual string? TextIndexProbe(string text, int limit, Func<string, string> parameter) => null;

    /// <summary>A condition on events <c>e</c> that holds when the evidence or the sentence contains the text.</summary>
    /// <param name="text">The text searched for.</param>
    /// <param name="parameter">Adds a parameter with its value and returns its placeholder.</param>
    /// <param name="common">The text is in so many events that reading them in date order finds the first ones sooner than the index.</param>
    public virtual string TextContains(string text, Func<string, string> parameter, bool common = false)
    {
        var pattern = parameter(LikeContains(text));
        return $"({Like("e.evidence", pattern)} OR {Like("e.sentence_text", pattern)})";
    }

    /// <summary>A LIKE pattern for "contains", with LIKE's wildcards escaped.</summary>
    public static string LikeContains(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length + 2).Append('%');
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.Append('%').ToString();
    }

    /// <summary>A query returning 1 when the table exists, else 0.</summary>
    public abstract string TableExists(string table);

    /// <summary>A text parameter stored in a JSON column.</summary>
    public abstract string Json(string parameter);
}

internal sealed class SqliteDialect : Dialect
{
    public override StoreEngine Engine => StoreEngine.Sqlite;

    public override string Migrations => "sqlite";

    // SQLite's LIKE ignores ASCII case already.
    public override string Like(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    // kabar_km is registered on every connection (SQLite has no trigonometry built in everywhere).
    public override string DistanceKm(string lat, string lon, string pointLat, string pointLon) => $"kabar_km({lat}, {lon}, {pointLat}, {pointLon})";

    public override string LastInsertId => "last_insert_rowid()";

    // The trigram index (migration 0002) finds substrings of three characters or more; shorter ones scan with LIKE, and
    // so do common ones: SQLite would otherwise fetch every match from the index before sorting by day.
    public override string TextContains(string text, Func<string, string> parameter, bool common = false) => text.Length >= 3 && !common
        ? $"e.id IN (SELECT rowid FROM events_text WHERE events_text MATCH {parameter(Phrase(text))})"
        : base.TextContains(text, parameter);

    public override string? TextIndexProbe(string text, int limit, Func<string, string> parameter) => text.Length >= 3
        ? string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM (SELECT rowid FROM events_text WHERE events_text MATCH {parameter(Phrase(text))} LIMIT {limit})")
        : null;

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // BEGIN IMMEDIATE already takes the write lock.
    public override string? WriterLock => null;

    public override string TableExists(string table) => $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";

    public override string Json(string parameter) => parameter;
}

internal sealed class PostgresDialect : Dialect
{
    /// <summary>Arbitrary advisory-lock key shared by every Kabar writer ("KABAR" in ASCII).</summary>
    public const long LockKey = 0x4B41424152;

    public override StoreEngine Engine => StoreEngine.Postgres;

    public override string Migrations => "postgres";

    public override string Like(string column, string parameter) => $"{column} ILIKE {parameter} ESCAPE '\\'";

    public override string DistanceKm(string lat, string lon, string pointLat, string pointLon) =>
        $"(12742.0 * asin(least(1.0, sqrt(power(sin(radians({lat} - {pointLat}) / 2), 2) + cos(radians({pointLat})) * cos(radians({lat})) * power(sin(radians({lon} - {pointLon}) / 2), 2)))))";

    public override string LastInsertId => "lastval()";

    // Two ingest processes must not both create the "same" cluster or race on a document's URL.
    public override string? WriterLock => string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LockKey})");

    public override string TableExists(string table) => $"SELECT CASE WHEN to_regclass('{table}') IS NULL THEN 0 ELSE 1 END";

    // Text does not cast to json implicitly on assignment.
    public override string Json(string parameter) => $"CAST({parameter} AS json)";
}

/// <summary>A command reused for many rows: parameters are declared once with their types and set per execution.</summary>
internal sealed class Statement : IDisposable
{
    private readonly DbCommand _command;
    private readonly Dictionary<string, DbParameter> _parameters = new(StringComparer.Ordinal);

    public Statement(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, DbType Type)[] parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            _command.Parameters.Add(parameter);
            _parameters[name] = parameter;
        }
    }

    public Statement Set(string name, object? value)
    {
        _parameters[name].Value = value ?? DBNull.Value;
        return this;
    }

    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    public async Task<long?> ScalarAsync(CancellationToken cancellationToken)
    {
        var value = await _command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public Task<DbDataReader> ReaderAsync(CancellationToken cancellationToken) => _command.ExecuteReaderAsync(cancellationToken);

    public void Dispose() => _command.Dispose();
}

/// <summary>Reading columns the same way whichever provider returned them (SQLite gives longs and doubles for everything).</summary>
internal static class Read
{
    public static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static long? Long(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static double? Double(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static bool Bool(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        bool b => b,
        var other => Convert.ToInt64(other, CultureInfo.InvariantCulture) != 0,
    };
}
