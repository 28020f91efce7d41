using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Kabar.Input;

namespace Kabar.Storage.Ingest;

/// <summary>What an HTTP fetch returned.</summary>
/// <param name="Uri">The final URI, after redirects.</param>
/// <param name="ContentType">The media type, lower-case, or null.</param>
/// <param name="Body">The body, decompressed.</param>
public sealed record FetchResult(Uri Uri, string? ContentType, byte[] Body);

/// <summary>
/// Fetches pages and feeds politely: a clear User-Agent, connect and total time limits, a size limit, at most
/// <see cref="IngestOptions.MaxRedirects"/> redirects (each hop checked against robots.txt), and robots.txt honoured for
/// Kabar's product token or <c>*</c>. Failures are <see cref="InputException"/>s with a one-line reason.
/// </summary>
/// <remarks>Thread-safe; robots.txt is read once per host.</remarks>
public sealed class WebFetcher : IDisposable
{
    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string ProductToken = "Kabar";

    private readonly HttpClient _client;
    private readonly IngestOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsTxt>>> _robots = new(StringComparer.Ordinal);

    /// <summary>Creates a fetcher.</summary>
    public WebFetcher(IngestOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // Redirects are followed here, hop by hop, so each hop is checked against robots.txt and counted.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5");
    }

    /// <summary>Fetches a URL, following redirects.</summary>
    /// <exception cref="InputException">Not http(s), disallowed by robots.txt, an HTTP error, too large, too many redirects, timed out, unreachable.</exception>
    public async Task<FetchResult> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new InputException($"{uri}: only http and https URLs are fetched");
            }
            var robots = await RobotsAsync(uri, cancellationToken);
            if (!robots.Allows(uri.PathAndQuery))
            {
                throw new InputException($"robots.txt of {uri.Authority} disallows {uri.PathAndQuery} for {ProductToken}");
            }
            var (status, location, result) = await GetAsync(uri, _options.MaxBytes, cancellationToken);
            if (location is not null)
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw new InputException($"more than {_options.MaxRedirects} redirects from {uri}");
                }
                uri = location;
                continue;
            }
            if (result is null)
            {
                throw new InputException($"HTTP {(int)status} {ReasonOf(status)} for {uri}");
            }
            return result;
        }
    }

    private async Task<(HttpStatusCode Status, Uri? Redirect, FetchResult? Result)> GetAsync(Uri uri, long maxBytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                return (response.StatusCode, location.IsAbsoluteUri ? location : new Uri(uri, location), null);
            }
            if (!response.IsSuccessStatusCode)
            {
                return (response.StatusCode, null, null);
            }
            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                throw new InputException($"{uri}: the response of {Size(length)} is over the {Size(maxBytes)} limit");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                body.Write(buffer, 0, read);
                if (body.Length > maxBytes)
                {
                    throw new InputException($"{uri}: the response is over the {Size(maxBytes)} limit");
                }
            }
            return (response.StatusCode, null, new FetchResult(uri, response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(), body.ToArray()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InputException($"{uri}: no complete answer within {_options.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new InputException($"{uri}: {ex.Message}");
        }
    }

    private Task<RobotsTxt> RobotsAsync(Uri uri, CancellationToken cancellationToken)
    {
        var key = uri.GetLeftPart(UriPartial.Authority);
        return _robots.GetOrAdd(key, _ => new Lazy<Task<RobotsTxt>>(() => LoadRobotsAsync(new Uri(key + "/robots.txt"), cancellationToken))).Value;
    }

    /// <summary>RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be read (5xx, no answer) disallows everything.</summary>
    private async Task<RobotsTxt> LoadRobotsAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            for (var hop = 0; hop <= _options.MaxRedirects; hop++)
            {
                var (status, location, result) = await GetAsync(uri, 512 * 1024, cancellationToken);
                if (location is not null)
                {
                    uri = location;
                    continue;
                }
                if (result is not null)
                {
                    return RobotsTxt.Parse(System.Text.Encoding.UTF8.GetString(result.Body), ProductToken);
                }
                return (int)status is >= 400 and < 500 ? RobotsTxt.AllowAll : RobotsTxt.DisallowAll;
            }
            return RobotsTxt.AllowAll;
        }
        catch (InputException)
        {
            return RobotsTxt.DisallowAll;
        }
    }

    private static string ReasonOf(HttpStatusCode status) =>
        new HttpResponseMessage(status).ReasonPhrase ?? status.ToString();

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    /// <summary>True for media types of feeds.</summary>
    public static bool IsFeedType(string? mediaType) => mediaType is not null
        && (mediaType.Contains("rss", StringComparison.Ordinal) || mediaType.Contains("atom", StringComparison.Ordinal)
            || mediaType is "application/xml" or "text/xml" or "application/rdf+xml");

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
