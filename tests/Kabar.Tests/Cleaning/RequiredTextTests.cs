using System.Text.RegularExpressions;
using Kabar.Cleaning;

namespace Kabar.Tests.Cleaning;

/// <summary>The required-text prefilter of whole-line cleaning rules reads the strings a match cannot do without, and never turns
/// away a line its rule would remove.</summary>
public sealed class RequiredTextTests
{
    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [Theory]
    [InlineData(@"^(Leave|Post|Add)\s+(a\s+)?(comments?|reply)$", "Leave|Post|Add", true)] // what the line must begin with
    [InlineData(@"^.{0,60}\b(Getty Images|AP Photo)(\s*/.{0,40})?\)?$", "Getty Images|AP Photo", false)]
    [InlineData(@"^(Related articles?|Most read)\s*:?$", "Related article|Most read", true)] // a letter that may be absent ends it
    [InlineData(@"^(\d+\s+)?(Komentar|Comments?)(\s*\(\d+\))?$", "Komentar|Comment", false)] // an optional group is passed over
    [InlineData(@"^(Baca juga:)?\s*(Foto|Photo)$", "Foto|Photo", false)] // the longer string is in an optional group
    [InlineData(@"^\(?(Foto|Photo)\s*:.{0,200}$", "Foto|Photo", false)]
    [InlineData(@"^Click here\b.{0,200}$", "Click here", true)]
    [InlineData(@"^Page\s*:?\s*\d+$", "Page", true)]
    [InlineData(@"^((Facebook|Twitter|Share)[\s|·•,/]*){2,12}$", "Facebook|Twitter|Share", true)] // a group repeated twice at least
    [InlineData(@"^(Sumber|Source)\s*(:\s*.{0,120})?$", "Sumber|Source", true)]
    [InlineData(@"^Dok\. ?pribadi$", "Dok.", true)] // the space may be absent
    [InlineData(@"(?-i)^By\s+\p{Lu}[\p{L}'.-]+$", "By", true)] // two letters are enough at the line's start
    [InlineData(@"^(?:Halaman|Page)\s*\d+$", "Halaman|Page", true)]
    [InlineData(@"^(?<credit>Getty Images)(?#a credit)$", "Getty Images", true)] // a named group; a comment matches nothing
    [InlineData(@"^x+yz$", "xyz", false)] // the last of the x's stands right before "yz"; "x" alone is too short
    [InlineData(@"^abc+d$", "abc", true)] // "abccd": "abc" and "cd" are in every match, "abcd" is not
    [InlineData(@"^(?-i:ANTARA) FOTO$", "ANTARA", true)] // a case-sensitive group still counts (compared ignoring case: more lines pass)
    [InlineData(@"^Foto\s+(oleh|by)\s+(ANTARA|Reuters)$", "Foto", true)]
    [InlineData(@"^\s*Foto\s+(oleh|by)\s+(ANTARA|Reuters)$", "ANTARA|Reuters", false)] // not the first item: searched anywhere
    public void Reads_the_strings_a_match_cannot_do_without(string pattern, string expected, bool leading)
    {
        var text = RequiredText.Of(Pattern(pattern));
        Assert.NotNull(text);
        Assert.Equal(expected.Split('|'), text.Strings);
        Assert.Equal(leading, text.Leading);
    }

    [Theory]
    [InlineData(@"^(©|Copyright\b).{0,200}$")] // an alternative with no ASCII string
    [InlineData(@"^(a?|Foo)ba$")] // "ba" is too short, and the group has an empty alternative
    [InlineData(@"^(?(Getty)Getty Images|AP Photo)$")] // a conditional: not read
    [InlineData(@"^(Getty Images)\1$")] // a back-reference: not read
    [InlineData(@"^Foo(?x) Bar # comment$")] // pattern whitespace
    [InlineData(@"^(?=Getty Images).*$")] // a look-ahead need not be in the match
    [InlineData(@"^(?!Getty Images).*$")]
    [InlineData(@"^Foo|.*$")] // one branch has nothing required
    [InlineData(@"^\u0041bc+$")] // an escape that is not read
    public void Has_no_required_text_where_it_cannot_tell(string pattern) => Assert.Null(RequiredText.Of(Pattern(pattern)));

    [Theory]
    [InlineData(@"^(Leave|Post)\s+comments?$", "leave comments", true)]
    [InlineData(@"^(Leave|Post)\s+comments?$", "Presiden memberi komentar", false)]
    [InlineData(@"^(Leave|Post)\s+comments?$", "Please leave comments", false)] // anchored: "leave" must begin the line
    [InlineData(@"^(Leave|Post)\s+comments?$", "\u212Aomentar", false)] // the caller asks FoldsToAscii first
    [InlineData(@"^.{0,60}\b(Getty Images|AP Photo)$", "Foto: GETTY IMAGES", true)]
    [InlineData(@"^.{0,60}\b(Getty Images|AP Photo)$", "Foto: Reuters", false)]
    public void Asks_whether_the_line_holds_a_string_ignoring_case(string pattern, string line, bool may) =>
        Assert.Equal(may, RequiredText.Of(Pattern(pattern))!.MayMatch(line));

    /// <summary>An ordinal comparison ignoring case does not match the Kelvin sign to "k" as the regex engine does: every character
    /// outside ASCII that a case-insensitive pattern matches to an ASCII letter must make the line be tried against every rule.</summary>
    [Fact]
    public void Knows_every_character_a_case_insensitive_pattern_matches_to_an_ascii_letter()
    {
        var letter = Pattern("^[a-z]$");
        var folding = new List<char>();
        for (var c = (char)128; c < char.MaxValue; c++)
        {
            if (!char.IsSurrogate(c) && letter.IsMatch(c.ToString()))
            {
                folding.Add(c);
            }
        }
        Assert.NotEmpty(folding); // the Kelvin sign at least: else this test checks nothing
        Assert.All(folding, c => Assert.Contains(c, RequiredText.AsciiFoldingCharacters));
        Assert.True(RequiredText.FoldsToAscii("2 \u212Aomentar"));
        Assert.False(RequiredText.FoldsToAscii("Komentar (0) — “kutipan”"));
    }

    /// <summary>Every line of the cleaning specs, and each again in upper and lower case: no whole-line rule of either language that
    /// matches one of them is turned away for the text it lacks, and most rules have a required text (else the prefilter would
    /// silently stop saving anything).</summary>
    [Fact]
    public void No_line_a_rule_matches_is_turned_away_for_its_text()
    {
        var matches = WholeLineMatches.Of(line => [line, line.ToUpperInvariant(), line.ToLowerInvariant()]);
        foreach (var (rule, line) in matches)
        {
            var text = RequiredText.Of(rule.Pattern);
            Assert.True(RequiredText.FoldsToAscii(line) || text is null || text.MayMatch(line),
                $"{rule.Location} matches \"{line}\" but its required text ({string.Join('|', text?.Strings ?? [])}) turns it away");
        }
        Assert.True(matches.Count >= 40, $"only {matches.Count} rule matches among the spec lines");
        var rules = WholeLineMatches.Rules();
        var read = rules.Count(r => RequiredText.Of(r.Pattern) is not null);
        Assert.True(read * 10 >= rules.Count * 7, $"only {read} of {rules.Count} whole-line rules have a required text");
    }
}
