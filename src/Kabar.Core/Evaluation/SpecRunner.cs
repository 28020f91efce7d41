using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Kabar.Input;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Evaluation;

/// <summary>One case of a spec file (<c>tests/specs/&lt;stage&gt;/&lt;lang&gt;/&lt;File&gt;.json</c>).</summary>
/// <param name="Stage">Stage folder (<c>dates</c>, <c>events</c>…).</param>
/// <param name="Language">Language folder.</param>
/// <param name="File">File name without extension.</param>
/// <param name="Index">Position in the file, from 0.</param>
/// <param name="Input">Input sentence or passage.</param>
/// <param name="ReferenceDate">Publication date, if the case gives one.</param>
/// <param name="Expected">Expected items.</param>
/// <param name="Kept">For cleaning: text that must remain.</param>
/// <param name="Skip">Reason to skip, if any.</param>
/// <param name="Comment">What the case pins.</param>
public sealed record SpecCase(string Stage, string Language, string File, int Index, string Input, DateOnly? ReferenceDate,
    IReadOnlyList<JsonElement> Expected, string? Kept, string? Skip, string? Comment)
{
    /// <summary>A readable name: stage/lang/File#index: input.</summary>
    public override string ToString()
    {
        var input = Input.ReplaceLineEndings(" ");
        return $"{Stage}/{Language}/{File}#{Index}: {(input.Length > 90 ? input[..90] + "…" : input)}";
    }
}

/// <summary>The outcome of one case: pass or fail with a reason, and counts for precision and recall.</summary>
/// <param name="Passed">True when every expected item was produced and nothing else was.</param>
/// <param name="Message">What went wrong (empty when passed).</param>
/// <param name="Expected">Expected items.</param>
/// <param name="Predicted">Produced items of the kinds the case is about.</param>
/// <param name="Matched">Expected items that were produced.</param>
public sealed record SpecResult(bool Passed, string Message, int Expected, int Predicted, int Matched);

/// <summary>
/// Reads the spec files and checks a case against the pipeline. Used by the test harness (one test per case) and by
/// <c>kabar eval specs</c> (precision and recall per stage), so both agree on what a case means.
/// </summary>
public static class SpecRunner
{
    /// <summary>Every case under a specs folder, in a stable order.</summary>
    public static IEnumerable<SpecCase> Load(string specsRoot)
    {
        foreach (var path in Directory.EnumerateFiles(specsRoot, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(specsRoot, path).Replace('\\', '/').Split('/');
            if (relative.Length != 3)
            {
                continue;
            }
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var index = 0;
            foreach (var item in json.RootElement.EnumerateArray())
            {
                var input = item.GetProperty("input").GetString() ?? "";
                DateOnly? reference = null;
                if (item.TryGetProperty("context", out var context) && context.TryGetProperty("referenceDate", out var date) && date.GetString() is { } d)
                {
                    reference = DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                var expected = item.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Select(x => x.Clone()).ToList()
                    : [];
                yield return new SpecCase(relative[0], relative[1], Path.GetFileNameWithoutExtension(relative[2]), index++, input, reference, expected,
                    Text(item, "kept"), Text(item, "skip"), Text(item, "comment"));
            }
        }
    }

    /// <summary>Runs the pipeline on the case's input and compares.</summary>
    public static SpecResult Check(KabarEngine engine, SpecCase spec)
    {
        var source = new SourceDocument("spec", spec.Input)
        {
            Language = spec.Stage == "langid" ? null : spec.Language,
            Published = spec.ReferenceDate,
            PublishedSource = spec.ReferenceDate is null ? null : "caller",
        };
        if (spec.Stage == "langid")
        {
            // Identification alone, so a language Kabar only recognises (Malay) can be checked by name.
            return Compare(spec, [Item(("value", engine.IdentifyLanguage(spec.Input).Code))], null);
        }
        Document document;
        try
        {
            document = spec.Stage == "cleaning" ? engine.Clean(source) : engine.Process(source);
        }
        catch (InputException ex)
        {
            return spec.Stage == "langid" && spec.Expected.Count > 0 && Field(spec.Expected[0], "value") == "und"
                ? new SpecResult(true, "", 1, 1, 1)
                : new SpecResult(false, "input error: " + ex.Message, spec.Expected.Count, 0, 0);
        }
        return spec.Stage switch
        {
            "cleaning" => Compare(spec, document.Removed.Select(r => Item(("text", r.Text), ("reason", r.Reason))).ToList(),
                spec.Kept is null || document.Text.Contains(spec.Kept, StringComparison.Ordinal) ? null : $"kept text missing: \"{spec.Kept}\""),
            "sentences" => Sequence(spec, document.Sentences.Select(s => document.Text[s.Start..s.End]).ToList()),
            "tokens" => Sequence(spec, document.Tokens.Select(t => t.Text).ToList()),
            "lemmas" => Lemmas(spec, document.Tokens),
            "dates" => Compare(spec, document.Entities.Where(e => e.Type is EntityType.DATE or EntityType.TIME).Select(DateItem).ToList(), null),
            "quantities" => Compare(spec, document.Entities.Where(e => e.Type == EntityType.QUANTITY).Select(QuantityItem).ToList(), null),
            "entities" => Compare(spec, document.Entities.Where(e => e.Mention != MentionKind.Pronoun
                && e.Type is EntityType.PERSON or EntityType.ORG or EntityType.GPE or EntityType.LOC or EntityType.NORP).Select(e => EntityItem(e, document)).ToList(), null),
            "events" => Compare(spec, document.Events.Select(EventItem).ToList(), null),
            "langid" => Compare(spec, [Item(("value", document.Language))], null),
            _ => new SpecResult(false, $"unknown stage folder '{spec.Stage}'", spec.Expected.Count, 0, 0),
        };
    }

    private static Dictionary<string, string?> Item(params (string Key, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    private static Dictionary<string, string?> DateItem(Entity e) => Item(("text", e.Text), ("type", e.Type.ToString()), ("value", e.Time?.Value),
        ("mod", e.Time?.Mod));

    private static Dictionary<string, string?> QuantityItem(Entity e) => Item(("text", e.Text), ("type", "QUANTITY"),
        ("value", e.Quantity!.Value.ToString(CultureInfo.InvariantCulture)), ("qualifier", e.Quantity.Qualifier), ("of", e.Quantity.Of),
        ("class", e.Quantity.Class), ("outcome", e.Quantity.Outcome), ("unit", e.Quantity.Unit));

    private static Dictionary<string, string?> EntityItem(Entity e, Document document)
    {
        // A country mention's actor carries the role of the phrase around it ("unit militer Azerbaijan" → AZEMIL).
        var actor = e.Actor?.Code;
        var wrapper = document.Entities.FirstOrDefault(n => n.Mention == MentionKind.Nominal && n.Start <= e.Start && e.End <= n.End && n.Actor?.Country == e.Actor?.Country);
        return Item(("text", e.Text), ("type", e.Type.ToString()), ("actor", actor), ("actor_in_phrase", wrapper?.Actor?.Code),
            ("nominal", e.Mention == MentionKind.Nominal ? "true" : "false"), ("metonym", e.Metonym ? "true" : "false"), ("rule", e.Rule));
    }

    private static Dictionary<string, string?> EventItem(Event e) => Item(("source", e.Source.Actor.Code), ("target", e.Target?.Actor.Code),
        ("cameo", e.Cameo.Code), ("modality", e.Modality.ToString().ToLowerInvariant()), ("negated", e.Negated ? "true" : "false"),
        ("attributed_to", e.AttributedTo));

    private static SpecResult Sequence(SpecCase spec, List<string> produced)
    {
        var expected = spec.Expected.Select(x => Field(x, "text") ?? "").ToList();
        var matched = expected.Zip(produced).Count(p => p.First == p.Second);
        var passed = expected.SequenceEqual(produced);
        return new SpecResult(passed, passed ? "" : $"expected [{string.Join(" | ", expected)}] got [{string.Join(" | ", produced)}]",
            expected.Count, produced.Count, matched);
    }

    /// <summary>Each expected <c>{"text","lemma"}</c> names a word of the input and the root the morphology must give it;
    /// words not listed are not checked.</summary>
    private static SpecResult Lemmas(SpecCase spec, ImmutableArray<Token> tokens)
    {
        var wrong = new List<string>();
        foreach (var expected in spec.Expected)
        {
            var text = Field(expected, "text");
            var lemma = Field(expected, "lemma");
            var got = tokens.Where(t => t.Text == text).Select(t => t.Lemma).FirstOrDefault();
            if (got != lemma)
            {
                wrong.Add($"{text}: expected {lemma}, got {got ?? "no such word"}");
            }
        }
        var matched = spec.Expected.Count - wrong.Count;
        return new SpecResult(wrong.Count == 0, string.Join("; ", wrong), spec.Expected.Count, spec.Expected.Count, matched);
    }

    private static SpecResult Compare(SpecCase spec, List<Dictionary<string, string?>> produced, string? extraFailure)
    {
        var used = new bool[produced.Count];
        var missing = new List<string>();
        var matched = 0;
        foreach (var expected in spec.Expected)
        {
            var index = -1;
            for (var k = 0; k < produced.Count && index < 0; k++)
            {
                if (!used[k] && Matches(spec.Stage, expected, produced[k]))
                {
                    index = k;
                }
            }
            if (index < 0)
            {
                missing.Add(JsonSerializer.Serialize(expected));
                continue;
            }
            used[index] = true;
            matched++;
        }
        var extra = produced.Where((_, k) => !used[k]).Select(Describe).ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add("missing " + string.Join(", ", missing));
        }
        if (extra.Count > 0)
        {
            problems.Add("unexpected " + string.Join(", ", extra));
        }
        if (missing.Count > 0 && extra.Count == 0 && produced.Count > 0)
        {
            problems.Add("produced " + string.Join(", ", produced.Select(Describe)));
        }
        if (extraFailure is not null)
        {
            problems.Add(extraFailure);
        }
        return new SpecResult(problems.Count == 0, string.Join("; ", problems), spec.Expected.Count, produced.Count, matched);
    }

    private static bool Matches(string stage, JsonElement expected, Dictionary<string, string?> produced)
    {
        foreach (var property in expected.EnumerateObject())
        {
            var want = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetDouble().ToString(CultureInfo.InvariantCulture),
                _ => property.Value.GetRawText(),
            };
            if (!produced.TryGetValue(property.Name, out var got))
            {
                if (property.Name is "comment")
                {
                    continue;
                }
                if (want is null)
                {
                    continue;
                }
                return false;
            }
            if (!FieldMatches(stage, property.Name, want, got, produced))
            {
                return false;
            }
        }
        return true;
    }

    private static bool FieldMatches(string stage, string field, string? want, string? got, Dictionary<string, string?> produced)
    {
        if (want is null)
        {
            return got is null;
        }
        switch (stage, field)
        {
            case ("events", "source" or "target"):
                // A bare country matches any role of that country.
                return got is not null && (want.Length == 3 ? got.StartsWith(want, StringComparison.Ordinal) : got == want);
            case ("events", "cameo"):
                return got is not null && (want.Length == 2 ? got.StartsWith(want, StringComparison.Ordinal) : got == want);
            case ("events", "attributed_to"):
                return got is not null && (got.Contains(want, StringComparison.OrdinalIgnoreCase) || want.Contains(got, StringComparison.OrdinalIgnoreCase));
            case ("entities", "actor"):
                return got == want || produced.GetValueOrDefault("actor_in_phrase") == want;
            case ("cleaning", "text"):
                return got is not null && Normalise(got) == Normalise(want);
            default:
                return got == want;
        }
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string Describe(Dictionary<string, string?> item) =>
        "{" + string.Join(", ", item.Where(kv => kv.Value is not null && kv.Key != "actor_in_phrase").Select(kv => $"{kv.Key}: {kv.Value}")) + "}";

    private static string? Field(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Text(JsonElement element, string name) => Field(element, name);
}
