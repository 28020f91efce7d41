using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Tests.Support;

namespace Kabar.Tests.Languages;

/// <summary>The word table under the phrase tables and the word sets must answer exactly as a dictionary would: a word it
/// lost would be a name, a title or a lemma the pipeline silently stops finding.</summary>
public sealed class WordTableTests
{
    [Property(MaxTest = 300)]
    public Property A_word_table_answers_as_a_dictionary_of_its_words() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            var exact = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < members.Length; i++)
            {
                exact.TryAdd(members[i], i);
            }
            var table = new WordTable<int>([.. members.Select((w, i) => KeyValuePair.Create(w, i))]);
            return table.Count == exact.Count
                && table.Words.Order(StringComparer.Ordinal).SequenceEqual(exact.Keys.Order(StringComparer.Ordinal))
                && others.Concat(members).All(w => table.TryGetValue(w, out var value) == exact.TryGetValue(w, out var expected) && value == expected
                    && table.TryGetValue(("<" + w + ">").AsSpan(1, w.Length), out var bySpan) == exact.ContainsKey(w) && bySpan == expected);
        });

    [Property(MaxTest = 300)]
    public Property A_token_is_looked_up_by_its_key_as_its_word_would_be() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            // Segmentation's tokens carry their word's hash (LowerKey) and the table takes it instead of hashing again; tokens made
            // elsewhere have none, and a token whose lower-cased text was replaced has forgotten it.
            var table = new WordTable<int>([.. members.Select((w, i) => KeyValuePair.Create(w, i))]);
            return others.Concat(members).All(w =>
            {
                var expected = table.TryGetValue(w, out var value) ? value : -1;
                var plain = new Token(0, w.Length, w, TokenKind.Word) { Lower = w };
                var keyed = plain with { LowerKey = WordFilter.KeyOf(w) };
                var replaced = (new Token(0, 1, "x", TokenKind.Word) with { LowerKey = WordFilter.KeyOf("x") }) with { Lower = w };
                return Found(plain) == expected && Found(keyed) == expected && Found(replaced) == expected && table.ContainsKey(in keyed) == expected >= 0;
            });

            int Found(in Token token) => table.TryGetValue(in token, out var value) ? value : -1;
        });

    [Fact]
    public void Two_words_of_one_length_and_one_hash_are_told_apart()
    {
        var (a, b) = WordArbitrary.SameHashPair(7, seed: 5);
        var table = new WordTable<int>([KeyValuePair.Create(a, 1)]);
        Assert.True(table.ContainsKey(a));
        Assert.False(table.ContainsKey(b));
        Assert.False(table.ContainsKey(("<" + b + ">").AsSpan(1, b.Length)));
    }

    [Fact]
    public void A_full_vocabulary_is_found_and_case_and_strangers_are_not()
    {
        var random = new Random(11);
        string Word() => new([.. Enumerable.Range(0, random.Next(1, 14)).Select(_ => (char)('a' + random.Next(26)))]);
        var words = Enumerable.Range(0, 50_000).Select(_ => Word()).Distinct(StringComparer.Ordinal).ToList();
        var table = new WordTable<string>([.. words.Select(w => KeyValuePair.Create(w, w.ToUpperInvariant()))]);
        Assert.All(words, w => Assert.True(table.TryGetValue(w, out var upper) && upper == w.ToUpperInvariant()));
        Assert.False(table.ContainsKey(words[0].ToUpperInvariant()));
        Assert.False(table.ContainsKey(words[0] + "é"));
        Assert.False(WordTable<string>.Empty.ContainsKey(""));
    }
}
