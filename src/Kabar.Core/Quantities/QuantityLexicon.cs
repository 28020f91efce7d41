using System.Collections.Frozen;
using Kabar.Languages;

namespace Kabar.Quantities;

/// <summary>A counted noun: its English class and the actor role it implies.</summary>
/// <param name="Class">English plural used in output (<c>civilians</c>).</param>
/// <param name="Role">CAMEO role (<c>CVL</c>), or null.</param>
public sealed record CountedNoun(string Class, string? Role);

/// <summary>A unit written with an amount: a currency or a percentage.</summary>
/// <param name="Unit">ISO 4217 currency code or <c>%</c>.</param>
/// <param name="Class"><c>money</c> or <c>percent</c>.</param>
/// <param name="Before">True for symbols written before the amount (<c>Rp</c>, <c>$</c>).</param>
public sealed record QuantityUnit(string Unit, string Class, bool Before);

/// <summary>Quantity words of one language (<c>lang/&lt;code&gt;/quantities/</c>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class QuantityLexicon
{
    /// <summary>Qualifiers before an amount (<c>lebih dari</c> → <c>more_than</c>).</summary>
    public required PhraseTable<string> Qualifiers { get; init; }

    /// <summary>Counted nouns.</summary>
    public required PhraseTable<CountedNoun> Nouns { get; init; }

    /// <summary>Words that make a count a casualty or action figure (<c>tewas</c> → <c>killed</c>), matched on form or lemma.</summary>
    public required PhraseTable<string> Outcomes { get; init; }

    /// <summary>Currencies and percent signs.</summary>
    public required PhraseTable<QuantityUnit> Units { get; init; }

    /// <summary>Words allowed between an amount and its noun (<c>of</c> in <c>hundreds of people</c>, classifiers like <c>orang</c>).</summary>
    public required FrozenSet<string> Links { get; init; }

    /// <summary>Words before a number that make it a label, not an amount (<c>Pasal</c>, <c>nomor</c>, <c>No.</c>).</summary>
    public required FrozenSet<string> LabelWords { get; init; }

    /// <summary>Every lower-case word a quantity not written with figures can start with: the first words of qualifiers and units,
    /// and the number words a number can begin with. Other tokens, unless they hold a hyphen ("twenty-five"), start none, and the
    /// tagger does not try them. Null for a lexicon not made by <see cref="Load"/>: every token is tried.</summary>
    internal WordSet? LeadWords { get; private set; }

    /// <summary>Loads the lexicon of a language folder. Currency and percent rows live in <c>quantities/nouns.tsv</c> (columns
    /// <c>unit</c>, <c>position</c>); label words are the <c>label</c> rows of <c>numbers.tsv</c>; link words the pack setting
    /// <c>quantity_links</c>.</summary>
    public static QuantityLexicon Load(DataSource data, string code, Func<string, IEnumerable<string>> tokenize, IReadOnlyDictionary<string, string> settings,
        NumberLexicon numbers)
    {
        string P(string file) => $"{code}/quantities/{file}";
        var nouns = DataFile.ReadTable(P("nouns.tsv"), data.Read(P("nouns.tsv")), "phrase", "class");
        var lexicon = new QuantityLexicon
        {
            Qualifiers = PhraseTable<string>.Build(
                DataFile.ReadTable(P("qualifiers.tsv"), data.Read(P("qualifiers.tsv")), "phrase", "qualifier").Select(r => (r["phrase"], r["qualifier"])),
                tokenize),
            Nouns = PhraseTable<CountedNoun>.Build(
                nouns.Where(r => r.Optional("unit") is null).Select(r => (r["phrase"], new CountedNoun(r["class"], r.Optional("role")))),
                tokenize),
            Outcomes = PhraseTable<string>.Build(
                DataFile.ReadTable(P("outcomes.tsv"), data.Read(P("outcomes.tsv")), "word", "outcome").Select(r => (r["word"], r["outcome"])),
                tokenize),
            Units = PhraseTable<QuantityUnit>.Build(
                nouns.Where(r => r.Optional("unit") is not null)
                    .Select(r => (r["phrase"], new QuantityUnit(r["unit"], r["class"], r.Optional("position") == "before"))),
                tokenize),
            Links = (settings.GetValueOrDefault("quantity_links") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal),
            LabelWords = DataFile.ReadTable($"{code}/numbers.tsv", data.Read($"{code}/numbers.tsv"), "word", "kind")
                .Where(r => r["kind"] == "label").Select(r => r["word"].ToLowerInvariant().TrimEnd('.'))
                .ToFrozenSet(StringComparer.Ordinal),
        };
        // Derived from the tables above, once, here: the tagger asks it about every token.
        lexicon.LeadWords = new WordSet(lexicon.Qualifiers.FirstWords.Concat(lexicon.Units.FirstWords).Concat(numbers.StartWords)
            .Distinct(StringComparer.Ordinal));
        return lexicon;
    }
}
