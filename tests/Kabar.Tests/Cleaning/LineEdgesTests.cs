using System.Text.RegularExpressions;
using Kabar.Cleaning;

namespace Kabar.Tests.Cleaning;

/// <summary>The first- and last-character prefilter of whole-line cleaning rules never turns away a line its rule would remove.</summary>
public sealed class LineEdgesTests
{
    [Theory]
    [InlineData(@"^(Baca|Lihat|Simak)\s+(juga|pula)\b.{0,250}$", "bBlLsS")]
    [InlineData(@"^Tonton juga\b.{0,250}$", "tT")]
    [InlineData(@"(?-i)^\(\s*[a-z]{2,5}\)$", "(")]
    [InlineData(@"^(ab|(cd|ef)g|\d)x", "aAcCeE0123456789")]
    [InlineData(@"^(?:Halaman|Page)\s*\d+$", "hHpP")]
    [InlineData(@"^\(?(Foto|Photo)\s*:", "(fFpP")] // an optional first item, then what may come first instead
    [InlineData(@"^(\d+\s+)?(Komentar|Comments?)$", "0123456789kKcC")]
    [InlineData(@"^(a?b|c)", "aAbBcC")]
    [InlineData(@"^a{0,3}b", "aAbB")]
    public void Reads_the_characters_a_simple_anchored_pattern_starts_with(string pattern, string starts)
    {
        var edges = LineEdges.Of(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        for (var c = (char)1; c < 128; c++)
        {
            Assert.True(starts.Contains(c) == edges.MayStartWith(c), $"'{c}' in {pattern}");
        }
        Assert.True(edges.MayStartWith('\u212A')); // outside ASCII every rule is tried (the Kelvin sign matches k)
    }

    [Theory]
    [InlineData(@"^(a?|b)c")] // an alternative that may be empty
    [InlineData(@"^.{0,300}\((?-i:[A-Z0-9]+)\)$")] // any character first
    [InlineData(@"^Sumber|Source")] // the anchor covers only the first branch
    [InlineData(@"^(?:Foo|[Bb]ar)")] // a class
    [InlineData(@"^(©|Copyright\b)")] // outside ASCII
    [InlineData(@"\[(iklan|ads?)\d*\]")] // not anchored
    [InlineData(@"^(|Foo)")] // an empty alternative
    [InlineData(@"^(?=Foo)")] // a look-ahead
    [InlineData(@"^\s*Foo")] // a class escape
    public void Answers_any_character_for_a_pattern_it_cannot_read(string pattern)
    {
        var edges = LineEdges.Of(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        for (var c = (char)1; c < 128; c++)
        {
            Assert.True(edges.MayStartWith(c), $"'{c}' in {pattern}");
        }
    }

    /// <summary>Every line of the cleaning specs, and each again with its first or last letter in the other case: no whole-line rule
    /// of either language that matches one of them is skipped for its edges, and most rules are read (else the prefilter would
    /// silently stop saving anything).</summary>
    [Fact]
    public void No_line_a_rule_matches_is_turned_away_by_the_rule_s_first_characters()
    {
        var matches = WholeLineMatches.Of(line => [line, SwapFirstCase(line), SwapLastCase(line)]);
        foreach (var (rule, line) in matches)
        {
            Assert.True(LineEdges.Of(rule.Pattern).MayMatch(line), $"{rule.Location} matches \"{line}\" but its edges turn it away");
        }
        Assert.True(matches.Count >= 40, $"only {matches.Count} rule matches among the spec lines");
        var rules = WholeLineMatches.Rules();
        var read = rules.Count(r => !LineEdges.Of(r.Pattern).MayStartWith('\u0001') || !LineEdges.Of(r.Pattern).MayEndWith('\u0001'));
        Assert.True(read * 10 >= rules.Count * 8, $"only {read} of {rules.Count} whole-line rules have an edge read");
    }

    [Theory]
    [InlineData(@"^.{0,300}\((?-i:[A-Z0-9]+)\s*/\s*[^()/]{1,60}\)$", ')')]
    [InlineData(@"^Halaman\s+\d+ of Z$", 'z')]
    [InlineData(@"^(Sumber|Source)\.$", '.')]
    [InlineData(@"^Foo\\$", '\\')] // an escaped backslash, then the anchor
    public void Reads_the_character_a_pattern_ends_with(string pattern, char last)
    {
        var edges = LineEdges.Of(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        for (var c = (char)1; c < 128; c++)
        {
            Assert.True((char.ToLowerInvariant(c) == last) == edges.MayEndWith(c), $"'{c}' at the end of {pattern}");
        }
    }

    [Theory]
    [InlineData(@"^Foo\)?$")] // optional
    [InlineData(@"^Foo\b$")] // an escape that is not a character
    [InlineData(@"^Foo(a|b)$")] // a group
    [InlineData(@"^Foo[ab]$")] // a class
    [InlineData(@"^Foo\$")] // "$" escaped: not an anchor
    [InlineData(@"^Fooé$")] // outside ASCII
    [InlineData(@"^Foo|Bar$")] // the anchor covers one branch
    [InlineData(@"^Foo(?x) Bar # a comment $")] // pattern whitespace: the space before "$" means nothing
    public void Answers_any_character_for_an_end_it_cannot_read(string pattern)
    {
        var edges = LineEdges.Of(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        for (var c = (char)1; c < 128; c++)
        {
            Assert.True(edges.MayEndWith(c), $"'{c}' at the end of {pattern}");
        }
    }

    private static string SwapFirstCase(string line) => Swap(line[0]) + line[1..];

    private static string SwapLastCase(string line) => line[..^1] + Swap(line[^1]);

    private static string Swap(char c) => (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToString();
}
