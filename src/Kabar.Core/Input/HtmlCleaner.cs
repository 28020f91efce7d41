using System.Collections.Immutable;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Input;

/// <summary>
/// Removes page furniture from a parsed page before the article body is chosen: navigation, share bars, related-article
/// and "Baca juga" boxes, newsletter and comment boxes, ads, consent banners, tags, captions, credits and bylines.
/// Elements are recognised by tag (<c>nav</c>, <c>aside</c>, <c>figcaption</c>), by the words of their class or id
/// (<c>lang/&lt;code&gt;/html_furniture.tsv</c>: <c>share</c>, <c>related</c>, <c>baca-juga</c>) and by being a list of
/// links only. An element that holds the article is never removed, whatever its class
/// (<c>l-sidebar-fixed l-article-body-segment</c>, a <c>&lt;form&gt;</c> around a whole ASP.NET page).
/// </summary>
/// <remarks>One pass to measure text and one to remove, both iterative: linear in the page's size at any nesting depth.
/// Thread-safe.</remarks>
public sealed class HtmlCleaner
{
    /// <summary>Elements that never hold article text.</summary>
    private static readonly Dictionary<string, string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        ["script"] = "script", ["style"] = "script", ["noscript"] = "script", ["template"] = "script", ["iframe"] = "media",
        ["button"] = "share", ["select"] = "navigation", ["object"] = "media", ["embed"] = "media", ["canvas"] = "media",
        ["svg"] = "media", ["dialog"] = "consent",
    };

    /// <summary>Elements that are furniture unless they hold the article.</summary>
    private static readonly Dictionary<string, string> Tags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nav"] = "navigation", ["aside"] = "related", ["footer"] = "footer", ["figcaption"] = "image_credit", ["form"] = "newsletter",
    };

    /// <summary>Share of the page's non-link text above which an element is taken to hold the article.</summary>
    private const double ArticleShare = 0.4;

    private readonly (string Marker, string Reason)[] _markers;

    /// <summary>A cleaner with the given class and id markers.</summary>
    public HtmlCleaner(IEnumerable<(string Marker, string Reason)> markers) => _markers = [.. markers];

    /// <summary>The cleaner with the markers of every embedded language folder.</summary>
    public static HtmlCleaner Default { get; } = FromData(DataSource.Embedded);

    /// <summary>Reads <c>html_furniture.tsv</c> of every language folder: furniture class names do not follow the page's
    /// language (Indonesian sites use <c>share</c> and <c>baca-juga</c> side by side).</summary>
    public static HtmlCleaner FromData(DataSource data)
    {
        var markers = new List<(string, string)>();
        foreach (var code in data.Languages())
        {
            var path = $"{code}/html_furniture.tsv";
            if (data.Read(path) is { } text)
            {
                markers.AddRange(DataFile.ReadTable(path, text, "marker", "reason").Select(r => (r["marker"].ToLowerInvariant(), r["reason"])));
            }
        }
        return new HtmlCleaner(markers.Distinct());
    }

    /// <summary>Removes furniture in place and records each removal.</summary>
    public void RemoveFurniture(IHtmlDocument document, ImmutableArray<RemovedSpan>.Builder removed)
    {
        if (document.Body is not { } body)
        {
            return;
        }
        var sizes = Measure(body);
        var page = sizes.GetValueOrDefault(body);
        var pageText = Math.Max(1, page.Text - page.Link);
        var doomed = new List<(IElement Element, string Reason)>();
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            var reason = element == body ? null : Reason(element, sizes.GetValueOrDefault(element), pageText);
            if (reason is not null)
            {
                doomed.Add((element, reason));
                continue;
            }
            // By index: AngleSharp finds a node's sibling by searching its parent's children, quadratic on a wide page.
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }
        foreach (var (element, reason) in doomed)
        {
            if (reason != "script" && Normalise(element.TextContent) is { Length: > 0 } text)
            {
                removed.Add(new RemovedSpan(text.Length > 300 ? text[..300] + "…" : text, reason, 0, "html:" + element.LocalName));
            }
            element.Remove();
        }
    }

    private string? Reason(IElement element, Size size, int pageText)
    {
        if (Dropped.TryGetValue(element.LocalName, out var dropped))
        {
            return dropped;
        }
        var reason = Tags.GetValueOrDefault(element.LocalName) ?? MarkerReason(element) ?? LinkList(element, size) ?? Figure(element, size);
        return reason is null || HoldsArticle(size, pageText) ? null : reason;
    }

    /// <summary>The article itself, or a wrapper around it: it has the element marked as the article body, or much of the
    /// page's text that is not links (a menu-laden wrapper has many links, but also the article's prose).</summary>
    private static bool HoldsArticle(Size size, int pageText)
    {
        var own = size.Text - size.Link;
        return size.ArticleBody || (own >= 200 && own >= pageText * ArticleShare);
    }

    /// <summary>A list whose text is all links: related articles, tags, menus.</summary>
    private static string? LinkList(IElement element, Size size) =>
        element.LocalName is "ul" or "ol" && size.Text > 0 && size.Link >= size.Text * 0.9 ? "related" : null;

    /// <summary>After the article body is chosen: removes its paragraphs and headings that are one link (a related headline
    /// set between the paragraphs, "China furious at Macron [INSIGHT]"). Done after, not before, choosing the body: taken
    /// out of a sidebar of teasers, the links would leave prose that looks like an article.</summary>
    public static void RemoveLinkParagraphs(IElement body, ImmutableArray<RemovedSpan>.Builder removed)
    {
        var sizes = Measure(body);
        var doomed = sizes.Where(s => s.Key.LocalName is "p" or "li" or "h2" or "h3" or "h4" or "h5" or "h6"
            && s.Value.Text is > 0 and < 200 && s.Value.Link >= s.Value.Text * 0.9).Select(s => s.Key).ToList();
        foreach (var element in doomed)
        {
            if (element.Parent is null)
            {
                continue;
            }
            removed.Add(new RemovedSpan(Normalise(element.TextContent), "related", 0, "html:link-" + element.LocalName));
            element.Remove();
        }
    }

    /// <summary>A picture with a line of text beside it and no paragraph: a caption and credit without a <c>figcaption</c>
    /// (<c>&lt;div&gt;&lt;img&gt;&lt;span&gt;Ilustrasi gelombang. Foto: Dok.&lt;/span&gt;&lt;/div&gt;</c>).</summary>
    private static string? Figure(IElement element, Size size)
    {
        if (element.LocalName is not ("div" or "figure") || size.Text is 0 or > 250)
        {
            return null;
        }
        var picture = false;
        var children = element.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement child)
            {
                continue;
            }
            if (child.LocalName is "p")
            {
                return null;
            }
            picture |= child.LocalName is "img" or "picture" || (child.LocalName == "a" && child.FirstElementChild?.LocalName is "img" or "picture");
        }
        return picture ? "image_credit" : null;
    }

    private string? MarkerReason(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        if (string.IsNullOrWhiteSpace(className) && string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        // Word boundaries as '-' so "-ad-" finds "top-ad" and "ad-top" but not "head"; '_' counts as '-'.
        var words = ("-" + (className ?? "") + "-" + (id ?? "") + "-").ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        foreach (var (marker, reason) in _markers)
        {
            if (words.Contains(marker, StringComparison.Ordinal))
            {
                return reason;
            }
        }
        return null;
    }

    /// <summary>Text length (non-space characters), link text length and whether the article-body element is inside, for
    /// every element of the body, measured bottom-up without recursion.</summary>
    private static Dictionary<IElement, Size> Measure(IElement root)
    {
        var sizes = new Dictionary<IElement, Size>();
        var stack = new Stack<(INode Node, bool Exit, bool InLink)>();
        stack.Push((root, false, false));
        while (stack.Count > 0)
        {
            var (node, exit, inLink) = stack.Pop();
            if (node is IText text)
            {
                var length = 0;
                foreach (var c in text.Data)
                {
                    length += char.IsWhiteSpace(c) ? 0 : 1;
                }
                if (length > 0 && text.ParentElement is { } parent)
                {
                    var s = sizes.GetValueOrDefault(parent);
                    sizes[parent] = s with { Text = s.Text + length, Link = s.Link + (inLink ? length : 0) };
                }
                continue;
            }
            if (node is not IElement element || Dropped.ContainsKey(element.LocalName))
            {
                continue;
            }
            if (!exit)
            {
                var link = inLink || element.LocalName == "a";
                stack.Push((element, true, inLink));
                var children = element.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false, link));
                }
                continue;
            }
            var size = sizes.GetValueOrDefault(element);
            if (element.GetAttribute("itemprop") is { } itemprop && itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase))
            {
                size = size with { ArticleBody = true };
                sizes[element] = size;
            }
            if (element != root && element.ParentElement is { } up)
            {
                var p = sizes.GetValueOrDefault(up);
                sizes[up] = new Size(p.Text + size.Text, p.Link + size.Link, p.ArticleBody || size.ArticleBody);
            }
        }
        return sizes;
    }

    private static string Normalise(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    private readonly record struct Size(int Text, int Link, bool ArticleBody);
}
