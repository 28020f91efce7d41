using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Cleaning;

/// <summary>
/// Removes scraped page furniture (ad slots, image credits, share bars, "Baca juga" lines, trailing source and
/// comment-count lines) and records each removal with its reason, so nothing of the article is lost silently.
/// Also normalises line endings and non-breaking spaces. Rules come from every language pack, because page
/// furniture is often in the site's language while the article is not.
/// </summary>
/// <remarks>Thread-safe. After <see cref="CompileAfter"/> documents the patterns are compiled to IL on a background thread and
/// swapped in: the same matches, about three times faster, for a one-time cost that only long batches repay.</remarks>
public sealed class Cleaner : IStage
{
    /// <summary>Documents after which the patterns are compiled (<see cref="RegexOptions.Compiled"/>): about where the saving repays the
    /// compilation.</summary>
    public const int CompileAfter = 1000;

    private RuleSet _rules;
    private int _documents;

    /// <summary>Creates the stage.</summary>
    /// <param name="rules">Patterns of every language pack, in order (the first match names the rule).</param>
    public Cleaner(IReadOnlyList<CleaningRule> rules)
    {
        _rules = new RuleSet(rules);
    }

    /// <summary>Rules by where they apply; replaced whole when the compiled patterns are ready.</summary>
    /// <remarks>Each set also has a union of its patterns as a prefilter (see <see cref="Union"/>), always interpreted. For inline
    /// rules, which scan the whole line, it pays always (measured: 13 rules, 1.4 µs per line interpreted one by one and 2.7
    /// compiled, against 0.5 for the union). For whole-line rules, anchored at the line's start, it pays only while they are
    /// interpreted (36 → 7 µs per line); compiled one by one they take 3 µs, so the compiled set has no union for them.</remarks>
    private sealed class RuleSet(IReadOnlyList<CleaningRule> rules, bool compiled = false)
    {
        public IReadOnlyList<CleaningRule> All { get; } = rules;

        public CleaningRule[] Inline { get; } = rules.Where(r => r.Scope == CleaningScope.Inline).ToArray();

        private readonly (WholeLineRules Line, WholeLineRules Tail) _wholeLine = WholeLine(rules, compiled);

        /// <summary>The line rules, tried on each line of the text.</summary>
        public WholeLineRules Line => _wholeLine.Line;

        /// <summary>The tail rules and the line rules, tried on the trailing lines.</summary>
        public WholeLineRules Tail => _wholeLine.Tail;

        public Regex? AnyInline { get; } = Union(rules.Where(r => r.Scope == CleaningScope.Inline), compile: compiled);

        /// <summary>Each whole-line rule's gate is read from its pattern once: the line rules are tail rules too, in the same order.</summary>
        private static (WholeLineRules Line, WholeLineRules Tail) WholeLine(IReadOnlyList<CleaningRule> rules, bool compiled)
        {
            var tail = rules.Where(r => r.Scope is CleaningScope.Tail or CleaningScope.Line).ToArray();
            var gates = tail.Select(r => LineGate.Of(r.Pattern)).ToArray();
            var isLine = tail.Select(r => r.Scope == CleaningScope.Line).ToArray();
            var line = tail.Where((_, k) => isLine[k]).ToArray();
            return (new WholeLineRules(line, gates.Where((_, k) => isLine[k]).ToArray(), compiled ? null : Union(line, compile: false)),
                new WholeLineRules(tail, gates, compiled ? null : Union(tail, compile: false)));
        }
    }

    /// <summary>Rules that must match a whole line, in order (the first match names the rule), with what spares a line most of them:
    /// their gates (<see cref="LineGate"/>), the rules by the line's first character (<see cref="RulesByStart"/>), and the union of
    /// their patterns as a prefilter while they are interpreted.</summary>
    private sealed class WholeLineRules(CleaningRule[] rules, LineGate[] gates, Regex? any)
    {
        private readonly CleaningRule[] _rules = rules;
        private readonly LineGate[] _gates = gates;
        private readonly Regex? _any = any;
        private readonly RulesByStart _byStart = new([.. gates.Select(g => g.Edges)]);

        /// <summary>The first rule that matches the whole <paramref name="line"/> (trimmed, not empty), or null.</summary>
        public CleaningRule? FirstMatch(ReadOnlySpan<char> line)
        {
            // Rules that cannot match the line for its edges, its length or the text it lacks are not tried; when none can, the union
            // is not tried either. Only the rules whose edges allow the line's first character are asked at all.
            var order = _byStart.For(line[0]);
            var nonSpace = LineEdges.NonSpaceLength(line);
            var folds = RequiredText.FoldsToAscii(line);
            var k = 0;
            while (k < order.Length && !_gates[order[k]].MayMatch(line, nonSpace, folds))
            {
                k++;
            }
            if (k == order.Length || (_any is not null && !_any.IsMatch(line)))
            {
                return null;
            }
            // The first rule to try has passed its gate already; the later ones are asked in turn.
            for (var first = k; k < order.Length; k++)
            {
                var index = order[k];
                if (k != first && !_gates[index].MayMatch(line, nonSpace, folds))
                {
                    continue;
                }
                if (MatchesWhole(_rules[index].Pattern, line))
                {
                    return _rules[index];
                }
            }
            return null;
        }
    }

    /// <summary>What a line must look like for a whole-line rule to match it: its edges and length, and a string it holds.</summary>
    private readonly record struct LineGate(LineEdges Edges, RequiredText? Text)
    {
        public static LineGate Of(Regex pattern) => new(LineEdges.Of(pattern), RequiredText.Of(pattern));

        /// <summary>False only when the rule cannot match the line; <paramref name="nonSpace"/> and <paramref name="folds"/> are
        /// worked out once per line (<see cref="LineEdges.NonSpaceLength"/>, <see cref="RequiredText.FoldsToAscii"/>).</summary>
        public bool MayMatch(ReadOnlySpan<char> line, int nonSpace, bool folds) =>
            Edges.MayMatch(line, nonSpace) && (folds || Text is null || Text.MayMatch(line));
    }

    /// <summary>One pattern that matches wherever any of the rules does: most lines are article text that no rule matches, and
    /// one scan of the line tells so instead of one per rule. Only a prefilter: on a hit the rules are tried one by one as
    /// before, so which rule matches, and where, does not change. Null (no prefilter) when the rules cannot be joined
    /// faithfully: different options or a backreference, whose group number would shift.</summary>
    /// <remarks>The inline union is scanned over every paragraph; compiled (in <see cref="CompilePatterns"/>, after its warm-up) it
    /// takes a third of the interpreted time (en 3.0 → 0.9 µs, id 0.7 → 0.2 µs per 400-character paragraph). The whole-line unions
    /// are dropped once the rules are compiled: the rules one by one, behind <see cref="LineEdges"/>, are cheaper.</remarks>
    private static Regex? Union(IEnumerable<CleaningRule> rules, bool compile)
    {
        var patterns = rules.Select(r => r.Pattern).ToList();
        if (patterns.Count < 2 || patterns.Any(p => p.Options != patterns[0].Options || BackReference.IsMatch(p.ToString())))
        {
            return null;
        }
        var options = compile ? patterns[0].Options | RegexOptions.Compiled : patterns[0].Options & ~RegexOptions.Compiled;
        var union = new Regex(string.Join('|', patterns.Select(p => $"(?:{p})")), options, patterns[0].MatchTimeout);
        return compile ? WarmedUp(union) : union;
    }

    /// <summary>Text that takes a pattern through each of its generated methods: the search for a start ('(', '[', letters, a line
    /// start) and the match at a position.</summary>
    private const string WarmUpText = "Photo (Source: x) [iklan_1] | a";

    /// <summary>Runs a compiled pattern on empty text and on the sample above, so its machine code is made here. Made on a document's first
    /// match instead, it was made inside that match's time limit, and a document failed with a timeout under load.</summary>
    /// <remarks>Making the code counts against the limit here too: on a busy machine the first run of a large union times out. The
    /// code is made all the same, so the run is simply repeated.</remarks>
    private static Regex WarmedUp(Regex regex)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                regex.IsMatch("");
                regex.IsMatch(WarmUpText);
                return regex;
            }
            catch (RegexMatchTimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A numbered or named backreference (<c>\1</c>, <c>\k&lt;name&gt;</c>).</summary>
    private static readonly Regex BackReference = new(@"\\([1-9]|k<)", RegexOptions.CultureInvariant);

    /// <inheritdoc />
    public string Name => "clean";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["text"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["text", "removed"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _documents) == CompileAfter)
        {
            _ = Task.Run(CompilePatterns, CancellationToken.None);
        }
        var rules = Volatile.Read(ref _rules);
        // Lines are ranges of the text, not strings: a line becomes a string of its own only when an inline rule cuts it or its
        // spaces are collapsed (the strings of every line were a third of the stage's allocation).
        var text = Normalise(document.Text);
        var lines = Line.Split(text);
        var keep = new bool[lines.Length];
        var removedBefore = new List<(int Line, int Column, string Text, CleaningRule Rule)>();

        // Trailing furniture first: Sumber / Komentar (0) / Bagikan lines after the last paragraph.
        var tailStart = lines.Length;
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var trimmed = lines[i].In(text).Trim();
            if (trimmed.IsEmpty)
            {
                tailStart = i;
                continue;
            }
            var rule = rules.Tail.FirstMatch(trimmed);
            if (rule is null)
            {
                break;
            }
            removedBefore.Add((i, 0, trimmed.ToString(), rule));
            tailStart = i;
        }

        var cuts = new List<(int, int, string, CleaningRule)>(); // one line's, reused from line to line
        for (var i = 0; i < tailStart; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines[i].In(text);
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
            {
                continue;
            }
            // Inline cuts first, so a caption keeps its words and loses only its credit; then whole-line furniture.
            cuts.Clear();
            var cut = CutInline(rules.Inline, rules.AnyInline, line, i, cuts);
            var cutTrimmed = (cut is null ? line : cut.AsSpan()).Trim();
            var lineRule = cutTrimmed.IsEmpty ? null : rules.Line.FirstMatch(cutTrimmed);
            if (lineRule is not null)
            {
                removedBefore.Add((i, 0, trimmed.ToString(), lineRule));
                continue;
            }
            removedBefore.AddRange(cuts);
            if (cut is not null)
            {
                lines[i] = lines[i] with { Replaced = cut };
            }
            keep[i] = !cutTrimmed.IsEmpty;
        }

        return Assemble(document, text, lines, keep, removedBefore);
    }

    /// <summary>Compiles every pattern (the same pattern, options and time limit) and swaps the compiled rules in. Interpreted,
    /// the patterns cost about a sixth of the pipeline; compiled, a half of that, after a one-time compilation
    /// (measured: 60–160 ms on the benchmark machine, in docs/performance.md), which is why a short run never starts it.</summary>
    internal void CompilePatterns()
    {
        try
        {
            var compiled = _rules.All.Select(rule =>
            {
                var regex = WarmedUp(new Regex(rule.Pattern.ToString(), rule.Pattern.Options | RegexOptions.Compiled, rule.Pattern.MatchTimeout));
                return rule with { Pattern = regex };
            }).ToList();
            Volatile.Write(ref _rules, new RuleSet(compiled, compiled: true));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PlatformNotSupportedException or RegexMatchTimeoutException)
        {
            // Where code cannot be generated, or cannot be warmed up in time, the interpreted patterns simply stay.
        }
    }

    /// <summary>The line with the inline rules' matches cut out and runs of spaces collapsed; null when that leaves it as it was
    /// found without a cut (most lines).</summary>
    private static string? CutInline(CleaningRule[] inline, Regex? any, ReadOnlySpan<char> span, int lineIndex,
        List<(int, int, string, CleaningRule)> removed)
    {
        if (any is not null && !any.IsMatch(span))
        {
            return CollapseSpaces(span);
        }
        var line = span.ToString();
        foreach (var rule in inline)
        {
            var match = rule.Pattern.Match(line);
            while (match.Success && match.Length > 0)
            {
                var text = match.Value.Trim();
                removed.Add((lineIndex, match.Index, text, rule));
                line = string.Concat(line.AsSpan(0, match.Index), line.AsSpan(match.Index + match.Length));
                match = rule.Pattern.Match(line, Math.Min(match.Index, line.Length));
            }
        }
        return CollapseSpaces(line) ?? line;
    }

    private static Document Assemble(Document document, string normalised, Line[] lines, bool[] keep,
        List<(int Line, int Column, string Text, CleaningRule Rule)> removed)
    {
        // The kept lines, trimmed, joined by newlines: the text's length and each line's offset in it are worked out first, and the text
        // is then written once at its exact length (a builder grew a buffer of the whole text and then copied it into the string).
        var lineOffsets = new int[lines.Length + 1];
        var length = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (keep[i] && length > 0)
            {
                length++; // the newline before it
            }
            lineOffsets[i] = length;
            if (keep[i])
            {
                length += lines[i].In(normalised).Trim().Length;
            }
        }
        lineOffsets[lines.Length] = length;
        var text = string.Create(length, (normalised, lines, keep), static (target, state) =>
        {
            var (normalised, lines, keep) = state;
            var at = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                if (!keep[i])
                {
                    continue;
                }
                if (at > 0)
                {
                    target[at++] = '\n';
                }
                var line = lines[i].In(normalised).Trim();
                line.CopyTo(target[at..]);
                at += line.Length;
            }
        });
        var spans = removed
            .OrderBy(r => r.Line).ThenBy(r => r.Column)
            .Select(r => new RemovedSpan(r.Text, r.Rule.Reason, keep[r.Line]
                ? Math.Min(text.Length, lineOffsets[r.Line] + Math.Min(r.Column, lines[r.Line].In(normalised).Trim().Length))
                : lineOffsets[r.Line], r.Rule.Location))
            .ToImmutableArray();
        return document with { Text = text, Removed = document.Removed.AddRange(spans) };
    }

    /// <summary>True when the pattern's first match is the whole line. Read as a <see cref="ValueMatch"/>: a <see cref="Match"/>
    /// would be allocated, with its groups, for every line a rule is tried on, and nearly every try fails.</summary>
    private static bool MatchesWhole(Regex pattern, ReadOnlySpan<char> line)
    {
        foreach (var match in pattern.EnumerateMatches(line))
        {
            return match.Index == 0 && match.Length == line.Length;
        }
        return false;
    }

    /// <summary>The characters <see cref="Normalise"/> replaces or drops.</summary>
    private static readonly SearchValues<char> Unusual = SearchValues.Create(
        "\r\u00A0\u2007\u202F\t\u2002\u2003\u2009\u200B\u200C\u200D\uFEFF\u00AD\u2028\u2029");

    /// <summary>LF line endings, plain spaces, no zero-width characters.</summary>
    internal static string Normalise(string text)
    {
        if (text.AsSpan().IndexOfAny(Unusual) < 0)
        {
            return text; // the usual case: nothing to change, so no copy
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        continue;
                    }
                    builder.Append('\n');
                    break;
                case '\u00A0' or '\u2007' or '\u202F' or '\t' or '\u2002' or '\u2003' or '\u2009':
                    builder.Append(' ');
                    break;
                case '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD':
                    break;
                case '\u2028' or '\u2029':
                    builder.Append('\n');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>The line with each run of spaces made one space; null when it has no two spaces together.</summary>
    private static string? CollapseSpaces(ReadOnlySpan<char> line)
    {
        if (!line.Contains("  ", StringComparison.Ordinal))
        {
            return null;
        }
        var builder = new StringBuilder(line.Length);
        var previousSpace = false;
        foreach (var c in line)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }
            builder.Append(c);
            previousSpace = c == ' ';
        }
        return builder.ToString();
    }

    /// <summary>A line of the normalised text: its range, or the string that replaces it once an inline rule or the space collapse
    /// changed it.</summary>
    private readonly record struct Line(int Start, int Length, string? Replaced = null)
    {
        /// <summary>The line's characters in <paramref name="text"/> (the text it was split from), or its replacement.</summary>
        public ReadOnlySpan<char> In(string text) => Replaced is not null ? Replaced.AsSpan() : text.AsSpan(Start, Length);

        /// <summary>The lines of <paramref name="text"/>, as <c>text.Split('\n')</c> gives them.</summary>
        public static Line[] Split(string text)
        {
            var lines = new Line[text.AsSpan().Count('\n') + 1];
            var k = 0;
            foreach (var range in text.AsSpan().Split('\n'))
            {
                var (start, length) = range.GetOffsetAndLength(text.Length);
                lines[k++] = new Line(start, length);
            }
            return lines;
        }
    }
}
