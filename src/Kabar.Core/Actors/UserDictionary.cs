using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Kabar.Languages;

namespace Kabar.Actors;

/// <summary>
/// A user's own actors and aliases (<c>kabar extract --dict my-actors.tsv</c>), in the columns of
/// <c>lang/common/actors/people.tsv</c> and <c>organizations.tsv</c>: <c>names</c> (|-separated, the first is the display
/// name), <c>actor</c> (CAMEO code), <c>type</c> (<c>PERSON</c>, <c>ORG</c> or <c>NORP</c>; default <c>ORG</c>),
/// optional <c>valid_from</c>/<c>valid_to</c> and <c>note</c>. The same in YAML is a list of maps with those keys, where
/// <c>names</c> may be a list. User entries come before Kabar's own, so they win where both name the same words.
/// </summary>
public static class UserDictionary
{
    /// <summary>Where the merged user entries appear among the language data.</summary>
    public const string DataPath = "common/actors/user.tsv";

    private static readonly string[] Columns = ["names", "actor", "type", "valid_from", "valid_to", "note"];

    private const string LocationKey = "\u0000location";

    /// <summary>Reads the files and returns them as one table in Kabar's format.</summary>
    /// <exception cref="DataFileException">A file is missing, unreadable or malformed; the message names it (and the line).</exception>
    public static string ToTable(IEnumerable<string> paths, Func<string, bool>? isCountry = null)
    {
        var table = new StringBuilder(string.Join('\t', Columns)).Append('\n');
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new DataFileException($"{path}: no such dictionary file");
            }
            var rows = (Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml" ? FromYaml(path) : FromTsv(path))
                .Select(r => CheckCode(r, isCountry));
            foreach (var row in rows)
            {
                table.Append(string.Join('\t', Columns.Select(c => Clean(row.GetValueOrDefault(c))))).Append('\n');
            }
        }
        return table.ToString();
    }

    private static IEnumerable<Dictionary<string, string>> FromTsv(string path)
    {
        foreach (var row in DataFile.ReadTable(path, File.ReadAllText(path), "names", "actor"))
        {
            yield return Validate(Columns.Where(c => row.Optional(c) is not null).ToDictionary(c => c, c => row.Optional(c)!), row.Location);
        }
    }

    private static IEnumerable<Dictionary<string, string>> FromYaml(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new DataFileException($"{path}:{ex.Start.Line}: not valid YAML: {ex.Message}");
        }
        if (stream.Documents.Count == 0)
        {
            yield break;
        }
        if (stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            throw new DataFileException($"{path}: expected a list of actors (\"- names: …\")");
        }
        foreach (var item in list)
        {
            var location = $"{path}:{item.Start.Line}";
            if (item is not YamlMappingNode map)
            {
                throw new DataFileException($"{location}: each actor is a map with names, actor, type");
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                row[name] = value switch
                {
                    YamlScalarNode scalar => scalar.Value ?? "",
                    YamlSequenceNode names => string.Join('|', names.Children.OfType<YamlScalarNode>().Select(n => n.Value)),
                    _ => throw new DataFileException($"{location}: '{name}' must be text or a list"),
                };
            }
            yield return Validate(row, location);
        }
    }

    private static Dictionary<string, string> Validate(Dictionary<string, string> row, string location)
    {
        if (string.IsNullOrWhiteSpace(row.GetValueOrDefault("names")) || string.IsNullOrWhiteSpace(row.GetValueOrDefault("actor")))
        {
            throw new DataFileException($"{location}: an actor needs names and an actor code");
        }
        var type = (row.GetValueOrDefault("type") ?? "ORG").Trim().ToUpperInvariant();
        if (type is not ("PERSON" or "ORG" or "NORP"))
        {
            throw new DataFileException($"{location}: type '{type}' is not PERSON, ORG or NORP");
        }
        row["type"] = type;
        row[LocationKey] = location;
        foreach (var column in (string[])["valid_from", "valid_to"])
        {
            if (row.GetValueOrDefault(column) is { Length: > 0 } date
                && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new DataFileException($"{location}: {column} '{date}' is not a yyyy-MM-dd date");
            }
        }
        return row;
    }

    private static Dictionary<string, string> CheckCode(Dictionary<string, string> row, Func<string, bool>? isCountry)
    {
        var code = row["actor"].Trim().ToUpperInvariant();
        var prefix = code.Length >= 3 ? code[..3] : code;
        if (code.Length % 3 != 0 || !code.All(char.IsAsciiLetterUpper)
            || (isCountry is not null && !isCountry(prefix) && !ActorLexicon.InternationalPrefixes.Contains(prefix)))
        {
            throw new DataFileException($"{row[LocationKey]}: actor code '{code}' must be a country (ISO 3166 alpha-3) or "
                + string.Join("/", ActorLexicon.InternationalPrefixes) + " followed by three-letter roles (AZEMIL, USAGOV, IGOUNO)");
        }
        row["actor"] = code;
        return row;
    }

    private static string Clean(string? value) => (value ?? "").Replace('\t', ' ').Replace('\n', ' ').Trim();
}
