using System.Collections.Frozen;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Entities;

/// <summary>
/// The words that put a name in a place's role: locative prepositions and verbs (<c>di</c>, <c>ke</c>, <c>menuju</c>,
/// <c>in</c>, <c>near</c>, <c>visited</c>), from <c>lang/&lt;code&gt;/entities/place_prepositions.tsv</c>, and the place nouns and
/// articles that may stand between them and the name (<c>di wilayah</c>, <c>in the city of</c>).
/// </summary>
/// <param name="Prepositions">Locative phrases and their kind: <c>at</c>, <c>place</c>, <c>motion</c>, <c>between</c> or <c>list</c>
/// (opens an enumeration of places: <c>seperti</c>, <c>such as</c>).</param>
/// <param name="PlaceNouns">Place nouns (<c>kota</c>, <c>wilayah</c>, <c>city</c>), from <c>entities/place_cues.txt</c>.</param>
/// <param name="Articles">Articles and the word <c>of</c> that may follow them (<c>the</c>, <c>of</c>).</param>
public sealed record Locatives(PhraseTable<string> Prepositions, FrozenSet<string> PlaceNouns, FrozenSet<string> Articles)
{
    /// <summary>No locative words (a language folder without the files).</summary>
    public static Locatives Empty { get; } = new(PhraseTable<string>.Build([], _ => []), FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    /// <summary>True when a locative phrase ends right before token <paramref name="start"/>, with at most
    /// <paramref name="between"/> place nouns or articles in between ("di Gaza", "di wilayah Gaza", "in the city of Gaza").
    /// With <paramref name="kinds"/>, only phrases of those kinds count (<c>at</c>, <c>place</c>, <c>motion</c>, <c>between</c>).</summary>
    public bool Before(ReadOnlySpan<Token> tokens, int start, int between = 2, params ReadOnlySpan<string> kinds)
    {
        var gap = start;
        for (var skipped = 0; skipped <= between; skipped++)
        {
            for (var k = gap - 1; k >= 0 && k >= gap - 3; k--)
            {
                if (Prepositions.TryMatch(tokens, k, out var length, out var kind) && k + length == gap && (kinds.Length == 0 || kinds.Contains(kind)))
                {
                    return true;
                }
            }
            if (gap == 0 || !(PlaceNouns.Contains(tokens[gap - 1].Lower) || Articles.Contains(tokens[gap - 1].Lower)))
            {
                return false;
            }
            gap--;
        }
        return false;
    }

    /// <summary>True when a place noun and an article stand right before <paramref name="start"/> ("at the Ukrainian port of Izmail",
    /// "the city of Aleppo"): the name is a place whatever stands before them.</summary>
    public bool AfterPlaceNounOf(ReadOnlySpan<Token> tokens, int start) =>
        start >= 2 && Articles.Contains(tokens[start - 1].Lower) && PlaceNouns.Contains(tokens[start - 2].Lower);

    /// <summary>True when the token right before <paramref name="start"/> is a place noun (<c>kota Bandung</c>, <c>ibukota Libya</c>).</summary>
    public bool AfterPlaceNoun(ReadOnlySpan<Token> tokens, int start) => start > 0 && PlaceNouns.Contains(tokens[start - 1].Lower);
}
