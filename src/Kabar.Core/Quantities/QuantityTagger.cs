using System.Globalization;
using System.Runtime.InteropServices;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Quantities;

/// <summary>
/// Finds counted amounts (<c>lebih dari 2.000 warga sipil</c>, <c>at least 12 people</c>, <c>ratusan demonstran</c>,
/// <c>Rp3,2 triliun</c>, <c>30 persen</c>) with their qualifier, counted noun and, when the sentence says so, what
/// happened to them (<c>tewas</c> → <c>killed</c>). A bare number with nothing counted is not a quantity; years,
/// dates, clock times and labels (<c>Pasal 2</c>) are not either.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class QuantityTagger(IReadOnlyDictionary<string, (QuantityLexicon Quantities, NumberLexicon Numbers)> languages) : IStage
{
    private const int OutcomeWindow = 6;

    /// <inheritdoc />
    public string Name => "quantity";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["tokens", "entities:DATE"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["entities:QUANTITY"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (!languages.TryGetValue(document.Language, out var lexicons))
        {
            return document;
        }
        // The dates and times, ordered by sentence, so each sentence takes its own as a slice instead of a scan of every entity.
        var dates = new List<Entity>();
        foreach (var entity in document.Entities)
        {
            if (entity.Type is EntityType.DATE or EntityType.TIME)
            {
                dates.Add(entity);
            }
        }
        // Only whether a token overlaps one of them counts, not their order.
        dates.Sort(static (a, b) => a.Sentence.CompareTo(b.Sentence));
        List<Entity>? found = null;
        var first = 0;
        foreach (var sentence in document.Sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (first < dates.Count && dates[first].Sentence < sentence.Index)
            {
                first++;
            }
            var last = first;
            while (last < dates.Count && dates[last].Sentence == sentence.Index)
            {
                last++;
            }
            TagSentence(document, sentence, lexicons.Quantities, lexicons.Numbers, CollectionsMarshal.AsSpan(dates)[first..last], ref found);
            first = last;
        }
        return found is null ? document : document with { Entities = document.Entities.AddRange(CollectionsMarshal.AsSpan(found)) };
    }

    /// <summary>Quantities of one sentence, skipping tokens inside <paramref name="taken"/>.</summary>
    public static List<Entity> TagSentence(Document document, Sentence sentence, QuantityLexicon lexicon, NumberLexicon numbers, IReadOnlyList<Entity> taken)
    {
        List<Entity>? found = null;
        TagSentence(document, sentence, lexicon, numbers, taken.ToArray(), ref found);
        return found ?? [];
    }

    /// <summary>Adds the quantities of one sentence to <paramref name="found"/>, which is made on the first one: most sentences have none.</summary>
    private static void TagSentence(Document document, Sentence sentence, QuantityLexicon lexicon, NumberLexicon numbers, ReadOnlySpan<Entity> taken,
        ref List<Entity>? found)
    {
        var tokens = document.TokensOf(sentence);
        var leads = lexicon.LeadWords;
        var i = 0;
        while (i < tokens.Length)
        {
            if (!MayStart(tokens[i], leads) || MatchAt(tokens, i, lexicon, numbers, taken) is not var (start, end, value))
            {
                i++;
                continue;
            }
            var from = tokens[start].Start;
            var to = tokens[end - 1].End;
            (found ??= []).Add(new Entity(from, to, document.Text[from..to], EntityType.QUANTITY, sentence.Index)
            {
                Quantity = value,
                Rule = "quantity",
            });
            i = end;
        }
    }

    /// <summary>False when no quantity can start at the token (see <see cref="QuantityLexicon.LeadWords"/>), which is most tokens:
    /// <see cref="MatchAt"/> would ask the qualifiers, the units and the number words about it in turn.</summary>
    private static bool MayStart(in Token token, WordSet? leads) => leads is null || leads.MayLead(in token);

    private static (int Start, int End, QuantityValue Value)? MatchAt(
        ReadOnlySpan<Token> tokens, int i, QuantityLexicon lexicon, NumberLexicon numbers, ReadOnlySpan<Entity> taken)
    {
        var start = i;
        string? qualifier = null;
        if (lexicon.Qualifiers.TryMatch(tokens, i, out var qualifierLength, out var q))
        {
            qualifier = q;
            i += qualifierLength;
        }
        QuantityUnit? unit = null;
        if (i < tokens.Length && lexicon.Units.TryMatch(tokens, i, out var unitLength, out var u) && u.Before)
        {
            unit = u;
            i += unitLength;
        }
        if (i >= tokens.Length || IsTaken(tokens[i], taken) || !numbers.TryRead(tokens, i, out var value, out var numberLength, out var vague))
        {
            return null;
        }
        if (i > 0 && lexicon.LabelWords.Contains(tokens[i - 1].Lower.TrimEnd('.')))
        {
            return null;
        }
        if (tokens[i].Kind == TokenKind.Number && IsYearLike(tokens[i].Text) && qualifier is null && unit is null)
        {
            return null;
        }
        var end = i + numberLength;
        var unitAt = end < tokens.Length && lexicon.Links.Contains(tokens[end].Lower) ? end + 1 : end;
        if (unit is null && unitAt < tokens.Length && lexicon.Units.TryMatch(tokens, unitAt, out var afterLength, out var after) && !after.Before)
        {
            unit = after; // "5 juta dolar", "billions of dollars"
            end = unitAt + afterLength;
        }
        string? of = null;
        CountedNoun? noun = null;
        if (unit is null)
        {
            var nounAt = end;
            // Classifiers and "of" ("dua orang tentara", "hundreds of people") and nationality words ("30 Russian soldiers",
            // "ribuan pengungsi Rohingya" has it after) may stand between the amount and the noun.
            for (var skipped = 0; nounAt < tokens.Length && skipped < 3; skipped++)
            {
                var linked = lexicon.Links.Contains(tokens[nounAt].Lower) && nounAt + 1 < tokens.Length
                    && (lexicon.Nouns.StartsWith(tokens[nounAt + 1].Lower) || tokens[nounAt + 1].IsCapitalized);
                var adjective = tokens[nounAt].IsCapitalized && tokens[nounAt].Kind == TokenKind.Word && nounAt + 1 < tokens.Length
                    && !lexicon.Nouns.StartsWith(tokens[nounAt].Lower);
                if (!linked && !adjective)
                {
                    break;
                }
                nounAt++;
            }
            if (nounAt < tokens.Length && lexicon.Nouns.TryMatch(tokens, nounAt, out var nounLength, out var n))
            {
                noun = n;
                of = JoinText(tokens, nounAt, nounAt + nounLength);
                end = nounAt + nounLength;
            }
        }
        var outcome = FindOutcome(tokens, start, end, lexicon);
        if (unit is null && noun is null && outcome is null)
        {
            // "lebih dari 10", "over five years": with nothing counted and nothing happening it is not a quantity.
            return null;
        }
        qualifier ??= vague ? "at_least" : "exact";
        return (start, end, new QuantityValue(value, qualifier, of, noun?.Class ?? unit?.Class, outcome, unit?.Unit, noun?.Role));
    }

    private static string? FindOutcome(ReadOnlySpan<Token> tokens, int start, int end, QuantityLexicon lexicon)
    {
        // A verb right before the amount governs it: "killed 12 people and wounded 30 others", "menewaskan 12 orang".
        if (start > 0 && Outcome(tokens, start - 1, lexicon) is { } governing)
        {
            return governing;
        }
        // The noun itself may say it ("20 korban jiwa").
        for (var k = start; k < end; k++)
        {
            if (lexicon.Outcomes.TryMatch(tokens, k, out var length, out var inside) && k + length == end)
            {
                return inside;
            }
        }
        // After the noun: "2.000 orang tewas", "12 people were killed", "lebih dari 2.000 orang telah dievakuasi".
        for (var k = end; k < tokens.Length && k < end + OutcomeWindow; k++)
        {
            if (tokens[k].Kind == TokenKind.Punctuation && tokens[k].Text != "-")
            {
                break;
            }
            if (Outcome(tokens, k, lexicon) is { } after)
            {
                return after;
            }
        }
        return null;
    }

    private static string? Outcome(ReadOnlySpan<Token> tokens, int k, QuantityLexicon lexicon)
    {
        if (lexicon.Outcomes.TryMatch(tokens, k, out _, out var byForm))
        {
            return byForm;
        }
        return lexicon.Outcomes.TryMatch(tokens, k, static t => t.Lemma, out _, out var byLemma) ? byLemma : null;
    }

    private static string JoinText(ReadOnlySpan<Token> tokens, int from, int to)
    {
        var parts = new string[to - from];
        for (var k = from; k < to; k++)
        {
            parts[k - from] = tokens[k].Text;
        }
        return string.Join(' ', parts);
    }

    private static bool IsTaken(in Token token, ReadOnlySpan<Entity> taken)
    {
        foreach (var entity in taken)
        {
            if (token.Start < entity.End && entity.Start < token.End)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsYearLike(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100;
}
