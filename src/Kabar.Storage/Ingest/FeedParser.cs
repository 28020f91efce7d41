using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Kabar.Input;

namespace Kabar.Storage.Ingest;

/// <summary>One item of a feed.</summary>
/// <param name="Id">guid / atom:id, else the link.</param>
/// <param name="Title">Title.</param>
/// <param name="Link">The article's URL.</param>
/// <param name="Published">Publication date.</param>
/// <param name="Content">Full content inline (<c>content:encoded</c>, <c>atom:content</c>), as HTML.</param>
/// <param name="Summary">The description or summary, as HTML (usually a teaser).</param>
/// <param name="Language">Language declared by the feed or entry.</param>
public sealed record FeedItem(string? Id, string? Title, string? Link, DateOnly? Published, string? Content, string? Summary, string? Language);

/// <summary>Reads RSS 2.0 (and RSS 1.0/RDF) and Atom feeds. DTDs are ignored and no external entity is resolved.</summary>
public static partial class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";

    /// <summary>True when the text starts like a feed (after an XML declaration, comments or a BOM).</summary>
    public static bool LooksLikeFeed(string text)
    {
        var head = text.Length > 2048 ? text[..2048] : text;
        return FeedStart().IsMatch(head);
    }

    /// <summary>Parses a feed.</summary>
    /// <exception cref="InputException">Not well-formed XML, or not RSS or Atom.</exception>
    public static IReadOnlyList<FeedItem> Parse(string xml, Uri? baseUri = null)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024 };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new InputException($"not a well-formed feed: {ex.Message}");
        }
        var root = document.Root!;
        if (root.Name.LocalName == "rss")
        {
            var channel = root.Element("channel");
            var language = Short(channel?.Element("language")?.Value);
            return [.. (channel?.Elements("item") ?? []).Select(item => Rss(item, language, baseUri, XNamespace.None))];
        }
        if (root.Name == Atom + "feed")
        {
            var language = Short(root.Attribute(XNamespace.Xml + "lang")?.Value);
            return [.. root.Elements(Atom + "entry").Select(entry => AtomEntry(entry, language, baseUri))];
        }
        if (root.Name.LocalName == "RDF")
        {
            var language = Short(root.Element(Rss1 + "channel")?.Element(Dc + "language")?.Value);
            return [.. root.Elements(Rss1 + "item").Select(item => Rss(item, language, baseUri, Rss1))];
        }
        throw new InputException($"not an RSS or Atom feed (root element <{root.Name.LocalName}>)");
    }

    private static FeedItem Rss(XElement item, string? language, Uri? baseUri, XNamespace ns)
    {
        var link = Absolute(item.Element(ns + "link")?.Value, baseUri);
        var guid = item.Element(ns + "guid")?.Value.Trim();
        return new FeedItem(
            Id: NullIfEmpty(guid) ?? link,
            Title: NullIfEmpty(item.Element(ns + "title")?.Value.Trim()),
            Link: link,
            Published: ParseDate(item.Element(ns + "pubDate")?.Value ?? item.Element(Dc + "date")?.Value),
            Content: NullIfEmpty(item.Element(ContentNs + "encoded")?.Value),
            Summary: NullIfEmpty(item.Element(ns + "description")?.Value),
            Language: language);
    }

    private static FeedItem AtomEntry(XElement entry, string? language, Uri? baseUri)
    {
        var links = entry.Elements(Atom + "link").ToList();
        var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        var link = Absolute(alternate?.Attribute("href")?.Value, baseUri);
        return new FeedItem(
            Id: NullIfEmpty(entry.Element(Atom + "id")?.Value.Trim()) ?? link,
            Title: NullIfEmpty(entry.Element(Atom + "title")?.Value.Trim()),
            Link: link,
            Published: ParseDate(entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value),
            Content: AtomText(entry.Element(Atom + "content")),
            Summary: AtomText(entry.Element(Atom + "summary")),
            Language: Short(entry.Attribute(XNamespace.Xml + "lang")?.Value) ?? language);
    }

    /// <summary>Atom text constructs: <c>html</c> is escaped HTML, <c>xhtml</c> a div of markup, <c>text</c> plain text.</summary>
    private static string? AtomText(XElement? element)
    {
        if (element is null || element.Attribute("src") is not null)
        {
            return null;
        }
        var type = (string?)element.Attribute("type") ?? "text";
        var text = type == "xhtml"
            ? string.Concat(element.Elements().FirstOrDefault()?.Nodes().Select(n => n.ToString()) ?? [])
            : type == "text" ? string.Join("", element.Value.Split("\n\n").Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p.Trim())}</p>")) : element.Value;
        return NullIfEmpty(text);
    }

    /// <summary>RFC 822 dates (<c>Mon, 04 Mar 2024 10:00:00 GMT</c>, <c>+0700</c>) and ISO 8601; the date where it was published.</summary>
    public static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        text = ZoneName().Replace(text, "+00:00");
        text = NumericZone().Replace(text, "$1$2:$3");
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return DateOnly.FromDateTime(parsed.DateTime);
        }
        return DocumentReader.ParseDate(value);
    }

    private static string? Absolute(string? link, Uri? baseUri)
    {
        link = NullIfEmpty(link?.Trim());
        if (link is null)
        {
            return null;
        }
        // On Unix "/2" parses as an absolute file URI; a feed's "/2" is relative to the feed.
        if (!link.StartsWith('/') && Uri.TryCreate(link, UriKind.Absolute, out var absolute))
        {
            return absolute.ToString();
        }
        return baseUri is not null && Uri.TryCreate(baseUri, link, out var resolved) ? resolved.ToString() : link;
    }

    private static string? Short(string? language) =>
        NullIfEmpty(language?.Trim()) is { } code ? code.Split('-', '_')[0].ToLowerInvariant() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"^\s*(?:\uFEFF)?(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<\?xml-stylesheet[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
        RegexOptions.CultureInvariant | RegexOptions.Singleline, 200)]
    private static partial Regex FeedStart();

    [GeneratedRegex(@"\s(?:GMT|UTC|UT|Z)$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"(\s)([+-]\d{2})(\d{2})$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NumericZone();
}
