using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.LanguageId;

namespace Kabar.Tests.LanguageId;

/// <summary>The language identifier looks most words up by a number packed from their letters: a profile word missed that way, in
/// any case, would shift the counts that decide a text's language and its confidence.</summary>
public sealed class PackedWordTableTests
{
    private static readonly string[] Profile1 = ["the", "of", "and", "don't", "The", "international", "über", "twelve", "abcdefgh", "abcdefghi", "x"];
    private static readonly string[] Profile2 = ["dan", "yang", "di", "the", "tidak", "abcdefgh", "pemerintah", "ke'", "naïve"];
    private static readonly string[] Others = ["then", "thee", "abcdefg", "abcdefghij", "ubér", "naive", "dont", "supercalifragilistic", "Ⅻ"];
    private static readonly string[] Separators = [" ", ", ", "\n", "-", "\u2019", "123", " '", ".\u00A0", "\U0001F600"];

    /// <summary>Words of one to ten characters from a small alphabet (upper and lower case, apostrophe), so that collisions of
    /// lower case, length and prefix are common; "g" shares its low five bits with the apostrophe.</summary>
    private static Arbitrary<string[]> ShortWords() =>
        (from length in Gen.Choose(1, 10)
         from letters in Gen.Elements('a', 'b', 'g', 'z', 'A', 'B', 'G', 'Z', '\'', 'é').ArrayOf(length)
         select new string(letters)).ArrayOf().ToArbitrary();

    [Property(MaxTest = 300)]
    public Property A_word_is_found_in_any_case_with_the_bits_of_every_entry_of_its_lower_case(string[] arbitrary) =>
        Prop.ForAll(ShortWords(), ShortWords(), (members, probes) =>
        {
            var entries = members.Concat(arbitrary.Where(w => w is not null))
                .Select((w, k) => KeyValuePair.Create(w, 1u << (k % PackedWordTable.MaxBits))).ToArray();
            var table = new PackedWordTable(entries);
            return probes.Concat(members).Concat(members.Select(w => w.ToUpperInvariant())).All(w =>
            {
                var packs = PackedWordTable.TryPack(w, out var key);
                var expected = entries.Where(e => PackedWordTable.TryPack(e.Key, out _) && e.Key.ToLowerInvariant() == w.ToLowerInvariant())
                    .Aggregate(0u, (bits, e) => bits | e.Value);
                var packable = w.Length is > 0 and <= PackedWordTable.MaxLength && w.All(c => char.IsAsciiLetter(c) || c == '\'');
                return packs == packable && (!packs || table.Get(key) == expected);
            });
        });

    [Fact]
    public void Words_too_long_or_outside_ascii_are_left_to_the_other_table()
    {
        Assert.True(PackedWordTable.TryPack("Abcdefgh", out var key));
        Assert.True(PackedWordTable.TryPack("abcdefgh", out var lower));
        Assert.Equal(lower, key);
        Assert.False(PackedWordTable.TryPack("abcdefghi", out _));
        Assert.False(PackedWordTable.TryPack("über", out _));
        Assert.False(PackedWordTable.TryPack("", out _));
        var table = new PackedWordTable([KeyValuePair.Create("über", 1u), KeyValuePair.Create("abcdefghi", 2u), KeyValuePair.Create("dan", 4u)]);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void The_identifier_takes_as_many_candidates_as_a_slot_has_bits_and_counts_a_shared_word_for_each()
    {
        static Dictionary<string, IReadOnlyCollection<string>> Profiles(int count) => Enumerable.Range(0, count)
            .ToDictionary(k => $"p{k:00}", k => (IReadOnlyCollection<string>)["dan", "kata" + (char)('a' + k)]);
        var identifier = new LanguageIdentifier(Profiles(PackedWordTable.MaxBits));
        // Every candidate lists "dan", and one word of its own: each bit of a slot, the highest included, is some candidate's.
        var own = string.Join(" ", Enumerable.Range(0, PackedWordTable.MaxBits).Select(k => "KATA" + (char)('A' + k)));
        var counts = identifier.CountProfileWords("Dan dan " + own, out var words);
        Assert.Equal(2 + PackedWordTable.MaxBits, words);
        Assert.All(counts, count => Assert.Equal(3, count));
        Assert.Throws<ArgumentException>(() => new LanguageIdentifier(Profiles(PackedWordTable.MaxBits + 1)));
    }

    [Property(MaxTest = 200)]
    public Property The_identifier_counts_profile_words_as_a_plain_reading_of_the_text_would() =>
        Prop.ForAll(Gen.Elements(Profile1.Concat(Profile2).Concat(Others).ToArray()).ArrayOf().ToArbitrary(),
            Gen.Elements(Separators).ArrayOf().ToArbitrary(), Gen.Choose(0, 2).ArrayOf().ToArbitrary(),
            (words, separators, casings) =>
            {
                var text = string.Concat(words.Select((w, k) =>
                    (casings.Length == 0 ? 0 : casings[k % casings.Length]) switch
                    {
                        1 => w.ToUpperInvariant(),
                        2 => char.ToUpperInvariant(w[0]) + w[1..],
                        _ => w,
                    } + (separators.Length == 0 ? " " : separators[k % separators.Length])));
                var identifier = new LanguageIdentifier(new Dictionary<string, IReadOnlyCollection<string>> { ["p1"] = Profile1, ["p2"] = Profile2 });
                var counts = identifier.CountProfileWords(text, out var read);
                // The plain reading: runs of letters with apostrophes inside, lower-cased, each looked up in each profile.
                var textWords = Regex.Matches(text, @"\p{L}[\p{L}']*").Select(m => m.Value.ToLowerInvariant()).Take(2000).ToArray();
                var expected = identifier.Candidates.Select(code => textWords.Count(w =>
                    (code == "p1" ? Profile1 : Profile2).Any(p => p.ToLowerInvariant() == w))).ToArray();
                return (read == textWords.Length && counts.SequenceEqual(expected)).Label($"{text}: {string.Join(",", counts)} vs {string.Join(",", expected)}");
            });
}
