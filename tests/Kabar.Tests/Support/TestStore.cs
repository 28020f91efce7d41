using System.Text;
using System.Text.Json;
using Kabar.Storage;
using Kabar.Storage.Ingest;
using Npgsql;

namespace Kabar.Tests.Support;

/// <summary>
/// A fresh, empty event store for one test: a SQLite file in a temporary folder, or a new database on the PostgreSQL
/// server named by KABAR_TEST_POSTGRES (the test is skipped when it is not set). Disposing deletes it.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "KABAR_TEST_POSTGRES";

    /// <summary>The engines every conformance test runs on.</summary>
    public static TheoryData<string> Engines => new() { "sqlite", "postgres" };

    private readonly string? _database;
    private readonly string? _folder;

    private TestStore(EventStore store, string db, string? database, string? folder)
    {
        Store = store;
        Db = db;
        _database = database;
        _folder = folder;
    }

    public EventStore Store { get; }

    /// <summary>What to pass as --db.</summary>
    public string Db { get; }

    /// <summary>A folder for the test's input files (deleted with the store).</summary>
    public string Folder => _folder ?? throw new InvalidOperationException("no folder");

    /// <summary>The server's connection string, or a skip with the reason when none is configured.</summary>
    public static string PostgresOrSkip()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        Skip.If(string.IsNullOrWhiteSpace(server),
            $"{PostgresVariable} is not set, so the PostgreSQL conformance run is skipped (./test starts a throwaway server and sets it)");
        return server!;
    }

    public static async Task<TestStore> CreateAsync(string engine)
    {
        var folder = Directory.CreateTempSubdirectory("kabar-store-test-").FullName;
        if (engine == "sqlite")
        {
            var path = Path.Combine(folder, "kabar.db");
            return new TestStore(await EventStore.OpenAsync(path), path, null, folder);
        }
        var server = PostgresOrSkip();
        var database = "kabar_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var db = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        return new TestStore(await EventStore.OpenAsync(db), db, database, folder);
    }

    /// <summary>Ingests inputs with the shared engine.</summary>
    public async Task<IngestSummary> IngestAsync(params string[] inputs) => await IngestAsync(new IngestOptions { BatchSize = 7 }, inputs);

    public async Task<IngestSummary> IngestAsync(IngestOptions options, params string[] inputs)
    {
        using var ingestor = new Ingestor(Repo.Engine, Store, options);
        return await ingestor.RunAsync(inputs);
    }

    /// <summary>Writes records to a .jsonl file in the test's folder and returns its path.</summary>
    public string Jsonl(params object[] records)
    {
        var path = Path.Combine(Folder, $"batch-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, records.Select(r => r as string ?? JsonSerializer.Serialize(r)), new UTF8Encoding(false));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_database is not null)
        {
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A child process may still hold a file for a moment; the folder is in /tmp anyway.
            }
        }
    }
}

/// <summary>Articles written for the tests: the samples with their publication dates, and short reports of one event.</summary>
public static class Articles
{
    /// <summary>The sample articles as JSON Lines records with the publication dates of samples/README.md.</summary>
    public static object[] Samples() =>
    [
        Sample("en-gaza-aid.txt", "2024-03-04"),
        Sample("en-ukraine-grain.txt", "2023-08-02"),
        Sample("id-laut-cina-selatan.txt", "2023-08-07"),
        Sample("id-sudan-evakuasi.txt", "2023-04-24"),
    ];

    private static object Sample(string file, string published) =>
        new { id = file, text = File.ReadAllText(Repo.Path_("samples", file)), published };

    /// <summary>Israeli troops attack Hamas in Rafah on Monday 4 March 2024 (one wording).</summary>
    public const string RafahA = "Israeli troops attack Hamas fighters in Rafah\nRAFAH (Wire) - Israeli troops attacked Hamas fighters in Rafah on Monday, witnesses said.";

    /// <summary>The same event in other words.</summary>
    public const string RafahB = "Fighting in Rafah\nIsraeli soldiers attacked Hamas militants in the city of Rafah on Monday, according to local residents, as talks continued.";

    /// <summary>Indonesian police arrest protesters in Jakarta.</summary>
    public const string JakartaArrests = "Polisi menangkap puluhan demonstran di Jakarta\nJAKARTA - Polisi Indonesia menangkap 30 demonstran di Jakarta pada Selasa, 5 Maret 2024.";

    public static object Record(string id, string text, string published = "2024-03-05", string? url = null) =>
        url is null ? new { id, text, published } : new { id, text, published, url };
}
