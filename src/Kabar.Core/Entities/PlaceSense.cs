using System.Collections.Immutable;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Entities;

/// <summary>
/// Tells a country or capital named as a place (<c>di Suriah</c>, <c>ke Indonesia</c>, <c>(Nigeria)</c>, <c>Gedung DPR, Jakarta</c>)
/// from one named for its government or people (<c>Iran mengklaim</c>, <c>serangan Israel</c>, <c>dibantah Beijing</c>):
/// the second is a metonym (ACE's GPE-as-organisation role). Metonyms keep their actor and place, so events are coded
/// as before, but they are reported among the mentions rather than as location entities, as NER gold sets count them.
/// </summary>
/// <remarks>A name is read as a place when a locative phrase or a place noun stands before it, when it sits alone in
/// brackets, when it is in a list or apposition after a place, or when a date follows it after a comma (a dateline-like
/// "…, Jakarta, Senin"). Everything else is a metonym: a country that acts, is acted on, or qualifies a noun.</remarks>
public sealed class PlaceSense(IReadOnlyDictionary<string, Locatives> languages) : IStage
{
    /// <inheritdoc />
    public string Name => "place-sense";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["tokens", "entities.place"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["entities.metonym"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (!languages.TryGetValue(document.Language, out var locatives) || document.Entities.IsEmpty)
        {
            return document;
        }
        // The entities are copied only once one is found to be a metonym (in most documents none is), and the dates' starts are
        // gathered only when a place is followed by a comma.
        var entities = document.Entities;
        ImmutableArray<Entity>.Builder? changed = null;
        HashSet<int>? dateStarts = null;
        var literalEnds = new List<(int EndToken, bool Literal)>();
        var sentenceIndex = -1;
        ReadOnlySpan<Token> tokens = default;
        for (var i = 0; i < entities.Length; i++)
        {
            var entity = entities[i];
            if (entity.Mention != MentionKind.Name || entity.Type is not (EntityType.GPE or EntityType.LOC) || entity.Place is null)
            {
                continue;
            }
            if (entity.Sentence != sentenceIndex)
            {
                sentenceIndex = entity.Sentence;
                var sentence = document.Sentences[sentenceIndex];
                tokens = document.TokensOf(sentence);
                literalEnds.Clear();
            }
            var start = TokenAt(tokens, entity.Start);
            var end = TokenAt(tokens, entity.End - 1) + 1;
            if (start < 0 || end <= start)
            {
                continue;
            }
            // Towns, regions and districts name places; only political units (countries, capitals, provinces) stand for governments.
            var literal = entity.Place.Feature is not ("country" or "capital" or "admin1" or "province")
                || IsLiteral(tokens, start, end, locatives, literalEnds)
                || (entity.Place.Feature != "country" && end + 1 < tokens.Length && tokens[end].Text == ","
                    && (dateStarts ??= DateStarts(entities)).Contains(tokens[end + 1].Start)); // "…, Jakarta, Senin (4/2)"
            literalEnds.Add((end, literal));
            if (!literal)
            {
                changed ??= entities.ToBuilder();
                changed[i] = entity with { Metonym = true };
            }
        }
        return changed is null ? document : document with { Entities = changed.DrainToImmutable() };
    }

    private static HashSet<int> DateStarts(ImmutableArray<Entity> entities)
    {
        var starts = new HashSet<int>();
        foreach (var e in entities)
        {
            if (e.Type is EntityType.DATE or EntityType.TIME)
            {
                starts.Add(e.Start);
            }
        }
        return starts;
    }

    private static bool IsLiteral(ReadOnlySpan<Token> tokens, int start, int end, Locatives locatives, List<(int EndToken, bool Literal)> earlier)
    {
        if (locatives.Before(tokens, start) || locatives.AfterPlaceNoun(tokens, start))
        {
            return true;
        }
        if (start > 0 && end < tokens.Length && tokens[start - 1].Text == "(" && tokens[end].Text == ")")
        {
            // "Andrew Chan (Australia)": where someone is from; but "Amerika Serikat (AS)" abbreviates the name before it.
            foreach (var (endToken, literal) in earlier)
            {
                if (endToken == start - 1)
                {
                    return literal;
                }
            }
            return true;
        }
        // "Malaysia and the Philippines": an article may stand between the joiner and the next name.
        var joined = start > 1 && tokens[start - 1].Lower == "the" ? start - 1 : start;
        if (joined > 0 && (tokens[joined - 1].Text == "," || IsListJoiner(tokens[joined - 1])))
        {
            // "di Roma dan Wina", "Gedung DPR, Jakarta", "di Porong, Sidoarjo": a list or apposition continues a place phrase.
            foreach (var (endToken, literal) in earlier)
            {
                if (endToken == joined - 1)
                {
                    return literal;
                }
            }
            for (var k = start - 2; k >= 0 && k >= start - 8; k--)
            {
                if (locatives.Before(tokens, k + 1, between: 0) && tokens[k + 1].IsCapitalized)
                {
                    return true; // "di Gedung DPR, Jakarta": the place phrase opened before the comma
                }
                if (!(tokens[k].IsCapitalized || tokens[k].Text == "," || tokens[k].Kind == TokenKind.Number))
                {
                    break;
                }
            }
        }
        return false;
    }

    private static bool IsListJoiner(Token token) => token.Lower is "dan" or "and" or "serta" or "atau" or "or";

    private static int TokenAt(ReadOnlySpan<Token> tokens, int offset)
    {
        for (var k = 0; k < tokens.Length; k++)
        {
            if (tokens[k].Start <= offset && offset < tokens[k].End)
            {
                return k;
            }
        }
        return -1;
    }
}
