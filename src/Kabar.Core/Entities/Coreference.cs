using System.Collections.Immutable;
using Kabar.Actors;
using Kabar.Model;

namespace Kabar.Entities;

/// <summary>
/// Within-document coreference, so events carry the right actor: a later surname (<c>Hajiyev</c>, <c>Blinken</c>) takes
/// the actor of the full name seen earlier; pronouns and anaphors (<c>ia</c>, <c>he</c>, <c>pemimpin tersebut</c>,
/// <c>negara itu</c>, <c>negaranya</c>, <c>mereka</c>, <c>they</c>) become pronoun mentions pointing at the nearest
/// fitting antecedent; a role phrase followed by a country anaphor (<c>angkatan udara negara itu</c>) takes its country.
/// </summary>
public static class Coreference
{
    /// <summary>How many sentences back an antecedent may be.</summary>
    private const int SentenceWindow = 3;

    /// <summary>Roles of people and groups, the usual antecedents of <c>mereka</c>/<c>they</c>.</summary>
    private static readonly HashSet<string> GroupRoles = ["CVL", "REB", "OPP", "REF", "SEP", "INS", "LAB", "EDU", "MED", "REL", "UAF", "MIL", "COP"];

    /// <summary>Links surnames and pronouns; returns the entity list with pronoun mentions added, in text order.</summary>
    public static ImmutableArray<Entity> Resolve(Document document, ImmutableArray<Entity> entities, ActorLexicon lexicon) =>
        Resolve(document, entities.ToList(), lexicon);

    /// <summary>As <see cref="Resolve(Document, ImmutableArray{Entity}, ActorLexicon)"/> for entities in a list of the caller's, which
    /// it changes (the entity recogniser's own list, not copied again).</summary>
    internal static ImmutableArray<Entity> Resolve(Document document, List<Entity> list, ActorLexicon lexicon)
    {
        LinkSurnames(list);
        var pronouns = FindPronouns(document, list, lexicon);
        foreach (var pronoun in pronouns)
        {
            var (antecedent, actor) = FindAntecedent(list, pronoun.Entity, pronoun.Kind);
            if (actor is null)
            {
                continue;
            }
            var resolved = pronoun.Entity with { Actor = actor, Antecedent = antecedent, Place = antecedent is { } a ? list[a].Place : null };
            // A role phrase right before a country anaphor takes that country: "angkatan udara negara itu".
            var roleIndex = RolePhraseBefore(list, resolved);
            if (pronoun.Kind == "country" && roleIndex >= 0 && actor.Country is { } country)
            {
                var role = list[roleIndex];
                list[roleIndex] = role with
                {
                    End = resolved.End,
                    Text = document.Text[role.Start..resolved.End],
                    Actor = role.Actor!.InCountry(country),
                };
                continue;
            }
            InsertInOrder(list, resolved);
        }
        return [.. list];
    }

    private static void LinkSurnames(List<Entity> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var mention = list[i];
            if (mention.Type != EntityType.PERSON || mention.Mention != MentionKind.Name || (mention.Actor?.Country is not null && mention.Actor.HasRole))
            {
                continue;
            }
            for (var j = i - 1; j >= 0; j--)
            {
                var earlier = list[j];
                if (earlier.Type != EntityType.PERSON || earlier.Actor?.Country is null || earlier.Length <= mention.Length)
                {
                    continue;
                }
                if (EndsWithName(earlier.Text, mention.Text) || EndsWithName(earlier.Actor.Name, mention.Text))
                {
                    list[i] = mention with { Actor = earlier.Actor, Antecedent = j };
                    break;
                }
            }
        }
    }

    /// <summary><paramref name="full"/> ends with " " + <paramref name="part"/> or starts with <paramref name="part"/> + " ", checked
    /// without building those strings (this runs for every pair of person mentions).</summary>
    private static bool EndsWithName(string full, string part) =>
        full.Length > part.Length
        && ((full[full.Length - part.Length - 1] == ' ' && full.EndsWith(part, StringComparison.Ordinal))
            || (full[part.Length] == ' ' && full.StartsWith(part, StringComparison.Ordinal)));

    private static List<(Entity Entity, string Kind)> FindPronouns(Document document, List<Entity> entities, ActorLexicon lexicon)
    {
        var result = new List<(Entity, string)>();
        foreach (var sentence in document.Sentences)
        {
            var tokens = document.TokensOf(sentence);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (!lexicon.Pronouns.TryMatch(tokens, i, out var length, out var kind) || kind.Length == 0)
                {
                    continue;
                }
                var start = tokens[i].Start;
                var end = tokens[i + length - 1].End;
                if (OverlapsName(entities, start, end))
                {
                    continue;
                }
                var type = kind switch
                {
                    "country" => EntityType.GPE,
                    "group" => EntityType.NORP,
                    "place" => EntityType.LOC,
                    "org" or "entity" or "government" => EntityType.ORG,
                    _ => EntityType.PERSON,
                };
                result.Add((new Entity(start, end, document.Text[start..end], type, sentence.Index) { Mention = MentionKind.Pronoun, Rule = "pronoun:" + kind }, kind));
                i += length - 1;
            }
        }
        return result;
    }

    /// <summary>Whether a name (not a date or time), or a role phrase that names its own country past the pronoun ("the president of
    /// Armenia"), covers the pronoun's span [start, end): then it is no anaphor.</summary>
    /// <remarks>A loop, not a lambda: a lambda capturing the span allocated its closure for every token of the document.</remarks>
    private static bool OverlapsName(List<Entity> entities, int start, int end)
    {
        foreach (var e in entities)
        {
            if (e.Start < end && start < e.End && e.Type is not (EntityType.DATE or EntityType.TIME)
                && (e.Mention != MentionKind.Nominal || (e.Actor?.Country is not null && e.End > end)))
            {
                return true;
            }
        }
        return false;
    }

    private static (int? Index, Actor? Actor) FindAntecedent(List<Entity> list, Entity pronoun, string kind)
    {
        for (var j = list.Count - 1; j >= 0; j--)
        {
            var candidate = list[j];
            if (candidate.Start >= pronoun.Start || (candidate.Actor is null && kind != "place"))
            {
                continue;
            }
            if (pronoun.Sentence - candidate.Sentence > SentenceWindow)
            {
                break;
            }
            var fits = kind switch
            {
                "person" or "leader" => candidate.Type == EntityType.PERSON && candidate.Mention != MentionKind.Pronoun,
                "country" or "government" => candidate.Mention == MentionKind.Name && candidate.Actor?.Country is not null
                    && (candidate.Type == EntityType.GPE || candidate.Rule.EndsWith(EntityRecognizer.NationalitySuffix, StringComparison.Ordinal)),
                // "wilayah tersebut", "the region": the last place named (its people act or are acted upon through it).
                "place" => candidate.Mention == MentionKind.Name && candidate.Place is not null && candidate.Type is EntityType.LOC or EntityType.GPE,
                "org" => candidate.Mention != MentionKind.Pronoun && candidate.Type == EntityType.ORG,
                "entity" => candidate.Mention != MentionKind.Pronoun && (candidate.Type == EntityType.ORG
                    || (candidate.Type == EntityType.GPE && candidate.Actor?.Country is not null)),
                // A country name modifying a noun ("pemerintah Azerbaijan") is part of that noun's phrase, not a group of people.
                "group" => candidate.Mention != MentionKind.Pronoun
                    && ((candidate.Type == EntityType.NORP && !candidate.Rule.EndsWith(EntityRecognizer.NationalitySuffix, StringComparison.Ordinal))
                        || (candidate.Actor?.Roles.Any(GroupRoles.Contains) ?? false)),
                _ => false,
            };
            if (!fits)
            {
                continue;
            }
            var actor = candidate.Actor ?? (candidate.Place?.Country is { } placeCountry ? new Actor(placeCountry, placeCountry, [], candidate.Text) : null);
            if (actor is null)
            {
                continue;
            }
            if (kind == "country" && actor.Country is { } country)
            {
                actor = actor with { Code = country, Roles = [] };
            }
            else if (kind == "government" && actor.Country is { } governed)
            {
                // "the government", "pemerintah tersebut": the government of the country named last, not the country.
                actor = actor with { Code = governed + "GOV", Roles = ["GOV"] };
            }
            return (j, actor);
        }
        return (null, null);
    }

    /// <summary>The role phrase without a country right before the anaphor, in its sentence; -1 for none. (A loop: the lambda it
    /// replaces captured the anaphor, a closure and a delegate for every pronoun.)</summary>
    private static int RolePhraseBefore(List<Entity> list, Entity anaphor)
    {
        for (var k = 0; k < list.Count; k++)
        {
            var e = list[k];
            if (e.Mention == MentionKind.Nominal && e.Actor is { Country: null } && e.End <= anaphor.Start && anaphor.Start - e.End <= 1
                && e.Sentence == anaphor.Sentence)
            {
                return k;
            }
        }
        return -1;
    }

    private static void InsertInOrder(List<Entity> list, Entity entity)
    {
        var index = 0;
        while (index < list.Count && list[index].Start <= entity.Start)
        {
            index++;
        }
        list.Insert(index, entity);
        // Links point by position: everything at or after the insertion moved one place.
        for (var k = 0; k < list.Count; k++)
        {
            if (k != index && list[k].Antecedent is { } a && a >= index)
            {
                list[k] = list[k] with { Antecedent = a + 1 };
            }
        }
    }
}
