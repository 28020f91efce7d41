using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Events;

/// <summary>
/// Merges reports of the same event within a document (the seed article reports one evacuation twice): same source and
/// target actors, same CAMEO root, compatible dates. The first report stays, with the others' sentences listed.
/// </summary>
public sealed class EventMerger : IStage
{
    /// <inheritdoc />
    public string Name => "merge";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["events"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["events"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        var kept = new List<Event>();
        foreach (var e in document.Events)
        {
            var index = IndexOfSame(kept, e);
            if (index < 0)
            {
                kept.Add(e);
                continue;
            }
            var first = kept[index];
            if (first.Sentence != e.Sentence && !first.AlsoInSentences.Contains(e.Sentence))
            {
                kept[index] = first with
                {
                    AlsoInSentences = first.AlsoInSentences.Add(e.Sentence),
                    Quantities = first.Quantities.IsEmpty ? e.Quantities : first.Quantities,
                    Place = first.Place ?? e.Place,
                    PlaceText = first.PlaceText ?? e.PlaceText,
                    PlaceSource = first.Place is null ? e.PlaceSource : first.PlaceSource,
                };
            }
        }
        var renumbered = new Event[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            // Most documents merge nothing, and then every event already has its number: only a renumbered one is copied.
            renumbered[i] = HasNumber(kept[i].Id, i + 1) ? kept[i] : kept[i] with { Id = $"e{i + 1}" };
        }
        return document with { Events = [.. renumbered] };
    }

    /// <summary>The first kept event that reports the same as <paramref name="e"/>, or −1 (a loop: FindIndex took a closure per event).</summary>
    private static int IndexOfSame(List<Event> kept, Event e)
    {
        for (var i = 0; i < kept.Count; i++)
        {
            if (SameEvent(kept[i], e))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether an id is <c>e</c> and the number, as the renumbering would write it.</summary>
    private static bool HasNumber(string id, int number)
    {
        Span<char> digits = stackalloc char[11];
        return number.TryFormat(digits, out var length, default, System.Globalization.CultureInfo.InvariantCulture)
            && id.Length == length + 1 && id[0] == 'e' && id.AsSpan(1).SequenceEqual(digits[..length]);
    }

    private static bool SameEvent(Event a, Event b) =>
        a.Source.Actor.Code == b.Source.Actor.Code
        && a.Target?.Actor.Code == b.Target?.Actor.Code
        && CameoRoot.Of(a.Cameo) == CameoRoot.Of(b.Cameo)
        && a.Negated == b.Negated
        && a.Modality == b.Modality
        && (a.Date is null || b.Date is null || a.DateSource is "published" or "dateline" || b.DateSource is "published" or "dateline"
            || a.Date == b.Date);
}
