using System.Collections.Immutable;

namespace Kabar.Model;

/// <summary>
/// One news report as it moves through the pipeline. Every stage returns a new <see cref="Document"/>
/// with the layer it adds (<c>doc with { Tokens = … }</c>); nothing is mutated in place.
/// </summary>
/// <remarks>
/// All offsets (<see cref="Sentence"/>, <see cref="Token"/>, <see cref="Entity"/>, <see cref="Event"/>) are UTF-16
/// character offsets into <see cref="Text"/>, the cleaned text, end exclusive. Instances are immutable and
/// safe to share between threads.
/// </remarks>
public sealed record Document
{
    /// <summary>Caller's identifier (file name, record id) or a content hash.</summary>
    public required string Id { get; init; }

    /// <summary>The cleaned article text that every offset indexes.</summary>
    public required string Text { get; init; }

    /// <summary>ISO 639-1 code of the text's language, or <c>und</c> before identification.</summary>
    public string Language { get; init; } = "und";

    /// <summary>How the language was decided and how sure the identifier was.</summary>
    public LanguageGuess? LanguageGuess { get; init; }

    /// <summary>Publication date, the anchor for relative dates; null when unknown.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Where <see cref="Published"/> came from: <c>caller</c>, <c>html-meta</c>, <c>dateline</c>, or null.</summary>
    public string? PublishedSource { get; init; }

    /// <summary>Metadata of the source (title, URL, site, author, dateline).</summary>
    public DocumentMetadata Metadata { get; init; } = DocumentMetadata.Empty;

    /// <summary>Page furniture removed from the input, with the reason for each removal.</summary>
    public ImmutableArray<RemovedSpan> Removed { get; init; } = [];

    /// <summary>Problems with the input that did not stop it, one line each (reported as <c>document.warnings</c>).</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary>Sentences in text order.</summary>
    public ImmutableArray<Sentence> Sentences { get; init; } = [];

    /// <summary>Tokens in text order; each knows its sentence.</summary>
    public ImmutableArray<Token> Tokens { get; init; } = [];

    /// <summary>Entities: named mentions, actor mentions, dates, times and quantities.</summary>
    public ImmutableArray<Entity> Entities { get; init; } = [];

    /// <summary>Coded events.</summary>
    public ImmutableArray<Event> Events { get; init; } = [];

    /// <summary>Tokens of one sentence.</summary>
    public ReadOnlySpan<Token> TokensOf(Sentence sentence) =>
        Tokens.AsSpan().Slice(sentence.FirstToken, sentence.TokenCount);

    /// <summary>The text of a span.</summary>
    public string Slice(int start, int end) => Text[start..end];
}

/// <summary>Source metadata carried with a document.</summary>
/// <param name="Title">Headline, when the input had one.</param>
/// <param name="Url">Canonical URL.</param>
/// <param name="SiteName">Publisher.</param>
/// <param name="Author">Byline.</param>
/// <param name="Dateline">The dateline text (<c>JAKARTA, KOMPAS.com -</c>) when one was found.</param>
/// <param name="Format">Input format: <c>text</c>, <c>html</c>.</param>
public sealed record DocumentMetadata(
    string? Title = null,
    string? Url = null,
    string? SiteName = null,
    string? Author = null,
    string? Dateline = null,
    string Format = "text")
{
    /// <summary>No metadata.</summary>
    public static DocumentMetadata Empty { get; } = new();
}

/// <summary>A piece of page furniture taken out of the text.</summary>
/// <param name="Text">The removed text as it appeared.</param>
/// <param name="Reason">Why: <c>ad_slot</c>, <c>image_credit</c>, <c>comments</c>, <c>source_label</c>, <c>share</c>, <c>related</c>…</param>
/// <param name="Offset">Where the text was in the cleaned text: the removal happened just before this offset.</param>
/// <param name="Rule">The cleaning rule that matched (file and pattern), for explanation.</param>
public sealed record RemovedSpan(string Text, string Reason, int Offset, string Rule);

/// <summary>The result of language identification.</summary>
/// <param name="Code">ISO 639-1 code, or <c>und</c>.</param>
/// <param name="Confidence">Share of the evidence that went to the winner, 0..1.</param>
/// <param name="Method"><c>caller</c>, <c>html</c>, <c>profile</c>.</param>
public sealed record LanguageGuess(string Code, double Confidence, string Method);

/// <summary>A sentence: a range of text and of tokens.</summary>
/// <param name="Index">Position in the document, from 0.</param>
/// <param name="Start">First character.</param>
/// <param name="End">One past the last character.</param>
/// <param name="FirstToken">Index of its first token in <see cref="Document.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens.</param>
public sealed record Sentence(int Index, int Start, int End, int FirstToken, int TokenCount);
