using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Kabar.Model;

namespace Kabar.Input;

/// <summary>What was read from a news page.</summary>
/// <param name="Text">Main text, paragraphs separated by blank lines.</param>
/// <param name="Metadata">Title, canonical URL, site, author.</param>
/// <param name="Published">Publication date from the page's metadata, if any.</param>
/// <param name="Language">Language declared by <c>&lt;html lang&gt;</c> (two-letter code), if any.</param>
/// <param name="Removed">Page furniture removed from inside the article.</param>
public sealed record HtmlArticle(string Text, DocumentMetadata Metadata, DateOnly? Published, string? Language, ImmutableArray<RemovedSpan> Removed);

/// <summary>
/// Extracts the main text and metadata of a news page. The page is parsed once with AngleSharp; Kabar removes what
/// Readability keeps by mistake (related-article boxes, "Baca juga" links, share bars, captions, ad slots, newsletter
/// boxes) and reads metadata (<c>article:published_time</c>, JSON-LD <c>datePublished</c>, <c>&lt;time&gt;</c>,
/// <c>og:site_name</c>, canonical URL, <c>&lt;html lang&gt;</c>); SmartReader (a port of Mozilla's Readability) then picks
/// the article body, which Kabar turns into paragraphs.
/// </summary>
/// <remarks>Runs on a thread with a large stack and a time limit, so a 10,000-deep page or a pathological one ends with an
/// error instead of taking the process down. Thread-safe.</remarks>
public sealed partial class HtmlExtractor
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);
    private const int StackSize = 256 * 1024 * 1024;

    /// <summary>Most elements a page may have: heavy news pages have 5,000–20,000.</summary>
    public const int MaxElements = 300_000;

    /// <summary>Extracts from decoded HTML.</summary>
    /// <exception cref="InputException">The page has no readable text or could not be processed in time.</exception>
    public HtmlArticle Extract(string html, string? url = null)
    {
        HtmlArticle? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = ExtractUnbounded(html, url);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, StackSize)
        {
            IsBackground = true,
            Name = "kabar-html",
        };
        thread.Start();
        if (!thread.Join(TimeLimit))
        {
            throw new InputException($"HTML extraction took longer than {TimeLimit.TotalSeconds:0} s");
        }
        if (failure is InputException)
        {
            throw failure;
        }
        if (failure is not null)
        {
            throw new InputException($"HTML could not be processed: {failure.GetType().Name}: {failure.Message}");
        }
        return result!;
    }

    private static HtmlArticle ExtractUnbounded(string html, string? url)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var document = parser.ParseDocument(html);
        if (CountElements(document) is var count && count > MaxElements)
        {
            // Refused before Readability's passes, which would run past the time limit on such a page and keep a core busy.
            throw new InputException($"the page has {count:N0} elements, more than any news page (limit {MaxElements:N0})");
        }
        var metadata = ReadMetadata(document, url);
        var published = ReadPublished(document);
        var language = ReadLanguage(document);
        var removed = ImmutableArray.CreateBuilder<RemovedSpan>();
        HtmlCleaner.Default.RemoveFurniture(document, removed);

        var reader = new SmartReader.Reader(metadata.Url ?? "https://localhost/", document)
        {
            ContinueIfNotReadable = true,
        };
        var article = reader.GetArticle();
        var text = "";
        if (article.Content is { Length: > 0 } content)
        {
            var fragment = parser.ParseDocument("<html><body>" + content + "</body></html>");
            HtmlCleaner.RemoveLinkParagraphs(fragment.Body!, removed);
            text = HtmlText.ToParagraphs(fragment.Body!);
        }
        text = DropDateLines(text, removed);
        if (text.Trim().Length == 0 && document.Body is not null)
        {
            text = HtmlText.ToParagraphs(document.Body);
        }
        if (text.Trim().Length == 0)
        {
            throw new InputException("the page has no readable text");
        }
        var title = metadata.Title ?? (string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim());
        return new HtmlArticle(text, metadata with
        {
            Title = title,
            Author = metadata.Author ?? (string.IsNullOrWhiteSpace(article.Author) ? null : article.Author.Trim()),
            SiteName = metadata.SiteName ?? (string.IsNullOrWhiteSpace(article.SiteName) ? null : article.SiteName.Trim()),
        }, published ?? PublicationDate.OrNull(article.PublicationDate is { } date ? DateOnly.FromDateTime(date) : null), language, removed.ToImmutable());
    }

    private static int CountElements(IHtmlDocument document)
    {
        var count = 0;
        var stack = new Stack<IElement>();
        if (document.DocumentElement is { } root)
        {
            stack.Push(root);
        }
        while (stack.Count > 0 && count <= MaxElements)
        {
            var element = stack.Pop();
            count++;
            var children = element.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }
        return count;
    }

    /// <summary>Paragraphs near the top or bottom that only print a date ("Rabu, 04 Sep 2024 14:20 WIB", "Posted: Fri 6:45 PM,
    /// Feb 16, 2018 |", "2018-08-16"): the page's own date, already read from its metadata. Recognised by shape, so it works
    /// in any language: short, with a year or a clock time, many numbers, no sentence end.</summary>
    internal static string DropDateLines(string text, ImmutableArray<RemovedSpan>.Builder removed)
    {
        var paragraphs = text.Split("\n\n");
        const int Reach = 3;
        var kept = new List<string>(paragraphs.Length);
        for (var i = 0; i < paragraphs.Length; i++)
        {
            var paragraph = paragraphs[i];
            if ((i < Reach || i >= paragraphs.Length - Reach) && IsDateLine(paragraph))
            {
                removed.Add(new RemovedSpan(paragraph, "date", 0, "html:date-line"));
                continue;
            }
            kept.Add(paragraph);
        }
        return string.Join("\n\n", kept);
    }

    private static bool IsDateLine(string paragraph)
    {
        var line = paragraph.Trim();
        if (line.Length is 0 or > 80 || line[^1] is '.' or '!' or '?' or '"' or '\u201D' || !DateShape().IsMatch(line))
        {
            return false;
        }
        var words = WordPattern().Matches(line);
        if (words.Count > 12)
        {
            return false;
        }
        var numbers = words.Count(w => char.IsDigit(w.Value[0]));
        return numbers * 10 >= words.Count * 3;
    }

    [GeneratedRegex(@"\b(19|20)\d\d\b|\b\d{1,2}[:.]\d\d\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex WordPattern();

    private static DocumentMetadata ReadMetadata(IHtmlDocument document, string? url)
    {
        string? Meta(params string[] names)
        {
            foreach (var name in names)
            {
                var element = document.QuerySelector($"meta[property='{name}'], meta[name='{name}'], meta[itemprop='{name}']");
                var content = element?.GetAttribute("content")?.Trim();
                if (!string.IsNullOrEmpty(content))
                {
                    return content;
                }
            }
            return null;
        }
        var canonical = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta("og:url") ?? url;
        var title = Meta("og:title", "twitter:title") ?? document.QuerySelector("h1")?.TextContent.Trim() ?? document.Title?.Trim();
        return new DocumentMetadata(
            Title: string.IsNullOrWhiteSpace(title) ? null : Normalise(title),
            Url: canonical,
            SiteName: Meta("og:site_name", "application-name") ?? JsonLd(document, "publisher", "name"),
            Author: Meta("author", "article:author", "dc.creator", "content_author") ?? JsonLd(document, "author", "name"),
            Format: "html");
    }

    /// <summary>Publication date from, in order: <c>article:published_time</c> and similar meta tags, JSON-LD
    /// <c>datePublished</c>, the first <c>&lt;time datetime&gt;</c>.</summary>
    public static DateOnly? ReadPublished(IHtmlDocument document)
    {
        foreach (var name in (string[])["article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "publish-date",
                     "content_PublishedDate", "dc.date", "dc.date.issued", "date", "sailthru.date", "parsely-pub-date"])
        {
            var content = document.QuerySelector($"meta[property='{name}'], meta[name='{name}'], meta[itemprop='{name}']")?.GetAttribute("content");
            if (ParseDate(content) is { } date)
            {
                return date;
            }
        }
        if (ParseDate(JsonLd(document, "datePublished", null)) is { } fromJsonLd)
        {
            return fromJsonLd;
        }
        return ParseDate(document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
    }

    private static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            // The calendar date where the article was published: keep the writer's offset, do not convert to UTC.
            // A placeholder such as 0001-01-01 counts as no date, so the next source is tried.
            return PublicationDate.OrNull(DateOnly.FromDateTime(timestamp.DateTime));
        }
        return value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? PublicationDate.OrNull(day)
            : null;
    }

    private static string? ReadLanguage(IHtmlDocument document)
    {
        var lang = document.DocumentElement?.GetAttribute("lang") ?? document.QuerySelector("meta[http-equiv='content-language']")?.GetAttribute("content");
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }
        var code = lang.Trim().Split('-', '_')[0].ToLowerInvariant();
        return code.Length == 2 ? code : code == "ind" ? "id" : code == "eng" ? "en" : null;
    }

    /// <summary>A property of the first JSON-LD object that has it (<c>datePublished</c>, or <c>author.name</c>).</summary>
    private static string? JsonLd(IHtmlDocument document, string property, string? child)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var found = Find(json.RootElement, property, child, 0);
                if (found is not null)
                {
                    return found;
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the other sources still count.
            }
        }
        return null;
    }

    private static string? Find(JsonElement element, string property, string? child, int depth)
    {
        if (depth > 6)
        {
            return null;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, property, child, depth + 1) is { } inArray)
                    {
                        return inArray;
                    }
                }
                return null;
            case JsonValueKind.Object:
                if (element.TryGetProperty(property, out var value))
                {
                    var target = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? value[0] : value;
                    if (child is null && target.ValueKind == JsonValueKind.String)
                    {
                        return target.GetString();
                    }
                    if (child is not null && target.ValueKind == JsonValueKind.Object && target.TryGetProperty(child, out var inner)
                        && inner.ValueKind == JsonValueKind.String)
                    {
                        return inner.GetString();
                    }
                    if (child is not null && target.ValueKind == JsonValueKind.String)
                    {
                        return target.GetString();
                    }
                }
                if (element.TryGetProperty("@graph", out var graph))
                {
                    return Find(graph, property, child, depth + 1);
                }
                return null;
            default:
                return null;
        }
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Turns an HTML subtree into plain text with one paragraph per block element.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "tr", "pre", "figure", "figcaption", "dd", "dt", "dl", "main", "nav", "form", "hr", "address", "center",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "select", "option", "button", "input", "textarea",
    };

    /// <summary>Paragraph text of an element: blocks and <c>&lt;br&gt;&lt;br&gt;</c> separate paragraphs, whitespace is collapsed.</summary>
    public static string ToParagraphs(IElement root)
    {
        var builder = new StringBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement element)
            {
                var name = element.LocalName;
                if (exit)
                {
                    if (Blocks.Contains(name))
                    {
                        Break(builder);
                    }
                    continue;
                }
                if (Skipped.Contains(name))
                {
                    continue;
                }
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    Break(builder);
                    continue;
                }
                if (Blocks.Contains(name))
                {
                    Break(builder);
                }
                stack.Push((element, true));
                // By index: AngleSharp finds a node's sibling by searching its parent's children, quadratic on a wide page.
                var children = element.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }
            }
            else if (node is IText text)
            {
                Append(builder, text.Data);
            }
        }
        return Paragraphs(builder.ToString());
    }

    private static void Append(StringBuilder builder, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\n')
            {
                if (builder.Length > 0 && builder[^1] is not (' ' or '\n'))
                {
                    builder.Append(' ');
                }
            }
            else if (c == '\n')
            {
                if (builder.Length > 0 && builder[^1] is not (' ' or '\n'))
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static void Break(StringBuilder builder)
    {
        while (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }
        if (builder.Length > 0 && builder[^1] != '\n')
        {
            builder.Append('\n');
        }
    }

    private static string Paragraphs(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        return string.Join("\n\n", lines);
    }
}
