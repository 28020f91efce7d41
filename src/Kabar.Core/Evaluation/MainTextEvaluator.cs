using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kabar.Input;
using Kabar.Pipeline;

namespace Kabar.Evaluation;

/// <summary>One page of a main-text evaluation.</summary>
/// <param name="Id">Page id.</param>
/// <param name="Text">Main text Kabar extracted (empty on error).</param>
/// <param name="Precision">Share of the extracted 4-word shingles that are in the gold text, or null when nothing was extracted.</param>
/// <param name="Recall">Share of the gold shingles extracted.</param>
/// <param name="Error">Why extraction failed, or null.</param>
public sealed record MainTextPage(string Id, string Text, double? Precision, double? Recall, string? Error);

/// <summary>A main-text evaluation: per-page scores and their averages.</summary>
/// <param name="Pages">Every gold page, in file order.</param>
/// <param name="Precision">Mean precision over the pages that have one.</param>
/// <param name="Recall">Mean recall over the pages.</param>
public sealed record MainTextScores(IReadOnlyList<MainTextPage> Pages, double Precision, double Recall)
{
    /// <summary>Harmonic mean of <see cref="Precision"/> and <see cref="Recall"/>.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Main-text extraction from HTML against gold text (<c>kabar eval html</c>), with the article-extraction-benchmark metric
/// that <c>../shared/tools/kabar_score.py html</c> uses: bags of 4-word shingles per page, each page's counts normalised,
/// precision and recall averaged over pages. Only reading and cleaning run (no language needed), so pages in languages
/// Kabar does not analyse still count.
/// </summary>
public sealed class MainTextEvaluator(KabarEngine engine)
{
    private readonly DocumentReader _reader = new(new ReaderOptions());

    /// <summary>Scores every page of a gold file. Records are <c>{"id","html","url"?,"gold_text"}</c>, or
    /// <c>{"id","gold_text"}</c> with the page in <c>&lt;id&gt;.html</c> beside the gold file (read as bytes, so its
    /// encoding is detected as for any file).</summary>
    public MainTextScores Score(string goldPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(goldPath))!;
        var pages = new List<MainTextPage>();
        foreach (var line in File.ReadLines(goldPath))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id").ToString();
            var gold = root.GetProperty("gold_text").GetString() ?? "";
            string text;
            string? error = null;
            try
            {
                var source = root.TryGetProperty("html", out var html)
                    ? _reader.FromText(html.GetString() ?? "", id, html: true, root.TryGetProperty("url", out var url) ? url.GetString() : null)
                    : _reader.ReadFile(Path.Combine(folder, id + ".html"), id);
                text = engine.Clean(source).Text;
            }
            catch (InputException ex)
            {
                text = "";
                error = ex.Message;
            }
            var (precision, recall) = PageScore(gold, text);
            pages.Add(new MainTextPage(id, text, precision, recall, error));
        }
        var precisions = pages.Where(p => p.Precision is not null).Select(p => p.Precision!.Value).ToList();
        var recalls = pages.Where(p => p.Recall is not null).Select(p => p.Recall!.Value).ToList();
        return new MainTextScores(pages, precisions.Count == 0 ? 0 : precisions.Average(), recalls.Count == 0 ? 0 : recalls.Average());
    }

    /// <summary>The report for people; with <paramref name="resultsPath"/>, also writes <c>{"id","document":{"text"}}</c>
    /// lines that <c>kabar_score.py html</c> reads.</summary>
    public EvaluationReport Report(string goldPath, bool verbose, string? resultsPath = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scores = Score(goldPath);
        var seconds = clock.Elapsed.TotalSeconds;
        if (resultsPath is not null)
        {
            using var output = new StreamWriter(resultsPath, false, new UTF8Encoding(false));
            foreach (var page in scores.Pages)
            {
                output.WriteLine(ResultLine(page));
            }
        }
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"html: precision {scores.Precision:0.000}, recall {scores.Recall:0.000}, f1 {scores.F1:0.000} ({scores.Pages.Count} pages, {scores.Pages.Count(p => p.Error is not null)} failed)"),
            // Reading, decoding, extraction and cleaning, one thread, the engine already built.
            string.Create(CultureInfo.InvariantCulture, $"time: {seconds:0.00} s, {scores.Pages.Count / Math.Max(seconds, 1e-9):0.0} pages/s"),
        };
        if (verbose)
        {
            foreach (var page in scores.Pages.OrderBy(p => Math.Min(p.Precision ?? 1, p.Recall ?? 1)))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{page.Id,-24} P {page.Precision ?? double.NaN:0.000} R {page.Recall ?? double.NaN:0.000}{(page.Error is null ? "" : "  error: " + page.Error)}"));
            }
        }
        return new EvaluationReport($"main text: {goldPath}", [], lines);
    }

    private static string ResultLine(MainTextPage page)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", page.Id);
            if (page.Error is not null)
            {
                writer.WriteString("error", page.Error);
            }
            writer.WriteStartObject("document");
            writer.WriteString("text", page.Text);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Precision and recall of one page (null when there is nothing to divide by), as the benchmark computes them.</summary>
    public static (double? Precision, double? Recall) PageScore(string gold, string extracted)
    {
        var want = Shingles(gold);
        var got = Shingles(extracted);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (gram, count) in got)
        {
            var wanted = want.GetValueOrDefault(gram);
            tp += Math.Min(count, wanted);
            fp += Math.Max(0, count - wanted);
        }
        foreach (var (gram, count) in want)
        {
            fn += Math.Max(0, count - got.GetValueOrDefault(gram));
        }
        var total = tp + fp + fn;
        if (total > 0)
        {
            (tp, fp, fn) = (tp / total, fp / total, fn / total);
        }
        var perfect = fp == 0 && fn == 0;
        double? precision = tp + fp > 0 ? (perfect ? 1 : tp / (tp + fp)) : null;
        double? recall = tp + fn > 0 ? (perfect ? 1 : tp / (tp + fn)) : null;
        return (precision, recall);
    }

    /// <summary>Counts of 4-word shingles; words are runs of letters, digits and underscores (Python's <c>\w+</c>).</summary>
    public static Dictionary<string, int> Shingles(string text, int n = 4)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || char.IsNumber(text[i]) || text[i] == '_');
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return grams;
        }
        var count = Math.Max(1, words.Count - n + 1);
        for (var i = 0; i < count; i++)
        {
            var gram = string.Join('\u0001', words.Skip(i).Take(n));
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }
        return grams;
    }
}
