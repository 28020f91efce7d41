using System.Collections.Frozen;
using Kabar.Model;

namespace Kabar.Languages;

/// <summary>A country from <c>common/countries.tsv</c>.</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 (as CAMEO uses).</param>
/// <param name="Iso2">ISO 3166-1 alpha-2 (as GeoNames uses).</param>
/// <param name="Name">English short name.</param>
/// <param name="Lat">Representative point: latitude.</param>
/// <param name="Lon">Representative point: longitude.</param>
/// <param name="Capital">Capital, in English.</param>
/// <param name="CapitalPoint">The capital's coordinates, if known.</param>
public sealed record CountryInfo(string Iso3, string Iso2, string Name, double Lat, double Lon, string? Capital, (double Lat, double Lon)? CapitalPoint = null);

/// <summary>Language-neutral facts: CAMEO codes, countries, role codes, the intent mapping.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CommonData
{
    /// <summary>CAMEO codes by code string (<c>0356</c>).</summary>
    public required FrozenDictionary<string, CameoCode> Cameo { get; init; }

    /// <summary>Countries by ISO3.</summary>
    public required FrozenDictionary<string, CountryInfo> Countries { get; init; }

    /// <summary>Countries by ISO2.</summary>
    public required FrozenDictionary<string, CountryInfo> CountriesByIso2 { get; init; }

    /// <summary>Role codes.</summary>
    public required FrozenSet<string> Roles { get; init; }

    /// <summary>Roles of the state's own bodies (<c>group</c> <c>state</c> in <c>common/roles.tsv</c>: GOV, MIL, COP, JUD, LEG, SPY).</summary>
    public required FrozenSet<string> StateRoles { get; init; }

    /// <summary>Groups far more often acted on than acting (<c>group</c> <c>victim</c>: civilians, refugees, journalists, students,
    /// workers, rights activists).</summary>
    public required FrozenSet<string> VictimRoles { get; init; }

    /// <summary>How an intended act is coded: CAMEO prefix of the act → intent code (<c>19</c> → <c>138</c>), longest prefix wins.</summary>
    public required FrozenDictionary<string, string> IntentCodes { get; init; }

    /// <summary>How a negated act is coded: CAMEO prefix of the act → rejection code (<c>07</c> → <c>122</c>), longest prefix wins.</summary>
    public required FrozenDictionary<string, string> NegationCodes { get; init; }

    /// <summary>How an act someone says another must do is coded: CAMEO prefix of the act → demand code (<c>087</c> → <c>1056</c>),
    /// longest prefix wins.</summary>
    public FrozenDictionary<string, string> DemandCodes { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>The demand code for an act a speaker says must be done (<c>100</c> when nothing more specific is listed).</summary>
    public string DemandFor(string code) => Lookup(DemandCodes, code) ?? "100";

    /// <summary>The rejection code for a negated act, or null when negation leaves the act's code (and marks it negated).</summary>
    public string? NegationFor(string code) => Lookup(NegationCodes, code);

    /// <summary>True for a known ISO3 country code.</summary>
    public bool IsCountry(string iso3) => Countries.ContainsKey(iso3);

    /// <summary>The intent code for an act, or null when intent leaves the act's code as it is.</summary>
    public string? IntentFor(string code) => Lookup(IntentCodes, code);

    private static string? Lookup(FrozenDictionary<string, string> table, string code)
    {
        for (var length = code.Length; length >= 2; length--)
        {
            if (table.TryGetValue(code[..length], out var mapped))
            {
                return mapped.Length == 0 ? null : mapped;
            }
        }
        return null;
    }

    /// <summary>Loads <c>common/</c>.</summary>
    public static CommonData Load(DataSource data)
    {
        var cameo = DataFile.ReadTable("common/cameo.tsv", data.Read("common/cameo.tsv"), "code", "name", "quad_class", "goldstein")
            .ToFrozenDictionary(
                r => r["code"],
                r => new CameoCode(r["code"], r["name"], (int)r.Number("quad_class"), r.Number("goldstein"), r.Optional("plover"),
                    r.Optional("plover_mode"), r.Optional("acled_event_type"), r.Optional("acled_sub_event_type")),
                StringComparer.Ordinal);
        var countries = DataFile.ReadTable("common/countries.tsv", data.Read("common/countries.tsv"), "iso3", "iso2", "name", "lat", "lon")
            .Select(r => new CountryInfo(r["iso3"].ToUpperInvariant(), r["iso2"].ToUpperInvariant(), r["name"], r.Number("lat"), r.Number("lon"),
                r.Optional("capital"), r.Optional("capital_lat") is not null && r.Optional("capital_lon") is not null
                    ? (r.Number("capital_lat"), r.Number("capital_lon")) : null))
            .ToList();
        var roles = DataFile.ReadTable("common/roles.tsv", data.Read("common/roles.tsv"), "role").ToList();
        return new CommonData
        {
            Cameo = cameo,
            Countries = countries.ToFrozenDictionary(c => c.Iso3, StringComparer.Ordinal),
            CountriesByIso2 = countries.GroupBy(c => c.Iso2, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            Roles = roles.Select(r => r["role"].ToUpperInvariant()).ToFrozenSet(StringComparer.Ordinal),
            StateRoles = roles.Where(r => r.Optional("group") == "state").Select(r => r["role"].ToUpperInvariant()).ToFrozenSet(StringComparer.Ordinal),
            VictimRoles = roles.Where(r => r.Optional("group") == "victim").Select(r => r["role"].ToUpperInvariant()).ToFrozenSet(StringComparer.Ordinal),
            IntentCodes = DataFile.ReadTable("common/intent.tsv", data.Read("common/intent.tsv"), "act", "intended")
                .ToFrozenDictionary(r => r["act"], r => r.Optional("intended") ?? "", StringComparer.Ordinal),
            NegationCodes = DataFile.ReadTable("common/negation.tsv", data.Read("common/negation.tsv"), "act", "negated")
                .ToFrozenDictionary(r => r["act"], r => r.Optional("negated") ?? "", StringComparer.Ordinal),
            DemandCodes = DataFile.ReadTable("common/demand.tsv", data.Read("common/demand.tsv"), "act", "demand")
                .ToFrozenDictionary(r => r["act"], r => r["demand"], StringComparer.Ordinal),
        };
    }
}
