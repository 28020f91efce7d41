using System.Collections.Immutable;
using Kabar.Model;

namespace Kabar.Input;

/// <summary>A document as read from its source, before the pipeline: raw text plus what the source said about it.</summary>
/// <param name="Id">Identifier (record id, file name).</param>
/// <param name="Text">Raw article text (for HTML, the extracted main text).</param>
public sealed record SourceDocument(string Id, string Text)
{
    /// <summary>Publication date given by the caller or found in the source.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Where the date came from (<c>caller</c>, <c>html-meta</c>…).</summary>
    public string? PublishedSource { get; init; }

    /// <summary>Language given by the caller (skips identification), or null.</summary>
    public string? Language { get; init; }

    /// <summary>Language declared by the source (<c>&lt;html lang&gt;</c>), checked against the text.</summary>
    public string? DeclaredLanguage { get; init; }

    /// <summary>Title, URL, site, author…</summary>
    public DocumentMetadata Metadata { get; init; } = DocumentMetadata.Empty;

    /// <summary>Furniture already removed while extracting the main text from HTML.</summary>
    public ImmutableArray<RemovedSpan> Removed { get; init; } = [];

    /// <summary>What was wrong with the input but did not stop it (a record's date that is not a date), one line each.</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];
}

/// <summary>Input that Kabar cannot process; the message says why in one line.</summary>
public sealed class InputException(string message) : Exception(message);
