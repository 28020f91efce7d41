using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Input;
using Kabar.Model;
using Kabar.Output;
using Kabar.Tests.Support;

namespace Kabar.Tests.Segmentation;

/// <summary>
/// Properties every text must keep through tokenising and sentence splitting, whatever it holds: offsets are the
/// user's way back from an entity or an event to the article, so they must always point at the right characters.
/// </summary>
public sealed class SegmentationProperties
{
    // News-like pieces mixed with awkward ones, so the generator reaches the tokenizer's special cases.
    private static readonly string[] Pieces =
    [
        "Presiden", "Joko", "Widodo", "mengatakan", "pada", "Senin", "(20/9)", "bahwa", "lebih dari", "2.000", "warga", "sipil",
        "Rp1,5", "triliun", "US$3", "5.5%", "Dr.", "H.", "A.S.", "pukul", "10.30", "WIB", "di", "Jakarta,", "Selasa.", "\"Kami", "siap,\"",
        "katanya.", "…", "-", "—", "U.S.", "troops", "didn't", "Mr.", "Smith's", "#Gaza", "@kabar", "kabar.id", "e-mail", "COVID-19",
        "2023-09-20", "1/2", "?!", "...", "Azərbaycan", "Ελλάδα", "日本", "🙂", "\n", "\n\n", "  ", "\t", "x", "A", ".", ",", ";", "(", ")",
    ];

    private static Arbitrary<string> NewsText() =>
        Gen.Frequency(
                (4, Gen.Elements(Pieces).ListOf().Select(parts => string.Join(' ', parts))),
                (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")))
            .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Tokens_are_ordered_disjoint_and_point_at_their_own_text(bool english) =>
        Prop.ForAll(NewsText(), text =>
        {
            var pack = Repo.Engine.Packs[english ? "en" : "id"];
            var tokens = pack.Tokenizer.Tokenize(text);
            var previousEnd = 0;
            foreach (var token in tokens)
            {
                if (token.Start < previousEnd || token.End <= token.Start || token.End > text.Length || text[token.Start..token.End] != token.Text)
                {
                    return false;
                }
                previousEnd = token.End;
            }
            return true;
        });

    [Property(MaxTest = 300)]
    public Property No_letter_or_digit_is_left_outside_a_token(bool english) =>
        Prop.ForAll(NewsText(), text =>
        {
            var pack = Repo.Engine.Packs[english ? "en" : "id"];
            var covered = new bool[text.Length];
            foreach (var token in pack.Tokenizer.Tokenize(text))
            {
                Array.Fill(covered, true, token.Start, token.End - token.Start);
            }
            return Enumerable.Range(0, text.Length).All(i => covered[i] || !char.IsLetterOrDigit(text[i]));
        });

    [Property(MaxTest = 200)]
    public Property Sentences_cover_the_tokens_in_order_without_gaps(bool english) =>
        Prop.ForAll(NewsText(), text =>
        {
            var pack = Repo.Engine.Packs[english ? "en" : "id"];
            var tokens = pack.Tokenizer.Tokenize(text);
            var sentences = pack.SentenceSplitter.Split(text, tokens);
            var next = 0;
            foreach (var sentence in sentences)
            {
                if (sentence.FirstToken != next || sentence.TokenCount <= 0 || sentence.Start > sentence.End || sentence.End > text.Length)
                {
                    return false;
                }
                next += sentence.TokenCount;
            }
            return next == tokens.Count;
        });

    /// <summary>A token does not hold its sentence's index: the output works it out from the sentences, and must name the sentence
    /// whose characters hold the token, in order.</summary>
    [Property(MaxTest = 100)]
    public Property Each_token_written_out_names_the_sentence_that_holds_it(bool english) =>
        Prop.ForAll(NewsText(), text =>
        {
            var source = new SourceDocument("p", text) { Language = english ? "en" : "id" };
            if (Repo.Engine.Clean(source).Text.Trim().Length == 0)
            {
                return true; // nothing to read: an input error, covered below
            }
            using var json = JsonDocument.Parse(ResultWriter.ToJson(Repo.Engine.Process(source), tokens: true));
            var sentences = json.RootElement.GetProperty("sentences").EnumerateArray()
                .ToDictionary(
                    s => s.GetProperty("index").GetInt32(),
                    s => (Start: s.GetProperty("start").GetInt32(), End: s.GetProperty("end").GetInt32()));
            var previous = 0;
            foreach (var token in json.RootElement.GetProperty("tokens").EnumerateArray())
            {
                var index = token.GetProperty("sentence").GetInt32();
                if (index < previous || !sentences.TryGetValue(index, out var sentence)
                    || token.GetProperty("start").GetInt32() < sentence.Start || token.GetProperty("end").GetInt32() > sentence.End)
                {
                    return false;
                }
                previous = index;
            }
            return true;
        });

    [Property(MaxTest = 100)]
    public Property The_whole_pipeline_keeps_entity_and_event_offsets_true(bool english) =>
        Prop.ForAll(NewsText(), text =>
        {
            var source = new SourceDocument("p", text) { Language = english ? "en" : "id" };
            if (Repo.Engine.Clean(source).Text.Trim().Length == 0)
            {
                // Nothing left to read is the caller's error, reported as such rather than an empty result.
                return Throws<InputException>(() => Repo.Engine.Process(source));
            }
            var document = Repo.Engine.Process(source);
            return document.Entities.All(e => document.Text[e.Start..e.End] == e.Text)
                && document.Events.All(e => e.EvidenceStart <= e.TriggerStart && e.TriggerEnd <= e.EvidenceEnd && e.EvidenceEnd <= document.Text.Length);
        });

    private static bool Throws<T>(Action action)
        where T : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (T)
        {
            return true;
        }
    }

    [Property(MaxTest = 300)]
    public Property A_tokens_lower_case_is_the_runtimes_and_the_very_text_when_nothing_changes() =>
        Prop.ForAll(NewsText(), text =>
        {
            // Token.LowerCase answers most words by a loop of its own; what it returns must be what lower-casing gives, and, as
            // the runtime's, the text itself exactly when nothing changes (no copy of a word already in lower case).
            var lower = Token.LowerCase(text);
            var expected = text.ToLowerInvariant();
            return lower == expected && ReferenceEquals(lower, text) == ReferenceEquals(expected, text);
        });
}
