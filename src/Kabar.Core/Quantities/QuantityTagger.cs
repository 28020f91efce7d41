using System.Collections.Immutable;
using System.Globalization;
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
    private const int OutcomeWindow = 4;

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
        var found = ImmutableArray.CreateBuilder<Entity>();
        foreach (var sentence in document.Sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var taken = document.Entities.Where(e => e.Sentence == sentence.Index && e.Type is EntityType.DATE or EntityType.TIME).ToList();
            found.AddRange(TagSentence(document, sentence, lexicons.Quantities, lexicons.Numbers, taken));
        }
        return document with { Entities = document.Entities.AddRange(found) };
    }

    /// <summary>Quantities of one sentence, skipping tokens inside <paramref name="taken"/>.</summary>
    public static List<Entity> TagSentence(Document document, Sentence sentence, QuantityLexicon lexicon, NumberLexicon numbers, IReadOnlyList<Entity> taken)
    {
        var tokens = document.TokensOf(sentence);
        var result = new List<Entity>();
        var i = 0;
        while (i < tokens.Length)
        {
            var match = MatchAt(tokens, i, lexicon, numbers, taken);
            if (match is null)
            {
                i++;
                continue;
            }
            var (start, end, value) = match.Value;
            var from = tokens[start].Start;
            var to = tokens[end - 1].End;
            result.Add(new Entity(from, to, document.Text[from..to], EntityType.QUANTITY, sentence.Index)
            {
                Quantity = value,
                Rule = "quantity",
            });
            i = end;
        }
        return result;
    }

    private static (int Start, int End, QuantityValue Value)? MatchAt(
        ReadOnlySpan<Token> tokens, int i, QuantityLexicon lexicon, NumberLexicon numbers, IReadOnlyList<Entity> taken)
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
        if (unit is null && end < tokens.Length && lexicon.Units.TryMatch(tokens, end, out var afterLength, out var after) && !after.Before)
        {
            unit = after;
            end += afterLength;
        }
        string? of = null;
        CountedNoun? noun = null;
        if (unit is null)
        {
            var nounAt = end;
            while (nounAt < tokens.Length && lexicon.Links.Contains(tokens[nounAt].Lower) && !lexicon.Nouns.StartsWith(tokens[nounAt].Lower))
            {
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
        if (unit is null && noun is null && qualifier is null && outcome is null)
        {
            return null;
        }
        if (unit is null && noun is null && outcome is null && tokens[i].Kind == TokenKind.Number && !vague)
        {
            // "lebih dari 10" with nothing counted and nothing happening is not worth a quantity.
            return null;
        }
        qualifier ??= vague ? "at_least" : "exact";
        return (start, end, new QuantityValue(value, qualifier, of, noun?.Class ?? unit?.Class, outcome, unit?.Unit));
    }

    private static string? FindOutcome(ReadOnlySpan<Token> tokens, int start, int end, QuantityLexicon lexicon)
    {
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
        // Before the amount: "menewaskan 12 orang", "killing at least 12", "mengevakuasi lebih dari 2.000 warga sipil".
        for (var k = start - 1; k >= 0 && k >= start - 2; k--)
        {
            if (tokens[k].Kind == TokenKind.Punctuation)
            {
                break;
            }
            if (Outcome(tokens, k, lexicon) is { } before)
            {
                return before;
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

    private static bool IsTaken(Token token, IReadOnlyList<Entity> taken)
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
