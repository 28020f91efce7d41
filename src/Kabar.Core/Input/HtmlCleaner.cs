using System.Collections.Immutable;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kabar.Model;

namespace Kabar.Input;

/// <summary>
/// Removes page furniture from a parsed page before the article body is chosen: navigation, share bars, related-article
/// and "Baca juga" boxes, newsletter and comment boxes, ads, tags, captions and credits. Elements are recognised by tag
/// (<c>nav</c>, <c>aside</c>, <c>figcaption</c>) and by class or id words (<c>share</c>, <c>related</c>, <c>baca-juga</c>).
/// </summary>
public static class HtmlCleaner
{
    /// <summary>Class and id words that mark furniture, with the reason recorded for what is removed.</summary>
    private static readonly (string Word, string Reason)[] Markers =
    [
        ("baca-juga", "related"), ("bacajuga", "related"), ("baca_juga", "related"), ("related", "related"), ("terkait", "related"),
        ("recommend", "related"), ("rekomendasi", "related"), ("popular", "related"), ("terpopuler", "related"), ("populer", "related"),
        ("more-stories", "related"), ("read-more", "related"), ("readmore", "related"), ("also-read", "related"), ("lihat-juga", "related"),
        ("share", "share"), ("sharing", "share"), ("social", "share"), ("sosmed", "share"), ("bagikan", "share"),
        ("newsletter", "newsletter"), ("subscribe", "newsletter"), ("langganan", "newsletter"),
        ("comment", "comments"), ("komentar", "comments"), ("disqus", "comments"),
        ("advert", "ad_slot"), ("iklan", "ad_slot"), ("ads-", "ad_slot"), ("-ads", "ad_slot"), ("adslot", "ad_slot"), ("ad-slot", "ad_slot"),
        ("dfp", "ad_slot"), ("banner", "ad_slot"), ("sponsor", "ad_slot"), ("promo", "promo"),
        ("breadcrumb", "navigation"), ("navbar", "navigation"), ("menu", "navigation"), ("sidebar", "navigation"),
        ("tag-list", "tags"), ("tags", "tags"), ("topik", "tags"), ("caption", "image_credit"), ("credit", "image_credit"),
        ("byline", "byline"), ("author-box", "byline"), ("penulis", "byline"), ("editor", "byline"),
        ("footer", "footer"), ("copyright", "footer"), ("video-embed", "media"), ("gallery", "media"),
    ];

    private static readonly Dictionary<string, string> Tags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nav"] = "navigation", ["aside"] = "related", ["footer"] = "footer", ["figcaption"] = "image_credit", ["form"] = "newsletter",
        ["script"] = "script", ["style"] = "script", ["noscript"] = "script", ["iframe"] = "media", ["button"] = "share",
    };

    /// <summary>Removes furniture in place and records each removal.</summary>
    public static void RemoveFurniture(IHtmlDocument document, ImmutableArray<RemovedSpan>.Builder removed)
    {
        if (document.Body is null)
        {
            return;
        }
        var doomed = new List<(IElement Element, string Reason)>();
        foreach (var element in document.Body.QuerySelectorAll("*"))
        {
            if (Tags.TryGetValue(element.LocalName, out var tagReason))
            {
                doomed.Add((element, tagReason));
                continue;
            }
            var reason = MarkerReason(element);
            if (reason is not null && !ContainsArticleBody(element))
            {
                doomed.Add((element, reason));
            }
        }
        foreach (var (element, reason) in doomed)
        {
            if (element.Parent is null || doomed.Any(d => d.Element != element && d.Element.Contains(element)))
            {
                continue;
            }
            var text = string.Join(' ', element.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 0 && reason != "script")
            {
                removed.Add(new RemovedSpan(text.Length > 300 ? text[..300] + "…" : text, reason, 0, "html:" + element.LocalName));
            }
            element.Remove();
        }
    }

    private static string? MarkerReason(IElement element)
    {
        var words = ((element.ClassName ?? "") + " " + (element.Id ?? "")).ToLowerInvariant();
        if (words.Trim().Length == 0)
        {
            return null;
        }
        foreach (var (word, reason) in Markers)
        {
            if (words.Contains(word, StringComparison.Ordinal))
            {
                return reason;
            }
        }
        return null;
    }

    /// <summary>Never remove a container that holds the article itself (a wrapper classed "content-with-share-bar").</summary>
    private static bool ContainsArticleBody(IElement element) =>
        element.QuerySelectorAll("p").Length >= 4 || element.QuerySelector("[itemprop='articleBody'], article") is not null;
}
