namespace Kabar.Cleaning;

/// <summary>For each character a line can start with, the whole-line rules whose edges allow it (<see cref="LineEdges.MayStartWith"/>),
/// in rule order: a line is asked only about those, not about every rule in turn.</summary>
/// <remarks>Most rules read their first characters ("Baca juga", "(Foto", "Sumber"), so of the 59 whole-line rules of both languages a
/// paragraph starting with "T" is asked about 23, one starting with "D" about 14, with a quote or a bracket about 7. Exact: a rule left
/// out is one whose edges would have turned the line away.</remarks>
internal sealed class RulesByStart
{
    /// <summary>Rule indexes by the line's first character, for ASCII; for any other character, every rule (as its edges say).</summary>
    private readonly int[][] _ascii = new int[128][];
    private readonly int[] _other;

    /// <summary>Indexes the rules by their edges.</summary>
    public RulesByStart(IReadOnlyList<LineEdges> edges)
    {
        for (var c = 0; c < 128; c++)
        {
            _ascii[c] = Allowing(edges, (char)c);
        }
        // Edges let every character outside ASCII through (case folding has non-ASCII equivalents of letters).
        _other = Allowing(edges, '\u0080');
    }

    /// <summary>The indexes of the rules whose edges allow a line starting with <paramref name="first"/>, in rule order.</summary>
    public int[] For(char first) => first < 128 ? _ascii[first] : _other;

    private static int[] Allowing(IReadOnlyList<LineEdges> edges, char c) =>
        [.. Enumerable.Range(0, edges.Count).Where(k => edges[k].MayStartWith(c))];
}
