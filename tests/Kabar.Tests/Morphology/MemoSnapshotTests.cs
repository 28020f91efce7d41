using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Morphology;
using Kabar.Tests.Support;

namespace Kabar.Tests.Morphology;

/// <summary>The memo's snapshot tells most words by a number that spells them instead of reading their characters: two words
/// it took for one would give one of them the other's lemma, silently.</summary>
public sealed class MemoSnapshotTests
{
    /// <summary>Words of 0–14 characters, mostly ones that can be spelled (a–z, hyphen, apostrophe, dot) and some that cannot
    /// (a capital, a digit, an accent, or more than twelve characters); few letters, so that near neighbours are common.</summary>
    private static Arbitrary<string[]> Words() =>
        (from length in Gen.Choose(0, 14)
         from letters in Gen.Elements("ab-'.aabbA1é".ToCharArray()).ArrayOf(length)
         select new string(letters)).ArrayOf().ToArbitrary();

    [Property(MaxTest = 300)]
    public Property The_snapshot_answers_as_a_dictionary_of_its_words_by_word_and_by_token() =>
        Prop.ForAll(Words(), Words(), (members, others) =>
        {
            var exact = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < members.Length; i++)
            {
                exact.TryAdd(members[i], i);
            }
            var snapshot = new MemoSnapshot<int>([.. members.Select((w, i) => KeyValuePair.Create(w, i))]);
            return snapshot.Count == exact.Count && others.Concat(members).All(w =>
            {
                var expected = exact.TryGetValue(w, out var value) ? value : -1;
                var token = new Token(0, w.Length, w, TokenKind.Word) { Lower = w } with { LowerKey = WordFilter.KeyOf(w) };
                return Found(snapshot.TryGetValue(new string(w.AsSpan()), out var byWord), byWord) == expected
                    && Found(snapshot.TryGetValue(in token, out var byToken), byToken) == expected;
            });

            static int Found(bool found, int value) => found ? value : -1;
        });

    [Fact]
    public void Words_that_differ_in_one_character_at_either_end_or_in_length_are_told_apart()
    {
        // Twelve characters fill the number's sixty bits: a thirteenth would push the first out, and a code shared by two
        // characters would make their words one.
        string[] words =
        [
            "a", "aa", "b", "ab", "ba", "a-", "a'", "a.", "-", "'", ".",
            new('z', 12), "y" + new string('z', 11), new string('z', 11) + "y",
            new('z', 13), "y" + new string('z', 12), "a" + new string('z', 12), "i" + new string('z', 12),
        ];
        // Each its own number (a word is found by its number only among the words of its hash's slots, so two words with one
        // number could hide from the look-ups here and still meet in some larger snapshot).
        Assert.Equal(words.Length, words.Select(w => MemoSnapshot<string>.TagOf(w, WordHash.Of(w))).Distinct().Count());
        var snapshot = new MemoSnapshot<string>([.. words.Select(w => KeyValuePair.Create(w, w))]);
        Assert.Equal(words.Length, snapshot.Count);
        Assert.All(words, w => Assert.True(snapshot.TryGetValue(new string(w.AsSpan()), out var found) && found == w, w));
        Assert.False(snapshot.TryGetValue(new string('z', 10), out _));
        Assert.False(snapshot.TryGetValue("x" + new string('z', 12), out _));
        Assert.False(MemoSnapshot<string>.Empty.TryGetValue("a", out _));
    }

    [Fact]
    public void Two_words_too_long_to_spell_with_one_hash_are_told_apart_by_their_characters()
    {
        var (a, b) = WordArbitrary.SameHashPair(MemoSnapshot<int>.MaxSpelledLength + 1, seed: 7);
        var snapshot = new MemoSnapshot<int>([KeyValuePair.Create(a, 1)]);
        Assert.True(snapshot.TryGetValue(a, out _));
        Assert.False(snapshot.TryGetValue(b, out _));
    }
}
