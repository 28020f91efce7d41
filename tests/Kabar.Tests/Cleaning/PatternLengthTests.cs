using System.Text;
using System.Text.RegularExpressions;
using Kabar.Cleaning;

namespace Kabar.Tests.Cleaning;

/// <summary>The bound on a whole-line rule's non-space characters lets the cleaner skip long paragraphs; a bound too low would let
/// page furniture through silently, so it must hold for every text the pattern matches.</summary>
public sealed class PatternLengthTests
{
    [Theory]
    [InlineData(@"^Click here\b.{0,200}$", 209)]
    [InlineData(@"^.{0,60}\b(Getty Images|AP Photo|Shutterstock|via Getty|iStockphoto)(\s*/.{0,40})?\)?$", 114)]
    [InlineData(@"^(Sumber|Source)\s*(:\s*.{0,120})?$", 127)]
    [InlineData(@"(?-i)^\(\s*[a-z]{2,5}(\s*/\s*[a-z]{2,5}){1,3}\s*\)$", 25)]
    [InlineData(@"^a b\ c\t$", 3)] // spaces, an escaped space and a tab count nothing
    [InlineData(@"^(?<name>ab)(?:c|de)(?=xyz)(?#note)[]x]{2}\p{Lu}\u0041$", 8)]
    [InlineData(@"^(?i:ab)(?i)c{3}d{1,2}?e??$", 8)]
    [InlineData(@"x{,3}", 5)] // not a quantifier in .NET: five literal characters
    public void Counts_the_most_non_space_characters_a_match_can_hold(string pattern, int expected) =>
        Assert.Equal(expected, PatternLength.MaxNonSpace(pattern));

    [Theory]
    [InlineData(@"^\d+$")]
    [InlineData(@"^a*")]
    [InlineData(@"^a{2,}")]
    [InlineData(@"^(a)\1$")] // a back-reference
    [InlineData(@"^(?x) a b")] // spaces mean nothing
    [InlineData(@"^(?(a)b|c)")] // a conditional
    [InlineData(@"^[a-z-[aeiou]]")] // a class subtraction
    [InlineData(@"^a)")]
    [InlineData(@"^(a")]
    public void Gives_no_bound_for_what_is_unbounded_or_not_read(string pattern) =>
        Assert.Null(PatternLength.MaxNonSpace(pattern));

    [Fact]
    public void Counts_every_kind_of_white_space_as_space() =>
        Assert.Equal(4, LineEdges.NonSpaceLength("a b\u2003c\u00A0\td\u3000"));

    [Fact]
    public void A_line_with_more_non_space_characters_than_a_rule_can_match_is_not_tried()
    {
        var edges = LineEdges.Of(new Regex(@"^.{0,10}\bAll rights reserved\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        Assert.True(edges.MayMatch("(c) ABC. All rights reserved.")); // 25 non-space characters, at most 27
        Assert.True(edges.MayMatch("(c)      ABC.      All      rights      reserved.")); // spaces do not count
        Assert.False(edges.MayMatch("(c) 2023 ABC News. All rights reserved.")); // 33: the pattern cannot match it
    }

    /// <summary>Random patterns from a small grammar, each with random texts it matches: every text holds at most as many non-space
    /// characters as the bound says. A bound computed too low would fail here.</summary>
    [Fact]
    public void No_text_a_pattern_matches_holds_more_non_space_characters_than_its_bound()
    {
        var random = new Random(2023);
        var bounded = 0;
        for (var n = 0; n < 1500; n++)
        {
            var node = Node.Random(random, depth: 4);
            var pattern = node.Pattern();
            var max = PatternLength.MaxNonSpace(pattern);
            var whole = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant);
            bounded += max is null ? 0 : 1;
            for (var k = 0; k < 20; k++)
            {
                var text = new StringBuilder();
                node.Sample(random, text);
                Assert.True(whole.IsMatch(text.ToString()), $"the sample \"{text}\" does not match {pattern}");
                Assert.True(max is null || LineEdges.NonSpaceLength(text.ToString()) <= max,
                    $"\"{text}\" matches {pattern} with more than {max} non-space characters");
            }
        }
        Assert.True(bounded > 300, $"only {bounded} of 1,500 patterns were bounded"); // else the test would check little
    }

    private abstract record Node
    {
        public abstract string Pattern();

        public abstract void Sample(Random random, StringBuilder text);

        public static Node Random(Random random, int depth) => (depth == 0 ? random.Next(5) : random.Next(9)) switch
        {
            0 => new Literal("ab c\t"[random.Next(5)]),
            1 => new Any(),
            2 => new AnyOf(),
            3 => new Space(),
            4 => new Boundary(),
            5 => new Both(Random(random, depth - 1), Random(random, depth - 1)),
            6 => new Either(Random(random, depth - 1), Random(random, depth - 1)),
            7 => new Repeat(Random(random, depth - 1), random.Next(3), random.Next(3, 6), Unbounded: false),
            _ => new Repeat(Random(random, depth - 1), random.Next(2), 0, Unbounded: true),
        };
    }

    private sealed record Literal(char C) : Node
    {
        public override string Pattern() => C == ' ' ? @"\ " : C == '\t' ? @"\t" : C.ToString();

        public override void Sample(Random random, StringBuilder text) => text.Append(C);
    }

    private sealed record Any : Node
    {
        public override string Pattern() => ".";

        public override void Sample(Random random, StringBuilder text) => text.Append("xy \u2003z"[random.Next(5)]);
    }

    private sealed record AnyOf : Node
    {
        public override string Pattern() => "[a-c ]";

        public override void Sample(Random random, StringBuilder text) => text.Append("abc "[random.Next(4)]);
    }

    private sealed record Space : Node
    {
        public override string Pattern() => @"\s";

        public override void Sample(Random random, StringBuilder text) => text.Append(" \t\u00A0"[random.Next(3)]);
    }

    private sealed record Boundary : Node
    {
        public override string Pattern() => @"(?:\b|\B)";

        public override void Sample(Random random, StringBuilder text)
        {
        }
    }

    private sealed record Both(Node First, Node Second) : Node
    {
        public override string Pattern() => First.Pattern() + Second.Pattern();

        public override void Sample(Random random, StringBuilder text)
        {
            First.Sample(random, text);
            Second.Sample(random, text);
        }
    }

    private sealed record Either(Node Left, Node Right) : Node
    {
        public override string Pattern() => $"(?:{Left.Pattern()}|{Right.Pattern()})";

        public override void Sample(Random random, StringBuilder text) => (random.Next(2) == 0 ? Left : Right).Sample(random, text);
    }

    private sealed record Repeat(Node Inner, int Least, int Most, bool Unbounded) : Node
    {
        public override string Pattern() =>
            $"(?:{Inner.Pattern()})" + (Unbounded ? (Least == 0 ? "*" : "+") : Least == 0 && Most == 1 ? "?" : $"{{{Least},{Most}}}");

        public override void Sample(Random random, StringBuilder text)
        {
            var times = random.Next(Least, (Unbounded ? Least + 6 : Most) + 1);
            for (var k = 0; k < times; k++)
            {
                Inner.Sample(random, text);
            }
        }
    }
}
