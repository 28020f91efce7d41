using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kabar.Storage;

/// <summary>The database engine behind a store.</summary>
public enum StoreEngine
{
    /// <summary>A single SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, for teams sharing one store.</summary>
    Postgres,
}

/// <summary>Where a store lives, resolved from <c>--db</c>, the <c>KABAR_DB</c> variable or the default path.</summary>
/// <param name="Engine">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The provider's connection string.</param>
/// <param name="Display">What to show people: the file path, or the server and database without the password.</param>
/// <param name="FilePath">The SQLite file, or null for PostgreSQL.</param>
public sealed record StoreLocation(StoreEngine Engine, string ConnectionString, string Display, string? FilePath)
{
    /// <summary>The environment variable that names the store when <c>--db</c> is not given.</summary>
    public const string EnvironmentVariable = "KABAR_DB";

    /// <summary><c>$XDG_DATA_HOME/kabar/kabar.db</c>, or <c>~/.local/share/kabar/kabar.db</c> when XDG_DATA_HOME is unset.</summary>
    public static string DefaultPath
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var data = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(data, "kabar", "kabar.db");
        }
    }

    /// <summary>Resolves <paramref name="db"/> (from <c>--db</c>), else <c>KABAR_DB</c>, else <see cref="DefaultPath"/>.</summary>
    /// <exception cref="ArgumentException">The value is neither a path nor a PostgreSQL URL or connection string.</exception>
    public static StoreLocation Resolve(string? db)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            db = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }
        return Parse(string.IsNullOrWhiteSpace(db) ? DefaultPath : db);
    }

    /// <summary>
    /// Parses <c>postgres://user[:password]@host[:port]/db[?sslmode=…]</c>, a Npgsql connection string
    /// (<c>Host=…;Username=…</c>), or a SQLite file path (<c>~</c> expanded).
    /// </summary>
    public static StoreLocation Parse(string db)
    {
        db = db.Trim();
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUrl(db));
        }
        if (db.Contains('=', StringComparison.Ordinal) && (db.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || db.Contains("Server=", StringComparison.OrdinalIgnoreCase)))
        {
            return Postgres(new NpgsqlConnectionStringBuilder(db));
        }
        if (db.StartsWith("~/", StringComparison.Ordinal))
        {
            db = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), db[2..]);
        }
        var path = Path.GetFullPath(db);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            // One connection per store; pooling would keep the file open after Dispose.
            Pooling = false,
            // Seconds to wait for another writer's lock (the busy timeout) before giving up.
            DefaultTimeout = 30,
        };
        return new StoreLocation(StoreEngine.Sqlite, builder.ToString(), path, path);
    }

    private static StoreLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        builder.ApplicationName ??= "kabar";
        var display = string.Create(CultureInfo.InvariantCulture,
            $"postgres://{builder.Username}@{builder.Host}:{(builder.Port == 0 ? 5432 : builder.Port)}/{builder.Database}");
        return new StoreLocation(StoreEngine.Postgres, builder.ToString(), display, null);
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        var database = uri.AbsolutePath.Trim('/');
        builder.Database = database.Length > 0 ? Uri.UnescapeDataString(database) : "postgres";
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            // libpq spells it sslmode; Npgsql's builder knows "SSL Mode" and most other libpq keywords by their own names.
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
        }
        return builder;
    }
}
