using Kabar.Cleaning;

namespace Kabar.Tests.Cleaning;

/// <summary>The cleaner asks a line only about the whole-line rules listed for its first character: a rule missing from a list
/// would leave that furniture in the text, a rule out of order would name the wrong rule as the one that removed it.</summary>
public sealed class RulesByStartTests
{
    [Fact]
    public void Each_first_character_lists_exactly_the_rules_whose_edges_allow_it_in_rule_order()
    {
        var edges = WholeLineMatches.Rules().Select(r => LineEdges.Of(r.Pattern)).ToList();
        var index = new RulesByStart(edges);
        var characters = Enumerable.Range(0, 128).Select(c => (char)c).Concat(['\u0080', 'é', '\u212A', '“', '\uFFFF']);
        foreach (var c in characters)
        {
            var expected = Enumerable.Range(0, edges.Count).Where(k => edges[k].MayStartWith(c)).ToArray();
            Assert.Equal(expected, index.For(c));
        }
        // A paragraph's usual first letter is asked about fewer rules than there are, or the index spares nothing.
        Assert.True(index.For('T').Length < edges.Count / 2, $"'T' lists {index.For('T').Length} of {edges.Count} rules");
    }
}
