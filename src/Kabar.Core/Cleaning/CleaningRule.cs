using System.Text.RegularExpressions;

namespace Kabar.Cleaning;

/// <summary>Where a cleaning pattern applies.</summary>
public enum CleaningScope
{
    /// <summary>The whole trimmed line must match; the line is removed.</summary>
    Line,
    /// <summary>The match is cut out of the line; the rest of the line stays.</summary>
    Inline,
    /// <summary>Like <see cref="Line"/>, but only in the trailing run of such lines at the end of the text.</summary>
    Tail,
}

/// <summary>One pattern from <c>cleaning.tsv</c>.</summary>
/// <param name="Pattern">Compiled, case-insensitive, with a match timeout.</param>
/// <param name="Scope">Where it applies.</param>
/// <param name="Reason">Why matching text is removed.</param>
/// <param name="Location">File and line, reported as the rule of each removal.</param>
public sealed record CleaningRule(Regex Pattern, CleaningScope Scope, string Reason, string Location);
