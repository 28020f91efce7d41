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
            var index = kept.FindIndex(k => SameEvent(k, e));
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
        var renumbered = kept.Select((e, i) => e with { Id = $"e{i + 1}" });
        return document with { Events = [.. renumbered] };
    }

    private static bool SameEvent(Event a, Event b) =>
        a.Source.Actor.Code == b.Source.Actor.Code
        && a.Target?.Actor.Code == b.Target?.Actor.Code
        && a.Cameo.Root == b.Cameo.Root
        && a.Negated == b.Negated
        && a.Modality == b.Modality
        && (a.Date is null || b.Date is null || a.DateSource is "published" or "dateline" || b.DateSource is "published" or "dateline"
            || a.Date == b.Date);
}
