using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Tests.Support;

namespace Kabar.Tests.Languages;

/// <summary>The filter in front of every phrase table and word set may let a stranger through, never turn a member away: a member
/// turned away would be a phrase, a date word or a number word the pipeline silently stops finding.</summary>
public sealed class WordFilterTests
{
    [Property(MaxTest = 300)]
    public Property Every_word_of_the_set_passes_and_so_does_its_first_letter() =>
        Prop.ForAll(WordArbitrary.Words(), words =>
        {
            var filter = new WordFilter(words);
            var set = new WordSet(words);
            return words.All(w => filter.MayContain(w) && set.Contains(w) && (w.Length == 0 || (filter.MayStartWith(w[0]) && set.MayStartWith(w[0]))));
        });

    [Property(MaxTest = 300)]
    public Property A_word_set_answers_as_the_set_of_its_words() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            var set = new WordSet(members);
            var exact = members.ToHashSet(StringComparer.Ordinal);
            // Also by a span inside a longer text, as the time stage asks about a word without its abbreviation's dot.
            return others.Concat(members).All(w => set.Contains(w) == exact.Contains(w) && set.Contains(("<" + w + ">").AsSpan(1, w.Length)) == exact.Contains(w));
        });

    [Property(MaxTest = 300)]
    public Property A_token_is_asked_about_by_its_key_as_its_word_would_be() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            // Tokens as segmentation leaves them (key worked out), as other callers make them (no key), and with their lower-cased text
            // replaced afterwards, which must forget the key of the old text.
            var filter = new WordFilter(members);
            var set = new WordSet(members);
            return others.Concat(members).All(w =>
            {
                var plain = new Token(0, w.Length, w, TokenKind.Word) { Lower = w };
                var keyed = plain with { LowerKey = WordFilter.KeyOf(w) };
                var replaced = (new Token(0, 1, "x", TokenKind.Word) with { LowerKey = WordFilter.KeyOf("x") }) with { Lower = w };
                var expected = filter.MayContain(w);
                return filter.MayContain(in plain) == expected && filter.MayContain(in keyed) == expected && filter.MayContain(in replaced) == expected
                    && set.Contains(in keyed) == set.Contains(w) && set.Contains(in replaced) == set.Contains(w);
            });
        });

    [Property(MaxTest = 300)]
    public Property A_word_is_asked_about_in_lower_case_as_its_lower_cased_form_would_be() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            // Language identification asks by the word as written; the filter may never turn away a word whose lower case is a member.
            var lowered = members.Select(w => w.ToLowerInvariant()).ToArray();
            var filter = new WordFilter(lowered);
            return others.Concat(members).Concat(members.Select(w => w.ToUpperInvariant())).All(w =>
                filter.MayContainLowered(w) == filter.MayContain(w.ToLowerInvariant()) || (w.Any(char.IsSurrogate) && filter.MayContainLowered(w)));
        });

    [Fact]
    public void Segmentation_gives_each_token_the_key_of_its_lower_cased_text_and_whether_it_holds_a_hyphen()
    {
        var document = Repo.Engine.Process(new Kabar.Input.SourceDocument("k",
            "Pasukan Azerbaijan menyerang Nagorno-Karabakh, kata PBB. Troops attacked the city in mid-October, twenty-five said."));
        Assert.NotEmpty(document.Tokens);
        Assert.All(document.Tokens, t => Assert.Equal(WordFilter.KeyOf(t.Lower), t.LowerKey));
        Assert.All(document.Tokens, t => Assert.Equal(t.Lower.Contains('-'), t.LowerHasHyphen));
        Assert.Contains(document.Tokens, t => t.LowerHyphen == 2);
        Assert.DoesNotContain(document.Tokens, t => t.LowerHyphen == 0);
    }

    /// <summary>An Indonesian and an English report with affixed, inflected and passive words, through the whole pipeline.</summary>
    private static (Kabar.Model.Document Indonesian, Kabar.Model.Document English) AnalysedNews() => (
        Repo.Engine.Process(new Kabar.Input.SourceDocument("k", "Serangan pasukan Azerbaijan menyerang Nagorno-Karabakh dan "
            + "menewaskan puluhan warga sipil, kata PBB. Militer Armenia diserang dan dievakuasi.")),
        Repo.Engine.Process(new Kabar.Input.SourceDocument("e", "Attacks killed dozens of civilians, officials said. Troops attacked the "
            + "villages. The talks were suspended and the villages evacuated.")));

    [Fact]
    public void Morphology_gives_each_token_whose_lemma_is_not_its_word_the_key_of_that_lemma()
    {
        // The event stage asks its filter about a lemma by this key, and turns the lemma away when the filter does: a key that is
        // not the lemma's would lose the patterns of every inflected or affixed verb.
        var (document, english) = AnalysedNews();
        var tokens = document.Tokens.Concat(english.Tokens).ToList();
        Assert.All(tokens, t => Assert.Equal(ReferenceEquals(t.Lemma, t.Lower) ? 0 : WordFilter.KeyOf(t.Lemma), t.LemmaKey));
        Assert.Contains(document.Tokens, t => t.LemmaKey != 0);
        Assert.Contains(english.Tokens, t => t.LemmaKey != 0);
        // A lemma given afterwards is not the one the key was made for.
        var attacked = english.Tokens.First(t => t.Lower == "attacked");
        Assert.Equal(0u, (attacked with { Lemma = "strike" }).LemmaKey);
    }

    [Fact]
    public void A_set_asked_about_a_tokens_lemma_answers_as_it_does_for_the_lemma_itself()
    {
        // The entity stage asks its common-word set about a capitalised word's lemma by the lemma's key: a key read wrongly would
        // take "Serangan" or "Attacks" at the start of a sentence for a name.
        var (document, english) = AnalysedNews();
        var tokens = document.Tokens.Concat(english.Tokens).ToList();
        var lemmas = tokens.Select(t => t.Lemma).Distinct(StringComparer.Ordinal).ToList();
        // Every other lemma, and some words that are no lemma here.
        var set = new WordSet(lemmas.Where((_, k) => k % 2 == 0).Concat(["kill", "evacuate", "serang"]));
        Assert.Contains(tokens, t => t.LemmaKey != 0 && set.Contains(t.Lemma));
        Assert.Contains(tokens, t => t.LemmaKey != 0 && !set.Contains(t.Lemma));
        Assert.All(tokens, t => Assert.Equal(set.Contains(t.Lemma), set.ContainsLemma(in t)));
        // A lemma given afterwards has no key: the set is asked about the word.
        Assert.All(tokens, t => Assert.Equal(set.Contains("kill"), set.ContainsLemma(t with { Lemma = "kill" })));
    }

    [Property(MaxTest = 300)]
    public Property A_token_may_lead_a_phrase_as_its_word_would_whether_or_not_segmentation_looked_for_its_hyphen() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            var set = new WordSet(members);
            return others.Concat(members).Concat(others.Zip(members, (a, b) => b + "-" + a)).All(w =>
            {
                var plain = new Token(0, w.Length, w, TokenKind.Word) { Lower = w };
                var segmented = plain with { LowerKey = WordFilter.KeyOf(w), LowerHyphen = w.Contains('-') ? (byte)2 : (byte)1 };
                // Segmented as "x-", then given another lower-cased text: what segmentation found no longer holds.
                var replaced = (plain with { Lower = "x-" } with { LowerKey = WordFilter.KeyOf("x-"), LowerHyphen = 2 }) with { Lower = w };
                var expected = set.Contains(w) || (w.Length > 0 && (char.IsDigit(w[0]) || (set.MayStartWith(w[0]) && w.Contains('-'))));
                return set.MayLead(in plain) == expected && set.MayLead(in segmented) == expected && set.MayLead(in replaced) == expected;
            });
        });

    [Fact]
    public void Nearly_every_word_outside_the_set_is_turned_away()
    {
        var random = new Random(7);
        string Word() => new([.. Enumerable.Range(0, random.Next(2, 12)).Select(_ => (char)('a' + random.Next(26)))]);
        var members = Enumerable.Range(0, 3000).Select(_ => Word()).ToHashSet(StringComparer.Ordinal);
        var strangers = Enumerable.Range(0, 30000).Select(_ => Word()).Where(w => !members.Contains(w)).ToList();
        var filter = new WordFilter(members);
        var passed = strangers.Count(w => filter.MayContain(w));
        Assert.True(passed < strangers.Count / 20, $"{passed} of {strangers.Count} words outside the set passed the filter");
    }
}
