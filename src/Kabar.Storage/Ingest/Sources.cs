using System.Runtime.CompilerServices;
using Kabar.Input;

namespace Kabar.Storage.Ingest;

/// <summary>One document to read: where it comes from and how to load it (run on a worker thread).</summary>
internal sealed record WorkItem(string Origin, string? DocId, Func<CancellationToken, Task<SourceDocument>> Load)
{
    public static WorkItem Failed(string origin, string reason, string? docId = null) =>
        new(origin, docId, _ => Task.FromException<SourceDocument>(new InputException(reason)));
}

/// <summary>Turns the paths and URLs given to <c>kabar ingest</c> into documents to read.</summary>
internal sealed partial class Sources(DocumentReader reader, WebFetcher web)
{
    private static readonly string[] ArticleExtensions = [".txt", ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"];
    private static readonly string[] FeedExtensions = [".xml", ".rss", ".atom"];

    /// <summary>Documents expected from local inputs, or null when a URL is among them (its size is unknown until fetched).</summary>
    public static int? Count(IReadOnlyList<string> inputs)
    {
        var total = 0;
        foreach (var input in inputs)
        {
            if (IsUrl(input))
            {
                return null;
            }
            IEnumerable<string> files = Directory.Exists(input) ? Enumerate(input) : [input];
            foreach (var file in files)
            {
                if (Has(file, FeedExtensions))
                {
                    return null;
                }
                total += file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && System.IO.File.Exists(file)
                    ? System.IO.File.ReadLines(file).Count(l => l.Trim().Length > 0)
                    : 1;
            }
        }
        return total;
    }

    public async IAsyncEnumerable<WorkItem> ExpandAsync(IReadOnlyList<string> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            if (IsUrl(input))
            {
                await foreach (var item in UrlAsync(new Uri(input), cancellationToken))
                {
                    yield return item;
                }
            }
            else if (Directory.Exists(input))
            {
                foreach (var file in Enumerate(input))
                {
                    foreach (var item in File(file, explicitly: false, cancellationToken))
                    {
                        yield return item;
                    }
                }
            }
            else if (System.IO.File.Exists(input))
            {
                foreach (var item in File(input, explicitly: true, cancellationToken))
                {
                    yield return item;
                }
            }
            else
            {
                yield return WorkItem.Failed(input, "no such file or directory");
            }
        }
    }

    private static bool IsUrl(string input) =>
        input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Supported files under a folder, recursively, in a stable order.</summary>
    private static IEnumerable<string> Enumerate(string folder) => Directory
        .EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
        .Where(f => Has(f, ArticleExtensions) || Has(f, FeedExtensions) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal);

    private static bool Has(string path, string[] extensions) => extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private IEnumerable<WorkItem> File(string path, bool explicitly, CancellationToken cancellationToken)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return Jsonl(path, cancellationToken);
        }
        if (Has(path, FeedExtensions) || (explicitly && !Has(path, ArticleExtensions) && SniffFeed(path)))
        {
            return FeedFile(path);
        }
        return [new WorkItem(path, Path.GetFileName(path), _ => Task.FromResult(reader.ReadFile(path)))];
    }

    private static bool SniffFeed(string path)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            var head = new byte[2048];
            var read = stream.Read(head);
            return FeedParser.LooksLikeFeed(System.Text.Encoding.UTF8.GetString(head, 0, read));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private IEnumerable<WorkItem> Jsonl(string path, CancellationToken cancellationToken)
    {
        StreamReader lines;
        try
        {
            lines = new StreamReader(path, System.Text.Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [WorkItem.Failed(path, ex.Message)];
        }
        return Records(path, lines, cancellationToken);
    }

    private IEnumerable<WorkItem> Records(string path, StreamReader lines, CancellationToken cancellationToken)
    {
        using (lines)
        {
            var number = 0;
            while (lines.ReadLine() is { } line)
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                var lineNumber = number;
                // Parsing (and HTML extraction) happens on a worker, not here.
                yield return new WorkItem($"{path}:{lineNumber}", null, _ =>
                {
                    var record = reader.ReadRecord(line, lineNumber);
                    return record.Document is { } document
                        ? Task.FromResult(document)
                        : Task.FromException<SourceDocument>(new RecordException(record.Id, record.Error!));
                });
            }
        }
    }

    private IEnumerable<WorkItem> FeedFile(string path)
    {
        IReadOnlyList<FeedItem> items;
        try
        {
            var source = reader.FromBytes(System.IO.File.ReadAllBytes(path), path, html: false);
            items = FeedParser.Parse(source.Text);
        }
        catch (Exception ex) when (ex is InputException or IOException or UnauthorizedAccessException)
        {
            return [WorkItem.Failed(path, ex.Message)];
        }
        return items.Select((item, i) => FromFeed(path, i, item));
    }

    private async IAsyncEnumerable<WorkItem> UrlAsync(Uri uri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FetchResult? fetched = null;
        string? failure = null;
        try
        {
            fetched = await web.FetchAsync(uri, cancellationToken);
        }
        catch (InputException ex)
        {
            failure = ex.Message;
        }
        if (fetched is null)
        {
            yield return WorkItem.Failed(uri.ToString(), failure!, uri.ToString());
            yield break;
        }
        var text = System.Text.Encoding.UTF8.GetString(fetched.Body, 0, Math.Min(fetched.Body.Length, 2048));
        if (WebFetcher.IsFeedType(fetched.ContentType) || FeedParser.LooksLikeFeed(text))
        {
            IReadOnlyList<FeedItem> items;
            string? error = null;
            try
            {
                items = FeedParser.Parse(reader.FromBytes(fetched.Body, uri.ToString(), html: false).Text, fetched.Uri);
            }
            catch (InputException ex)
            {
                items = [];
                error = ex.Message;
            }
            if (error is not null)
            {
                yield return WorkItem.Failed(uri.ToString(), error, uri.ToString());
            }
            for (var i = 0; i < items.Count; i++)
            {
                yield return FromFeed(uri.ToString(), i, items[i]);
            }
            yield break;
        }
        var id = uri.ToString();
        yield return new WorkItem(id, id, _ => Task.FromResult(Article(fetched, id)));
    }

    private SourceDocument Article(FetchResult fetched, string id)
    {
        var html = fetched.ContentType is null ? (bool?)null : fetched.ContentType.Contains("html", StringComparison.Ordinal);
        var document = reader.FromBytes(fetched.Body, id, html, fetched.Uri.ToString());
        return document.Metadata.Url is null ? document with { Metadata = document.Metadata with { Url = fetched.Uri.ToString() } } : document;
    }

    /// <summary>A feed item: its inline content when the feed has it, else the page its link points to, else its summary.</summary>
    private WorkItem FromFeed(string feed, int index, FeedItem item)
    {
        var id = item.Link ?? item.Id ?? $"{feed}#{index + 1}";
        var origin = item.Link ?? $"{feed}#{item.Id ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (item.Content is not null)
        {
            return new WorkItem(origin, id, _ => Task.FromResult(WithFeedMetadata(Fragment(item.Content, id, item), item)));
        }
        if (item.Link is not null && Uri.TryCreate(item.Link, UriKind.Absolute, out var link)
            && (link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps))
        {
            return new WorkItem(origin, id, async cancellationToken =>
                WithFeedMetadata(Article(await web.FetchAsync(link, cancellationToken), id), item));
        }
        if (item.Summary is not null)
        {
            return new WorkItem(origin, id, _ => Task.FromResult(WithFeedMetadata(Fragment(item.Summary, id, item), item)));
        }
        return WorkItem.Failed(origin, "the feed item has no content, no http(s) link and no summary", id);
    }

    /// <summary>Inline HTML from a feed, read as a page of its own.</summary>
    private SourceDocument Fragment(string html, string id, FeedItem item)
    {
        var title = System.Net.WebUtility.HtmlEncode(item.Title ?? "");
        var page = $"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{html}</article></body></html>";
        try
        {
            return reader.FromText(page, id, html: true, item.Link);
        }
        catch (InputException)
        {
            // Readability wants a page; a short item is plain text once its tags are gone.
            var text = System.Net.WebUtility.HtmlDecode(Tag().Replace(html, "\n"));
            return reader.FromText((item.Title is null ? "" : item.Title + "\n") + text, id, html: false, item.Link);
        }
    }

    private static SourceDocument WithFeedMetadata(SourceDocument document, FeedItem item)
    {
        if (document.Metadata.Title is null && item.Title is not null)
        {
            document = document with { Metadata = document.Metadata with { Title = item.Title } };
        }
        if (document.Metadata.Url is null && item.Link is not null)
        {
            document = document with { Metadata = document.Metadata with { Url = item.Link } };
        }
        if (document.Published is null && item.Published is not null)
        {
            document = document with { Published = item.Published, PublishedSource = "feed" };
        }
        if (document.DeclaredLanguage is null && item.Language is not null)
        {
            document = document with { DeclaredLanguage = item.Language };
        }
        return document;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]+>", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex Tag();
}

/// <summary>A bad JSON Lines record, with the id it had (if any).</summary>
internal sealed class RecordException(string id, string message) : Exception(message)
{
    public string Id { get; } = id;
}
