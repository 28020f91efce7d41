using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Kabar.Model;

namespace Kabar.Input;

/// <summary>Options for reading input.</summary>
/// <param name="MaxBytes">Largest input accepted, in bytes (a larger file is refused with a clear error).</param>
public sealed record ReaderOptions(long MaxBytes = ReaderOptions.DefaultMaxBytes)
{
    /// <summary>20 MB: ten times the longest news article, well below what would exhaust memory.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
}

/// <summary>One record of a JSON Lines batch, or the error that made it unreadable.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Id">Record id (or <c>line-N</c>).</param>
/// <param name="Document">The document, or null when the record is bad.</param>
/// <param name="Error">Why the record is bad, or null.</param>
public sealed record BatchRecord(int Line, string Id, SourceDocument? Document, string? Error);

/// <summary>Reads plain text, HTML (also <c>.html.gz</c>) and JSON Lines batches into <see cref="SourceDocument"/>s.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class DocumentReader(ReaderOptions options)
{
    private readonly HtmlExtractor _html = new();

    /// <summary>Reads one article file (text or HTML).</summary>
    /// <exception cref="InputException">Missing, empty, too large, binary or unreadable.</exception>
    public SourceDocument ReadFile(string path, string? id = null)
    {
        if (!File.Exists(path))
        {
            throw new InputException(Directory.Exists(path) ? "is a directory, not a file" : "no such file");
        }
        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            throw new InputException("the file is empty");
        }
        var bytes = ReadBytes(path, info.Length);
        var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var name = gzip ? path[..^3] : path;
        return FromBytes(bytes, id ?? Path.GetFileName(name), IsHtmlName(name));
    }

    /// <summary>Reads an article from bytes; <paramref name="html"/> null means "sniff the content".</summary>
    public SourceDocument FromBytes(byte[] bytes, string id, bool? html = null, string? url = null)
    {
        if (bytes.Length > options.MaxBytes)
        {
            throw new InputException($"{FormatSize(bytes.Length)} is over the {FormatSize(options.MaxBytes)} limit (--max-bytes)");
        }
        var (text, _) = TextDecoder.Decode(bytes);
        return FromText(text, id, html, url);
    }

    /// <summary>Reads an article from decoded text.</summary>
    public SourceDocument FromText(string text, string id, bool? html = null, string? url = null)
    {
        if (text.Length > options.MaxBytes)
        {
            throw new InputException($"{FormatSize(text.Length)} of text is over the {FormatSize(options.MaxBytes)} limit (--max-bytes)");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException("there is no text");
        }
        if (html ?? LooksLikeHtml(text))
        {
            var article = _html.Extract(text, url);
            return new SourceDocument(id, article.Text)
            {
                Published = article.Published,
                PublishedSource = article.Published is null ? null : "html-meta",
                DeclaredLanguage = article.Language,
                Metadata = article.Metadata with { Url = article.Metadata.Url ?? url },
                Removed = article.Removed,
            };
        }
        return new SourceDocument(id, text) { Metadata = DocumentMetadata.Empty with { Url = url } };
    }

    /// <summary>Reads a JSON Lines batch: records <c>{"id","text"|"html","published"?,"language"?,"url"?,"title"?}</c>.
    /// A bad record yields an error record; the batch goes on.</summary>
    public IEnumerable<BatchRecord> ReadBatch(TextReader reader)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            yield return ReadRecord(line, lineNumber);
        }
    }

    /// <summary>Parses one JSON Lines record.</summary>
    public BatchRecord ReadRecord(string line, int lineNumber)
    {
        var fallbackId = $"line-{lineNumber}";
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return new BatchRecord(lineNumber, fallbackId, null, $"not valid JSON: {ex.Message}");
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new BatchRecord(lineNumber, fallbackId, null, "a record must be a JSON object");
            }
            var root = json.RootElement;
            var id = String(root, "id") ?? (root.TryGetProperty("id", out var idNumber) && idNumber.ValueKind == JsonValueKind.Number ? idNumber.GetRawText() : fallbackId);
            try
            {
                var text = String(root, "text");
                var html = String(root, "html");
                if (text is null && html is null)
                {
                    return new BatchRecord(lineNumber, id, null, "the record has neither \"text\" nor \"html\"");
                }
                var document = FromText(html ?? text!, id, html is not null, String(root, "url"));
                var field = String(root, "published") is not null ? "published" : "date";
                var published = String(root, field);
                if (published is not null && ParseDate(published) is { } date)
                {
                    document = document with { Published = date, PublishedSource = "caller" };
                }
                else if (published is not null)
                {
                    // A bad date loses the anchor, not the article: relative dates stay unresolved and the output says why.
                    document = document with { Warnings = [$"\"{field}\" is not a date ({published}); the article is read without one"] };
                }
                if (String(root, "language") is { Length: > 0 } language)
                {
                    document = document with { Language = language.ToLowerInvariant() };
                }
                if (String(root, "title") is { } title)
                {
                    document = document with { Metadata = document.Metadata with { Title = title } };
                }
                return new BatchRecord(lineNumber, id, document, null);
            }
            catch (InputException ex)
            {
                return new BatchRecord(lineNumber, id, null, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A reader bug on one record is that record's error; the batch goes on.
                return new BatchRecord(lineNumber, id, null, $"internal error: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>Parses <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c> or an ISO timestamp.</summary>
    public static DateOnly? ParseDate(string value)
    {
        value = value.Trim();
        foreach (var format in (string[])["yyyy-MM-dd", "yyyyMMdd"])
        {
            if (DateOnly.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
            ? DateOnly.FromDateTime(timestamp.DateTime)
            : null;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private byte[] ReadBytes(string path, long length)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            try
            {
                while ((read = input.Read(buffer)) > 0)
                {
                    output.Write(buffer, 0, read);
                    if (output.Length > options.MaxBytes)
                    {
                        throw new InputException($"decompresses to more than the {FormatSize(options.MaxBytes)} limit (--max-bytes)");
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new InputException($"not a valid gzip file: {ex.Message}");
            }
            return output.ToArray();
        }
        if (length > options.MaxBytes)
        {
            throw new InputException($"{FormatSize(length)} is over the {FormatSize(options.MaxBytes)} limit (--max-bytes)");
        }
        return File.ReadAllBytes(path);
    }

    /// <summary>True for file names of HTML pages.</summary>
    public static bool IsHtmlName(string path) =>
        path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".xhtml", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when text starts like an HTML page.</summary>
    public static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 1024)).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<", StringComparison.Ordinal) && (text.Contains("<body", StringComparison.OrdinalIgnoreCase) || text.Contains("<p>", StringComparison.OrdinalIgnoreCase)));
    }

    private static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";
}
