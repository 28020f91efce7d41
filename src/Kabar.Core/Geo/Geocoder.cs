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
            if (entity.Type is not (EntityType.GPE or EntityType.LOC) || entity.Mention == MentionKind.Pronoun)
            {
                continue;
            }
            var place = entity.Place ?? Resolve(entity, context, home, resolved);
            if (place is null)
            {
                continue;
            }
            resolved.Add(place);
            entities[i] = entity with { Place = place };
        }
        return document with { Entities = entities.ToImmutable() };
    }

    /// <summary>Resolves one mention.</summary>
    public Place? Resolve(Entity entity, IReadOnlyDictionary<string, int> context, string? home, IReadOnlyList<Place> resolved)
    {
        // A country name goes to the country's point; a capital used as a metonym to the capital city.
        if (entity.Actor is { Roles.IsEmpty: true, Country: { } iso3 } && entity.Actor.Code == iso3 && common.Countries.TryGetValue(iso3, out var country))
        {
            return CountryPlace(country);
        }
        var candidates = gazetteer.Lookup(entity.Text);
        if (candidates.Count == 0)
        {
            return null;
        }
        var restrict = entity.Actor is { Country: { } capitalOf } && entity.Actor.Roles.Contains("GOV") ? capitalOf : null;
        GazetteerPlace? best = null;
        var bestScore = double.MinValue;
        foreach (var candidate in candidates)
        {
            if (restrict is not null && candidate.Country != restrict)
            {
                continue;
            }
            var score = Score(candidate, context, home, resolved);
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        return best is { } b ? new Place(b.Name, b.Country, Math.Round(b.Lat, 5), Math.Round(b.Lon, 5), b.Id, Feature(b)) : null;
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
            if (GeoMath.DistanceKm(place.Lat, place.Lon, candidate.Lat, candidate.Lon) < 300)
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
