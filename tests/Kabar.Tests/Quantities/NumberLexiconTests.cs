using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Tests.Support;

namespace Kabar.Tests.Quantities;

/// <summary>The lead-word gates of the time and quantity stages are built from <c>NumberLexicon.StartWords</c>: a number word left
/// out of it must be one no number begins with. Figures of digits alone are read by a path of their own, which must give the value
/// the general parse gives.</summary>
public sealed class NumberLexiconTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("id")]
    public void Every_word_a_number_can_begin_with_is_a_start_word(string code)
    {
        var pack = Repo.Engine.Packs[code];
        var words = File.ReadLines(Repo.Path_("lang", code, "numbers.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Skip(1) // the header
            .Select(line => line.Split('\t')[0].ToLowerInvariant())
            .Distinct()
            .ToList();
        var starts = pack.Numbers.StartWords.ToHashSet();
        var begun = 0;
        foreach (var word in words)
        {
            // The word alone, and followed by each number word: "a hundred", "dua belas", "one hundred and five".
            foreach (var phrase in words.Select(next => $"{word} {next}").Prepend(word))
            {
                var tokens = pack.Tokenizer.Tokenize(phrase).ToArray();
                if (pack.Numbers.TryRead(tokens, 0, out _, out _, out _))
                {
                    begun++;
                    Assert.True(starts.Contains(word), $"\"{phrase}\" is read as a number, but \"{word}\" is not a start word");
                }
            }
        }
        Assert.True(begun > 10, $"only {begun} phrases were read as numbers: the test checks nothing");
        Assert.True(starts.Count < words.Count, "no word is left out of the start words: the gate spares nothing");
    }

    [Property(MaxTest = 500)]
    public Property A_figure_of_digits_alone_has_the_value_the_parse_gives() =>
        Prop.ForAll(Gen.Elements('0', '1', '5', '9').ArrayOf().Select(d => new string(d)).Where(t => t.Length > 0).ToArbitrary(),
            Gen.Elements("en", "id").ToArbitrary(), (text, code) =>
            {
                var parsed = Repo.Engine.Packs[code].Numbers.TryParseDigits(text, out var value);
                return parsed && value == double.Parse(text, CultureInfo.InvariantCulture);
            });

    [Theory]
    [InlineData("en", "2,000", 2000)]
    [InlineData("id", "2.000", 2000)]
    [InlineData("id", "1,5", 1.5)]
    [InlineData("en", "123456789012345678", 123456789012345678)]
    [InlineData("en", "1234567890123456789012", 1234567890123456789012d)]
    public void Figures_with_separators_or_many_digits_keep_their_values(string code, string text, double expected)
    {
        Assert.True(Repo.Engine.Packs[code].Numbers.TryParseDigits(text, out var value));
        Assert.Equal(expected, value);
    }
}
