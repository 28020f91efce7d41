using System.Collections.Concurrent;
using System.Net;
using Kabar.Storage;
using Kabar.Storage.Ingest;
using Kabar.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kabar.Tests.Storage;

/// <summary>
/// Ingests feeds and pages from a real HTTP server on 127.0.0.1 (Kestrel on a free port): an RSS feed, an Atom feed,
/// article pages, robots.txt, a 404, a redirect, a redirect loop and a response over the size limit.
/// </summary>
public sealed class WebIngestTests : IAsyncLifetime
{
    private const long MaxBytes = 300_000;
    private readonly ConcurrentQueue<(string Path, string UserAgent)> _requests = new();
    private WebApplication _server = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString()));
            await next(context);
        });
        _server.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n\nUser-agent: Kabar\nDisallow: /blocked/\n", "text/plain"));
        _server.MapGet("/rss.xml", () => Results.Text(Rss(), "application/rss+xml"));
        _server.MapGet("/atom.xml", () => Results.Text(Atom(), "application/atom+xml; charset=utf-8"));
        _server.MapGet("/articles/sudan.html", () => Results.Text(File.ReadAllText(Repo.Path_("samples", "id-sudan-evakuasi.html")), "text/html; charset=utf-8"));
        _server.MapGet("/articles/gaza.html", () => Results.Text(Page("en-gaza-aid.txt"), "text/html; charset=utf-8"));
        _server.MapGet("/private/grain.html", () => Results.Text(Page("en-ukraine-grain.txt"), "text/html; charset=utf-8"));
        _server.MapGet("/blocked/secret.html", () => Results.Text(Page("en-ukraine-grain.txt"), "text/html"));
        _server.MapGet("/moved", () => Results.Redirect("/articles/sudan.html"));
        _server.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}"));
        _server.MapGet("/huge.html", () => Results.Text("<html><body><p>" + new string('x', (int)MaxBytes + 10) + "</p></body></html>", "text/html"));
        _server.MapGet("/server-error", () => Results.StatusCode(500));
        await _server.StartAsync();
        _base = _server.Urls.Single().TrimEnd('/');
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Page(string sample)
    {
        var lines = File.ReadAllLines(Repo.Path_("samples", sample));
        var body = string.Join("\n", lines.Skip(1).Where(l => l.Trim().Length > 0).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        return $"<!doctype html><html lang=\"en\"><head><title>{WebUtility.HtmlEncode(lines[0])}</title></head><body><article><h1>{WebUtility.HtmlEncode(lines[0])}</h1>{body}</article></body></html>";
    }

    private string Rss()
    {
        var inline = string.Join("", File.ReadAllLines(Repo.Path_("samples", "id-laut-cina-selatan.txt")).Skip(1)
            .Where(l => l.Trim().Length > 0).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel><title>Warta Kabar</title><link>{_base}/</link><language>id</language>
                <item><title>Kapal penjaga pantai China menembakkan meriam air</title><link>{_base}/never-fetched/lcs.html</link>
                  <guid>lcs-1</guid><pubDate>Mon, 07 Aug 2023 09:00:00 +0700</pubDate>
                  <content:encoded><![CDATA[{inline}]]></content:encoded></item>
                <item><title>TNI evakuasi WNI</title><link>{_base}/moved</link><pubDate>Mon, 24 Apr 2023 10:00:00 +0700</pubDate></item>
                <item><title>Missing</title><link>{_base}/gone.html</link></item>
                <item><title>Blocked</title><link>{_base}/blocked/secret.html</link></item>
                <item><title>Too large</title><link>{_base}/huge.html</link></item>
                <item><title>Loop</title><link>{_base}/loop/1</link></item>
              </channel>
            </rss>
            """;
    }

    private string Atom() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
          <title>World Ledger</title><id>urn:ledger</id><updated>2024-03-04T10:00:00Z</updated>
          <entry><title>Aid convoy enters Gaza</title><id>urn:ledger:gaza</id><link rel="alternate" href="{_base}/articles/gaza.html"/>
            <published>2024-03-04T10:00:00Z</published><summary>A convoy crossed at Rafah.</summary></entry>
          <entry><title>Grain port struck</title><id>urn:ledger:grain</id><link href="{_base}/private/grain.html"/>
            <published>2023-08-02T10:00:00Z</published></entry>
        </feed>
        """;

    [Fact]
    public async Task Feeds_and_pages_are_fetched_politely_and_every_failure_is_recorded_with_its_reason()
    {
        await using var t = await TestStore.CreateAsync("sqlite");
        var options = new IngestOptions { MaxBytes = MaxBytes, RequestTimeout = TimeSpan.FromSeconds(20), BatchSize = 3 };

        var summary = await t.IngestAsync(options, $"{_base}/rss.xml", $"{_base}/atom.xml", $"{_base}/articles/gaza.html", $"{_base}/server-error");
        var failures = (await t.Store.FailuresAsync(0)).ToDictionary(f => f.Origin, f => f.Reason, StringComparer.Ordinal);
        var stored = await t.Store.QueryAsync(new EventFilter { Mentions = true, Limit = 0 });
        var urls = stored.Select(r => r.Url).Distinct().ToList();

        // Read: 6 RSS items, 2 Atom entries, the Gaza page again, the 500. New: the inline item, the redirected page and the
        // two Atom pages. Duplicate: the Gaza page. Failed: 404, robots.txt, too large, redirect loop, 500.
        Assert.Equal((10, 4, 1, 5), (summary.Read, summary.New, summary.Duplicates, summary.Failed));
        Assert.Contains("HTTP 404", failures[$"{_base}/gone.html"], StringComparison.Ordinal);
        Assert.Contains("robots.txt", failures[$"{_base}/blocked/secret.html"], StringComparison.Ordinal);
        Assert.Contains("limit", failures[$"{_base}/huge.html"], StringComparison.Ordinal);
        Assert.Contains("redirects", failures[$"{_base}/loop/1"], StringComparison.Ordinal);
        Assert.Contains("HTTP 500", failures[$"{_base}/server-error"], StringComparison.Ordinal);

        // The inline item is stored from the feed, under its link, with the feed's date, and its link is never fetched.
        Assert.Contains($"{_base}/never-fetched/lcs.html", urls);
        Assert.DoesNotContain(_requests, r => r.Path.StartsWith("/never-fetched", StringComparison.Ordinal));
        var lcs = stored.First(r => r.Url == $"{_base}/never-fetched/lcs.html");
        Assert.Equal("2023-08-07", lcs.Published);
        // The redirected page is stored under the URL its page names (canonical) or the final URL.
        Assert.Contains(stored, r => r.Title?.Contains("evakuasi", StringComparison.OrdinalIgnoreCase) == true || r.DocId == $"{_base}/moved");
        // /private/ is disallowed for * but Kabar has a group of its own, which allows it.
        Assert.Contains($"{_base}/private/grain.html", urls);
        Assert.Contains(_requests, r => r.Path == "/private/grain.html");
        Assert.DoesNotContain(_requests, r => r.Path.StartsWith("/blocked/", StringComparison.Ordinal));

        Assert.Equal(1, _requests.Count(r => r.Path == "/robots.txt"));
        Assert.All(_requests, r => Assert.Equal(IngestOptions.DefaultUserAgent, r.UserAgent));
        Assert.Equal(6, _requests.Count(r => r.Path.StartsWith("/loop/", StringComparison.Ordinal)));
        Assert.Equal(0, (await t.Store.StatsAsync()).InconsistentClusters);
    }

    [Fact]
    public async Task A_server_whose_robots_txt_fails_is_not_crawled()
    {
        await using var t = await TestStore.CreateAsync("sqlite");
        var unreachable = new UriBuilder(_base) { Port = FreePort() }.Uri.ToString().TrimEnd('/');

        var summary = await t.IngestAsync(new IngestOptions { ConnectTimeout = TimeSpan.FromSeconds(2) }, $"{unreachable}/feed.xml");

        Assert.Equal((1, 1), (summary.Read, summary.Failed));
        Assert.Contains("robots.txt", Assert.Single(await t.Store.FailuresAsync()).Reason, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
