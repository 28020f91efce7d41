using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Kabar.Tests.Support;

namespace Kabar.Tests.Web;

/// <summary>A real <c>kabar serve</c> child process on a free loopback port, over a temporary SQLite store.</summary>
public sealed partial class KabarServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _folder;

    private KabarServer(Process process, TempDirectory folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Where it listens (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Url { get; }

    /// <summary>A client for it.</summary>
    public HttpClient Http { get; }

    /// <summary>The store file.</summary>
    public string Db => Path.Combine(_folder.Path, "kabar.db");

    /// <summary>A server over a store holding the seed article (published 2023-09-21, so its relative dates resolve);
    /// the test is skipped when ../shared is not beside the checkout.</summary>
    public static async Task<KabarServer> SeededAsync(params string[] options)
    {
        var seed = Repo.SharedFile("seed", "seed-article-id.txt");
        var folder = new TempDirectory();
        var db = Path.Combine(folder.Path, "kabar.db");
        var ingest = await KabarProcess.RunAsync("ingest", "--db", db, "--published", "2023-09-21", "--quiet", seed);
        Assert.True(ingest.Exit == 0, ingest.Err);
        return await StartAsync(folder, options, null);
    }

    /// <summary>A server over an empty store.</summary>
    public static Task<KabarServer> EmptyAsync(params string[] options) => StartAsync(new TempDirectory(), options, null);

    /// <summary>A server with extra environment variables.</summary>
    public static Task<KabarServer> WithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] options) =>
        StartAsync(new TempDirectory(), options, environment);

    private static async Task<KabarServer> StartAsync(TempDirectory folder, string[] options, IReadOnlyDictionary<string, string>? environment)
    {
        // A key in the caller's environment would lock the write endpoints of every test.
        var variables = new Dictionary<string, string?> { ["KABAR_API_KEY"] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
        var process = KabarProcess.Start(variables, ["serve", "--db", Path.Combine(folder.Path, "kabar.db"), "--urls", "http://127.0.0.1:0", .. options]);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        // The first line names the address (a port of 0 became a real one).
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var match = line is null ? null : Address().Match(line);
        if (match is null || !match.Success)
        {
            process.Kill(entireProcessTree: true);
            string errors;
            lock (stderr)
            {
                errors = stderr.ToString();
            }
            throw new InvalidOperationException($"kabar serve did not start: {line} {errors}");
        }
        _ = process.StandardOutput.ReadToEndAsync();
        return new KabarServer(process, folder, new Uri(match.Groups[1].Value + "/"));
    }

    [GeneratedRegex(@"at (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex Address();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _folder.Dispose();
    }
}

/// <summary>One seeded server shared by the tests of a class (started by the first test that asks, so a missing
/// ../shared skips the tests instead of failing the fixture).</summary>
public sealed class SeededServerFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private KabarServer? _server;

    public async Task<KabarServer> GetAsync()
    {
        Repo.SharedFile("seed", "seed-article-id.txt");
        await _lock.WaitAsync();
        try
        {
            return _server ??= await KabarServer.SeededAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
