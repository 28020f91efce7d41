using System.Text.Json;
using System.Text.RegularExpressions;
using Kabar.Cleaning;
using Kabar.Tests.Support;

namespace Kabar.Tests.Cleaning;

/// <summary>The first-character prefilter of whole-line cleaning rules never turns away a line its rule would remove.</summary>
public sealed class LeadingCharactersTests
{
    [Theory]
    [InlineData(@"^(Baca|Lihat|Simak)\s+(juga|pula)\b.{0,250}$", "bBlLsS")]
    [InlineData(@"^Tonton juga\b.{0,250}$", "tT")]
    [InlineData(@"(?-i)^\(\s*[a-z]{2,5}\)$", "(")]
    [InlineData(@"^(ab|(cd|ef)g|\d)x", "aAcCeE0123456789")]
    [InlineData(@"^(?:Halaman|Page)\s*\d+$", "hHpP")]
    public void Reads_the_characters_a_simple_anchored_pattern_starts_with(string pattern, string starts)
    {
        var lead = LeadingCharacters.Of(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        for (var c = (char)1; c < 128; c++)
        {
            Assert.True(starts.Contains(c) == lead.MayStartWith(c), $"'{c}' in {pattern}");
        }
        Assert.True(lead.MayStartWith('\u212A')); // outside ASCII every rule is tried (the Kelvin sign matches k)
    }

    [Theory]
    [InlineData(@"^(\d+\s+)?(Komentar|Comments?)$")] // optional first item
    [InlineData(@"^.{0,300}\((?-i:[A-Z0-9]+)\)$")] // any character first
    [InlineData(@"^Sumber|Source")] // the anchor covers only the first branch
    [InlineData(@"^(?:Foo|[Bb]ar)")] // a class
    [InlineData(@"^(©|Copyright\b)")] // outside ASCII
    [InlineData(@"\[(iklan|ads?)\d*\]")] // not anchored
    [InlineData(@"^(|Foo)")] // an empty alternative
    [InlineData(@"^(?=Foo)")] // a look-ahead
    [InlineData(@"^\s*Foo")] // a class escape
    [InlineData(@"^a{0,3}b")]
    public void Answers_any_character_for_a_pattern_it_cannot_read(string pattern)
    {
        var lead = LeadingCharacters.Of(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        for (var c = (char)1; c < 128; c++)
        {
            Assert.True(lead.MayStartWith(c), $"'{c}' in {pattern}");
        }
    }

    /// <summary>Every line of the cleaning specs, and each again with its first letter in the other case: no whole-line rule of
    /// either language that matches one of them is skipped for its first character, and most rules are read (else the prefilter
    /// would silently stop saving anything).</summary>
    [Fact]
    public void No_line_a_rule_matches_is_turned_away_by_the_rule_s_first_characters()
    {
        var lines = Directory.EnumerateFiles(Repo.Path_("tests", "specs", "cleaning"), "*.json", SearchOption.AllDirectories)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray())
            .SelectMany(spec => spec.GetProperty("input").GetString()!.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .SelectMany(line => new[] { line, SwapFirstCase(line) })
            .Distinct()
            .ToList();
        var rules = Repo.Engine.Packs.Values.SelectMany(p => p.CleaningRules).Where(r => r.Scope != CleaningScope.Inline).ToList();
        var matched = 0;
        foreach (var rule in rules)
        {
            var lead = LeadingCharacters.Of(rule.Pattern);
            foreach (var line in lines)
            {
                var match = rule.Pattern.Match(line);
                if (match.Success && match.Index == 0 && match.Length == line.Length)
                {
                    matched++;
                    Assert.True(lead.MayStartWith(line[0]), $"{rule.Location} matches \"{line}\" but its first characters turn it away");
                }
            }
        }
        Assert.True(matched >= 40, $"only {matched} rule matches among the spec lines");
        var read = rules.Count(r => !LeadingCharacters.Of(r.Pattern).MayStartWith('\u0001'));
        Assert.True(read * 10 >= rules.Count * 7, $"only {read} of {rules.Count} whole-line rules have their first characters read");
    }

    private static string SwapFirstCase(string line) =>
        (char.IsUpper(line[0]) ? char.ToLowerInvariant(line[0]) : char.ToUpperInvariant(line[0])) + line[1..];
}
