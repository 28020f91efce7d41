using System.Collections.Immutable;

namespace Kabar.Model;

/// <summary>Whether an event happened, is intended, or depends on something.</summary>
public enum Modality
{
    /// <summary>Reported as having happened (or happening).</summary>
    Asserted,
    /// <summary>Announced, planned, promised or threatened (<c>akan</c>, <c>will</c>, <c>plans to</c>).</summary>
    Intended,
    /// <summary>Depends on a condition (<c>jika</c>, <c>if</c>, <c>unless</c>).</summary>
    Conditional,
    /// <summary>Possible or counterfactual (<c>mungkin</c>, <c>may</c>, <c>could</c>).</summary>
    Hypothetical,
}

/// <summary>One side of an event: the words and the actor they were coded as.</summary>
/// <param name="Text">Mention text (for a pronoun, the pronoun as written).</param>
/// <param name="Start">First character of the mention.</param>
/// <param name="End">One past the last character.</param>
/// <param name="Actor">Coded actor.</param>
public sealed record Participant(string Text, int Start, int End, Actor Actor);

/// <summary>The CAMEO code of an event with what the tables say about it.</summary>
/// <param name="Code">CAMEO code (<c>190</c>, <c>0356</c>).</param>
/// <param name="Name">Short description.</param>
/// <param name="QuadClass">1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.</param>
/// <param name="Goldstein">Goldstein scale value, -10..10.</param>
/// <param name="Plover">PLOVER 2.0 event type, or null.</param>
/// <param name="PloverMode">PLOVER mode, or null.</param>
/// <param name="AcledEventType">ACLED event type, where one applies.</param>
/// <param name="AcledSubEventType">ACLED sub-event type, where one applies.</param>
public sealed record CameoCode(
    string Code,
    string Name,
    int QuadClass,
    double Goldstein,
    string? Plover,
    string? PloverMode,
    string? AcledEventType,
    string? AcledSubEventType)
{
    /// <summary>The two-digit root (<c>19</c>).</summary>
    public string Root => Code[..2];
}

/// <summary>A coded event: who did what to whom, where and when, with the words that say so.</summary>
public sealed record Event
{
    /// <summary>Identifier within the document (<c>e1</c>, <c>e2</c>…).</summary>
    public required string Id { get; init; }

    /// <summary>Sentence index.</summary>
    public required int Sentence { get; init; }

    /// <summary>Start of the evidence span (source, trigger and target words).</summary>
    public required int EvidenceStart { get; init; }

    /// <summary>End of the evidence span.</summary>
    public required int EvidenceEnd { get; init; }

    /// <summary>Start of the trigger (the matched pattern words).</summary>
    public required int TriggerStart { get; init; }

    /// <summary>End of the trigger.</summary>
    public required int TriggerEnd { get; init; }

    /// <summary>Who acts.</summary>
    public required Participant Source { get; init; }

    /// <summary>Who is acted upon; null for events without a target.</summary>
    public Participant? Target { get; init; }

    /// <summary>Event type.</summary>
    public required CameoCode Cameo { get; init; }

    /// <summary>Normalised date (TIMEX3-like), or null.</summary>
    public string? Date { get; init; }

    /// <summary>The date expression as written, or null when the date came from the publication date.</summary>
    public string? DateText { get; init; }

    /// <summary>Where the date came from: <c>clause</c>, <c>sentence</c>, <c>dateline</c>, <c>published</c>, or <c>none</c>.</summary>
    public string DateSource { get; init; } = "none";

    /// <summary>Where it happened, or null.</summary>
    public Place? Place { get; init; }

    /// <summary>The place as written.</summary>
    public string? PlaceText { get; init; }

    /// <summary>Where the place came from: <c>phrase</c>, <c>sentence</c>, <c>document</c>, or <c>none</c>.</summary>
    public string PlaceSource { get; init; } = "none";

    /// <summary>Counts that belong to the event (killed, evacuated…).</summary>
    public ImmutableArray<Entity> Quantities { get; init; } = [];

    /// <summary>Asserted, intended, conditional or hypothetical.</summary>
    public Modality Modality { get; init; }

    /// <summary>True when the text says it did not happen.</summary>
    public bool Negated { get; init; }

    /// <summary>Who the report attributes the event to (<c>Kementerian Luar Negeri Rusia</c>), or null.</summary>
    public string? AttributedTo { get; init; }

    /// <summary>The pattern that fired: file, line and pattern text.</summary>
    public required string Rule { get; init; }

    /// <summary>Other places in the document that report the same event (merged into this one).</summary>
    public ImmutableArray<int> AlsoInSentences { get; init; } = [];
}
