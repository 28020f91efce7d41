using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kabar.Geo;
using Kabar.Input;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Evaluation;

/// <summary>Precision and recall of one category.</summary>
/// <param name="Name">Category (<c>PER</c>, <c>micro</c>, <c>root</c>…).</param>
/// <param name="TruePositives">Correct predictions.</param>
/// <param name="Predicted">All predictions.</param>
/// <param name="Gold">All gold items.</param>
public sealed record Score(string Name, double TruePositives, double Predicted, double Gold)
{
    /// <summary>Share of predictions that are correct.</summary>
    public double Precision => Predicted == 0 ? 0 : TruePositives / Predicted;

    /// <summary>Share of gold items found.</summary>
    public double Recall => Gold == 0 ? 0 : TruePositives / Gold;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-10} P {Precision:0.000}  R {Recall:0.000}  F1 {F1:0.000}  (tp {TruePositives:0.#}, predicted {Predicted:0.#}, gold {Gold:0.#})");
}

/// <summary>An evaluation's scores plus free-form lines (misses, accuracies) for people.</summary>
/// <param name="Title">What was evaluated.</param>
/// <param name="Scores">Scores.</param>
/// <param name="Lines">Extra lines (accuracy at distances, misses in verbose mode).</param>
public sealed record EvaluationReport(string Title, IReadOnlyList<Score> Scores, IReadOnlyList<string> Lines);

/// <summary>
/// Kabar's own evaluations on gold data (<c>kabar eval</c>). The metrics follow the independent scorer
/// (<c>../shared/tools/kabar_score.py</c>) so the two agree; this one runs the pipeline itself and can explain misses.
/// </summary>
public sealed class Evaluator(KabarEngine engine)
{
    private static readonly Dictionary<string, string> NerLabels = new(StringComparer.Ordinal)
    {
        ["PERSON"] = "PER", ["ORG"] = "ORG", ["GPE"] = "LOC", ["LOC"] = "LOC",
    };

    /// <summary>Named-entity recognition on <c>{"id","text","entities":[{"start","end","label"}]}</c> records, exact span match.
    /// Kabar's PERSON is PER, ORG is ORG, GPE and LOC are LOC; NORP and nominal actor phrases are not named entities.</summary>
    public EvaluationReport Ner(string goldPath, string language, bool verbose, Func<Document, IEnumerable<Entity>>? select = null)
    {
        var counts = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var record in ReadJsonl(goldPath))
        {
            var text = record.GetProperty("text").GetString()!;
            var document = engine.Process(new SourceDocument(Id(record), text) { Language = language });
            var predicted = (select?.Invoke(document) ?? document.Entities.Where(e => e.Mention == MentionKind.Name && !e.Metonym))
                .Where(e => NerLabels.ContainsKey(e.Type.ToString()))
                .Select(e => (e.Start, e.End, Label: NerLabels[e.Type.ToString()]))
                .ToList();
            var gold = record.GetProperty("entities").EnumerateArray()
                .Select(e => (Start: e.GetProperty("start").GetInt32(), End: e.GetProperty("end").GetInt32(), Label: e.GetProperty("label").GetString()!))
                .ToList();
            var unmatched = new List<(int, int, string)>(predicted);
            foreach (var g in gold)
            {
                var c = counts.GetValueOrDefault(g.Label);
                if (unmatched.Remove(g))
                {
                    counts[g.Label] = (c.Tp + 1, c.Fp, c.Fn);
                }
                else
                {
                    counts[g.Label] = (c.Tp, c.Fp, c.Fn + 1);
                    if (verbose)
                    {
                        lines.Add($"MISS {g.Label} \"{text[g.Start..g.End]}\" :: {Short(text)}");
                    }
                }
            }
            foreach (var (start, end, label) in unmatched)
            {
                var c = counts.GetValueOrDefault(label);
                counts[label] = (c.Tp, c.Fp + 1, c.Fn);
                if (verbose)
                {
                    lines.Add($"EXTRA {label} \"{text[start..end]}\" :: {Short(text)}");
                }
            }
        }
        var scores = counts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new Score(kv.Key, kv.Value.Tp, kv.Value.Tp + kv.Value.Fp, kv.Value.Tp + kv.Value.Fn)).ToList();
        scores.Add(new Score("micro", scores.Sum(s => s.TruePositives), scores.Sum(s => s.Predicted), scores.Sum(s => s.Gold)));
        return new EvaluationReport($"entities: {goldPath}", scores, lines);
    }

    /// <summary>Events against expected CAMEO triples (<c>{"id","text","date","expected":[{"source","target","code"}]}</c>):
    /// an expected event is found when a predicted one has the same source and target country (<c>---</c> = any) and the
    /// same root; precision is the share of predicted events that match an expected one.</summary>
    public EvaluationReport Cameo(string goldPath, string language, bool verbose)
    {
        double found = 0, fullCode = 0, predicted = 0, expected = 0, quiet = 0, quietTotal = 0;
        var lines = new List<string>();
        foreach (var record in ReadJsonl(goldPath))
        {
            var document = Process(record, language);
            var events = document.Events.ToList();
            predicted += events.Count;
            if (record.TryGetProperty("expect_no_events", out var none) && none.ValueKind == JsonValueKind.True)
            {
                quietTotal++;
                quiet += events.Count == 0 ? 1 : 0;
            }
            var used = new HashSet<int>();
            foreach (var x in record.GetProperty("expected").EnumerateArray())
            {
                expected++;
                var source = x.GetProperty("source").GetString()!;
                var target = x.GetProperty("target").GetString()!;
                var code = x.GetProperty("code").GetString()!;
                var hit = events.FindIndex(e => !used.Contains(events.IndexOf(e)) && e.Cameo.Root == code[..2]
                    && CountryMatches(source, e.Source.Actor) && CountryMatches(target, e.Target?.Actor));
                if (hit < 0)
                {
                    if (verbose)
                    {
                        lines.Add($"MISS {source}->{target} {code} :: {Short(document.Text)} :: got "
                            + string.Join(", ", events.Select(e => $"{e.Source.Actor.Code}->{e.Target?.Actor.Code ?? "-"} {e.Cameo.Code}")));
                    }
                    continue;
                }
                used.Add(hit);
                found++;
                fullCode += events[hit].Cameo.Code == code ? 1 : 0;
            }
            if (verbose)
            {
                foreach (var extra in events.Where((_, i) => !used.Contains(i)))
                {
                    lines.Add($"EXTRA {extra.Source.Actor.Code}->{extra.Target?.Actor.Code ?? "-"} {extra.Cameo.Code} ({extra.Rule}) :: {Short(document.Text)}");
                }
            }
        }
        lines.Insert(0, string.Create(CultureInfo.InvariantCulture, $"full code: {fullCode}/{found} of found events have the exact code ({(found == 0 ? 0 : fullCode / found):0.000}); {fullCode}/{expected} of expected = {(expected == 0 ? 0 : fullCode / expected):0.000}"));
        lines.Insert(1, string.Create(CultureInfo.InvariantCulture, $"quiet: {quiet}/{quietTotal} sentences expected to have no event have none"));
        return new EvaluationReport($"events (CAMEO): {goldPath}",
            [new Score("root", found, predicted, expected), new Score("full-code", fullCode, predicted, expected)], lines);
    }

    /// <summary>Events against PLOVER-coded examples: found when a predicted event has the expected PLOVER type and, where the
    /// gold names them, a source and target of the expected countries.</summary>
    public EvaluationReport Plover(string goldPath, string language, bool verbose)
    {
        double found = 0, predicted = 0, expected = 0, typeOnly = 0;
        var lines = new List<string>();
        foreach (var record in ReadJsonl(goldPath))
        {
            var document = Process(record, language);
            var events = document.Events.ToList();
            predicted += events.Count;
            var used = new HashSet<int>();
            foreach (var x in record.GetProperty("expected").EnumerateArray())
            {
                expected++;
                var type = x.GetProperty("plover").GetString()!;
                var sources = Codes(x, "source");
                var targets = Codes(x, "target");
                typeOnly += events.Any(e => e.Cameo.Plover == type) ? 1 : 0;
                var hit = -1;
                for (var i = 0; i < events.Count && hit < 0; i++)
                {
                    var e = events[i];
                    if (!used.Contains(i) && e.Cameo.Plover == type && (sources.Count == 0 || sources.Contains(e.Source.Actor.Country ?? e.Source.Actor.Code[..3]))
                        && (targets.Count == 0 || (e.Target is not null && targets.Contains(e.Target.Actor.Country ?? e.Target.Actor.Code[..3]))))
                    {
                        hit = i;
                    }
                }
                if (hit < 0)
                {
                    if (verbose)
                    {
                        lines.Add($"MISS {type} {string.Join("/", sources)}->{string.Join("/", targets)} :: {Short(document.Text)} :: got "
                            + string.Join(", ", events.Select(e => $"{e.Source.Actor.Code}->{e.Target?.Actor.Code ?? "-"} {e.Cameo.Plover ?? e.Cameo.Code}")));
                    }
                    continue;
                }
                used.Add(hit);
                found++;
            }
        }
        lines.Insert(0, string.Create(CultureInfo.InvariantCulture, $"type only: {typeOnly}/{expected} expected events have their PLOVER type produced ({(expected == 0 ? 0 : typeOnly / expected):0.000})"));
        return new EvaluationReport($"events (PLOVER): {goldPath}", [new Score("plover", found, predicted, expected)], lines);
    }

    /// <summary>Geocoding on <c>{"id","text","places":[{"start","end","lat","lon"}]}</c> records: each gold place is matched to the
    /// predicted place whose span overlaps it; accuracy at 25/100/161 km and mean error over the gold places.</summary>
    public EvaluationReport Geo(string goldPath, string? language, bool verbose)
    {
        var errors = new List<double>();
        var missing = 0;
        var lines = new List<string>();
        foreach (var record in ReadJsonl(goldPath))
        {
            var text = record.GetProperty("text").GetString()!;
            var lang = record.TryGetProperty("language", out var l) ? l.GetString() : language;
            var document = engine.Process(new SourceDocument(Id(record), text) { Language = lang });
            foreach (var place in record.GetProperty("places").EnumerateArray())
            {
                var start = place.GetProperty("start").GetInt32();
                var end = place.GetProperty("end").GetInt32();
                var lat = place.GetProperty("lat").GetDouble();
                var lon = place.GetProperty("lon").GetDouble();
                var predicted = document.Entities.Where(e => e.Place is not null && e.Start < end && start < e.End)
                    .OrderByDescending(e => Math.Min(e.End, end) - Math.Max(e.Start, start)).FirstOrDefault();
                if (predicted is null)
                {
                    missing++;
                    errors.Add(double.PositiveInfinity);
                    if (verbose)
                    {
                        lines.Add($"MISS \"{text[start..end]}\" :: {Short(text)}");
                    }
                    continue;
                }
                var error = GeoMath.DistanceKm(lat, lon, predicted.Place!.Lat, predicted.Place.Lon);
                errors.Add(error);
                if (verbose && error > 161)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"FAR {error:0} km \"{text[start..end]}\" -> {predicted.Place.Name} ({predicted.Place.Country}, {predicted.Place.GazetteerId}) :: {Short(text)}"));
                }
            }
        }
        var total = errors.Count;
        var found = errors.Where(double.IsFinite).ToList();
        lines.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"places {total}: resolved {found.Count}, unresolved {missing}; accuracy@25km {Share(errors, 25):0.000}, @100km {Share(errors, 100):0.000}, "
            + $"@161km {Share(errors, 161):0.000}; mean error of resolved {(found.Count == 0 ? 0 : found.Average()):0.0} km, median {Median(found):0.0} km"));
        return new EvaluationReport($"geocoding: {goldPath}", [new Score("acc@161km", errors.Count(e => e <= 161), total, total)], lines);
    }

    /// <summary>One article against a seed-gold file (the format of <c>../shared/seed/seed-gold.json</c>).</summary>
    public EvaluationReport Article(string articlePath, string goldPath, bool verbose)
    {
        using var gold = JsonDocument.Parse(File.ReadAllText(goldPath));
        var root = gold.RootElement;
        var reader = new DocumentReader(new ReaderOptions());
        var source = reader.ReadFile(articlePath);
        if (root.TryGetProperty("publication_date_for_eval", out var date) && DocumentReader.ParseDate(date.GetString()!) is { } published)
        {
            source = source with { Published = published, PublishedSource = "caller" };
        }
        if (root.TryGetProperty("language", out var language))
        {
            source = source with { Language = language.GetString() };
        }
        var document = engine.Process(source);
        var events = document.Events.ToList();
        var used = new HashSet<int>();
        var lines = new List<string>();
        double found = 0, code = 0, dates = 0, dateTotal = 0, places = 0, placeTotal = 0, modality = 0, quantity = 0, quantityTotal = 0;
        foreach (var g in root.GetProperty("events").EnumerateArray())
        {
            var evidence = Normalise(g.GetProperty("evidence").GetString()!);
            var roots = g.GetProperty("cameo_roots").EnumerateArray().Select(r => r.GetString()!).ToList();
            var hit = -1;
            for (var i = 0; i < events.Count && hit < 0; i++)
            {
                var e = events[i];
                var sentence = Normalise(document.Text[document.Sentences[e.Sentence].Start..document.Sentences[e.Sentence].End]);
                if (!used.Contains(i) && sentence.Contains(evidence[..Math.Min(60, evidence.Length)], StringComparison.Ordinal) && roots.Contains(e.Cameo.Root)
                    && CountryMatches(g.GetProperty("source").GetProperty("country").GetString()!, e.Source.Actor)
                    && CountryMatches(g.GetProperty("target").GetProperty("country").GetString()!, e.Target?.Actor))
                {
                    hit = i;
                }
            }
            var id = g.GetProperty("id").GetString();
            if (hit < 0)
            {
                lines.Add($"MISS {id}: {evidence}");
                continue;
            }
            used.Add(hit);
            found++;
            var ev = events[hit];
            code += ev.Cameo.Code == g.GetProperty("cameo_code").GetString() ? 1 : 0;
            if (g.TryGetProperty("date", out var goldDate))
            {
                dateTotal++;
                dates += ev.Date?.StartsWith(goldDate.GetString()!, StringComparison.Ordinal) == true ? 1 : 0;
            }
            if (g.TryGetProperty("place", out var goldPlace))
            {
                placeTotal++;
                places += ev.Place is { } p && GeoMath.DistanceKm(p.Lat, p.Lon, goldPlace.GetProperty("lat").GetDouble(), goldPlace.GetProperty("lon").GetDouble())
                    <= goldPlace.GetProperty("tolerance_km").GetDouble() ? 1 : 0;
            }
            var goldModality = g.TryGetProperty("modality", out var m) ? m.GetString() : "asserted";
            modality += ev.Modality.ToString().Equals(goldModality, StringComparison.OrdinalIgnoreCase) && ev.Negated == (g.TryGetProperty("negated", out var n) && n.GetBoolean()) ? 1 : 0;
            if (g.TryGetProperty("quantity", out var q))
            {
                quantityTotal++;
                quantity += ev.Quantities.Any(x => Math.Abs(x.Quantity!.Value - q.GetProperty("value").GetDouble()) < 0.5) ? 1 : 0;
            }
            if (verbose)
            {
                lines.Add($"HIT  {id}: {ev.Source.Actor.Code} {ev.Cameo.Code} {ev.Target?.Actor.Code ?? "-"} ({ev.Rule})");
            }
        }
        if (verbose)
        {
            foreach (var extra in events.Where((_, i) => !used.Contains(i)))
            {
                lines.Add($"EXTRA {extra.Source.Actor.Code} {extra.Cameo.Code} {extra.Target?.Actor.Code ?? "-"} ({extra.Rule})");
            }
        }
        lines.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"code {code}/{found}, date {dates}/{dateTotal}, place {places}/{placeTotal}, modality {modality}/{found}, quantity {quantity}/{quantityTotal}"));
        return new EvaluationReport($"article: {articlePath}", [new Score("events", found, events.Count, root.GetProperty("events").GetArrayLength())], lines);
    }

    /// <summary>The spec files: precision and recall per stage and language. Skipped cases (known gaps) are run and scored
    /// too, so the figures are not flattered by skipping; a skipped case that now passes is reported so it can be unskipped.</summary>
    public EvaluationReport Specs(string specsRoot, bool verbose)
    {
        var lines = new List<string>();
        var totals = new Dictionary<string, (double Tp, double Predicted, double Gold, int Passed, int Cases, int Skipped)>(StringComparer.Ordinal);
        foreach (var spec in SpecRunner.Load(specsRoot))
        {
            var result = SpecRunner.Check(engine, spec);
            var key = $"{spec.Stage}/{spec.Language}";
            var t = totals.GetValueOrDefault(key);
            var skipped = spec.Skip is not null;
            totals[key] = (t.Tp + result.Matched, t.Predicted + result.Predicted, t.Gold + result.Expected, t.Passed + (result.Passed ? 1 : 0),
                t.Cases + 1, t.Skipped + (skipped ? 1 : 0));
            if (skipped && result.Passed)
            {
                lines.Add($"PASSES BUT SKIPPED {spec}: remove its \"skip\"");
            }
            else if (verbose && !result.Passed)
            {
                lines.Add($"{(skipped ? "GAP " : "FAIL")} {spec}: {result.Message}");
            }
        }
        foreach (var (key, t) in totals.OrderByDescending(kv => kv.Key, StringComparer.Ordinal))
        {
            lines.Insert(0, t.Skipped == 0 ? $"{key}: {t.Passed}/{t.Cases} cases pass" : $"{key}: {t.Passed}/{t.Cases} cases pass ({t.Skipped} known gaps skipped by the tests)");
        }
        return new EvaluationReport($"specs: {specsRoot}", totals.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new Score(kv.Key, kv.Value.Tp, kv.Value.Predicted, kv.Value.Gold)).ToList(), lines);
    }

    private Document Process(JsonElement record, string language)
    {
        var source = new SourceDocument(Id(record), record.GetProperty("text").GetString()!) { Language = language };
        var date = record.TryGetProperty("date", out var d) ? d.GetString() : null;
        if (date is not null && DocumentReader.ParseDate(date) is { } published)
        {
            source = source with { Published = published, PublishedSource = "caller" };
        }
        return engine.Process(source);
    }

    private static HashSet<string> Codes(JsonElement expected, string side) =>
        expected.TryGetProperty(side, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.TryGetProperty("code", out var c) ? c.GetString() : null).Where(c => c is { Length: >= 3 })
                .Select(c => c![..3]).ToHashSet(StringComparer.Ordinal)
            : [];

    private static bool CountryMatches(string expected, Actor? actor)
    {
        var want = expected.Length >= 3 ? expected[..3] : expected;
        if (want == "---")
        {
            return true;
        }
        var got = actor?.Country ?? (actor?.Code is { Length: >= 3 } code ? code[..3] : null);
        return got == want;
    }

    private static string Id(JsonElement record) => record.TryGetProperty("id", out var id) ? id.ToString() : "record";

    private static IEnumerable<JsonElement> ReadJsonl(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            yield return json.RootElement.Clone();
        }
    }

    private static double Share(List<double> errors, double km) => errors.Count == 0 ? 0 : (double)errors.Count(e => e <= km) / errors.Count;

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Normalise(string text) => Regex.Replace(text.Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u2019', '\''), @"\s+", " ").Trim().ToLowerInvariant();

    private static string Short(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
