using System.Collections.Immutable;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Geo;

/// <summary>
/// Resolves GPE and LOC mentions to coordinates. Countries go to their representative point, Kabar's own place
/// lists (regions, corridors, exonyms) keep their coordinates, and everything else is looked up in the GeoNames
/// gazetteer and ranked by context: countries the article mentions (and the language's home country), feature
/// class (capital, province, seat of a province), population, and distance to places already resolved.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class Geocoder(CommonData common, Gazetteer gazetteer, IReadOnlyDictionary<string, string?> homeCountries) : IStage
{
    /// <inheritdoc />
    public string Name => "geocode";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["entities:GPE", "entities:LOC"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["entities.place"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        var context = CountryContext(document);
        homeCountries.TryGetValue(document.Language, out var home);
        var resolved = new List<Place>();
        var entities = document.Entities.ToBuilder();
        for (var i = 0; i < entities.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entity = entities[i];
            if (!IsPlaceMention(entity))
            {
                continue;
            }
            var place = entity.Place ?? Resolve(entity, context, home, resolved, Qualifier(document, entities, i));
            if (place is null)
            {
                continue;
            }
            resolved.Add(place);
            if (!ReferenceEquals(place, entity.Place))
            {
                entities[i] = entity with { Place = place }; // a name placed already (from the dictionary) is not copied over as it is
            }
        }
        return document with { Entities = entities.DrainToImmutable() }; // no copy when the builder is full (it is unless empty)
    }

    /// <summary>The text between two entities, without a copy.</summary>
    private static ReadOnlySpan<char> Between(Document document, Entity first, Entity next) =>
        document.Text.AsSpan(first.End, next.Start - first.End);

    /// <summary>GPE and LOC names, and country names used as nationalities ("militer Israel" is still Israel on the map).</summary>
    private static bool IsPlaceMention(Entity entity) =>
        entity.Mention == MentionKind.Name
        && (entity.Type is EntityType.GPE or EntityType.LOC
            || (entity.Type == EntityType.NORP && entity.Rule.EndsWith(Entities.EntityRecognizer.NationalitySuffix, StringComparison.Ordinal)));

    /// <summary>The place named right after this one, which narrows it down: "Paris, Texas", "Cambridge, Inggris", "Tripoli, kota terbesar
    /// kedua Lebanon" (a country or first-order division within the next few words).</summary>
    private static Entity? Qualifier(Document document, ImmutableArray<Entity>.Builder entities, int index)
    {
        var entity = entities[index];
        for (var j = index + 1; j < entities.Count; j++)
        {
            var next = entities[j];
            if (next.Sentence != entity.Sentence || next.Start - entity.End > 40)
            {
                return null;
            }
            if (IsPlaceMention(next) && next.Start > entity.End && Between(document, entity, next) is var between
                && between.TrimStart().StartsWith(',') && !between.Contains(" dan ", StringComparison.Ordinal))
            {
                return next;
            }
        }
        return null;
    }

    /// <summary>Resolves one mention.</summary>
    public Place? Resolve(Entity entity, IReadOnlyDictionary<string, int> context, string? home, IReadOnlyList<Place> resolved, Entity? qualifier = null)
    {
        // A country name goes to the country's point, unless a qualifier says it is the state of another country ("Georgia, Amerika
        // Serikat").
        var candidates = gazetteer.Lookup(entity.Text);
        if (candidates.Count == 0 && entity.Rule == "place-cue-head" && entity.Text.IndexOf(' ') is > 0 and var space)
        {
            // "Kota Odesa", "Kabupaten Cianjur": a place named with its kind, which the gazetteer does not spell out (not "River
            // Tay", whose head is no place cue).
            candidates = gazetteer.Lookup(entity.Text[(space + 1)..]);
        }
        var qualifierCountry = qualifier?.Actor?.Country ?? qualifier?.Place?.Country;
        if (entity.Actor is { Roles.IsEmpty: true, Country: { } iso3 } && entity.Actor.Code == iso3 && common.Countries.TryGetValue(iso3, out var country)
            && !HasOtherCountryRegion(candidates, iso3, qualifierCountry))
        {
            return CountryPlace(country);
        }
        // The mention's own country (a capital named as a government) is not evidence about which namesake it is.
        if (entity.Actor?.Country is { } own && context.TryGetValue(own, out var ownCount))
        {
            var adjusted = new Dictionary<string, int>(context, StringComparer.Ordinal);
            if (ownCount <= 1)
            {
                adjusted.Remove(own);
            }
            else
            {
                adjusted[own] = ownCount - 1;
            }
            context = adjusted;
        }
        var capitalOf = entity.Actor is { Country: { } c } && entity.Actor.Roles.Contains("GOV") ? c : null;
        if (candidates.Count == 0)
        {
            // A capital the gazetteer does not know by this name ("Wina", "Bukares"): the capital's own point.
            return capitalOf is not null && common.Countries.TryGetValue(capitalOf, out var owner) && owner.CapitalPoint is { } point
                ? new Place(owner.Capital ?? entity.Text, owner.Iso3, point.Lat, point.Lon, "capital:" + owner.Iso3, "capital")
                : null;
        }
        GazetteerPlace? qualifierAdmin = qualifier is null ? null : gazetteer.Lookup(qualifier.Text).Where(p => p.IsAdmin1).Cast<GazetteerPlace?>().FirstOrDefault();
        GazetteerPlace? best = null;
        var bestScore = double.MinValue;
        foreach (var candidate in candidates)
        {
            var score = Score(candidate, context, home, resolved);
            if (capitalOf is not null && candidate.Country == capitalOf)
            {
                score += 2.5; // a capital named as a government is most likely that capital, unless the context says otherwise
            }
            if (qualifierAdmin is { } admin && candidate.Country == admin.Country && candidate.Admin1 == admin.Admin1)
            {
                score += 8;
            }
            else if (qualifierCountry is not null && candidate.Country == qualifierCountry)
            {
                score += 6;
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        return best is { } b ? new Place(b.Name, b.Country, Math.Round(b.Lat, 5), Math.Round(b.Lon, 5), b.Id, Feature(b)) : null;
    }

    /// <summary>A region of the qualifier's country, not of <paramref name="iso3"/>, among the candidates. (A loop: the lambda it
    /// replaces captured two locals, which made a closure at every place resolved.)</summary>
    private static bool HasOtherCountryRegion(List<GazetteerPlace> candidates, string iso3, string? qualifierCountry)
    {
        foreach (var c in candidates)
        {
            if (c.IsAdmin1 && c.Country != iso3 && c.Country == qualifierCountry)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Scores a candidate: feature class and population give prominence; the article's countries and nearby resolved
    /// places give context. Weights were set on Kabar's own geo development set (docs/quality.md).</summary>
    internal static double Score(GazetteerPlace candidate, IReadOnlyDictionary<string, int> context, string? home, IReadOnlyList<Place> resolved)
    {
        var score = Math.Log10(Math.Max(1, candidate.Population));
        score += candidate.FeatureCode switch
        {
            "PPLC" => 3.0,
            "ADM1" => 2.5,
            "PPLA" => 2.0,
            "PPLA2" => 1.0,
            "PPLA3" or "PPLA4" => 0.5,
            _ => 0,
        };
        if (context.TryGetValue(candidate.Country, out var mentions))
        {
            score += 4.0 + Math.Min(2.0, mentions * 0.5);
        }
        else if (candidate.Country == home)
        {
            score += 2.0;
        }
        foreach (var place in resolved)
        {
            if (GeoMath.IsWithinKm(place.Lat, place.Lon, candidate.Lat, candidate.Lon, 300))
            {
                score += 1.0;
                break;
            }
        }
        return score;
    }

    /// <summary>How often each country is named (as a country, demonym, capital or actor) in the document.</summary>
    public static Dictionary<string, int> CountryContext(Document document)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in document.Entities)
        {
            var country = entity.Actor?.Country ?? entity.Place?.Country;
            if (country is not null && entity.Mention != MentionKind.Pronoun)
            {
                counts[country] = counts.GetValueOrDefault(country) + 1;
            }
        }
        return counts;
    }

    /// <summary>The representative point of a country as a place.</summary>
    public static Place CountryPlace(CountryInfo country) =>
        new(country.Name, country.Iso3, country.Lat, country.Lon, "country:" + country.Iso3, "country");

    private static string Feature(GazetteerPlace place) => place.FeatureCode switch
    {
        "ADM1" => "admin1",
        "PPLC" => "capital",
        _ => "city",
    };

    /// <summary>All places of a document in text order (for <c>kabar eval geo</c>).</summary>
    public static ImmutableArray<Entity> Places(Document document) =>
        document.Entities.Where(e => e.Place is not null && e.Type is EntityType.GPE or EntityType.LOC).ToImmutableArray();
}
