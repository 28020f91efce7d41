using System.Collections.Frozen;
using System.Collections.Immutable;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Actors;

/// <summary>What kind of dictionary entry a name came from.</summary>
public enum NameKind
{
    /// <summary>A country name (<c>Rusia</c>, <c>United States</c>).</summary>
    Country,
    /// <summary>A capital or seat of power used for its government (<c>Baku</c>, <c>Kremlin</c>).</summary>
    Capital,
    /// <summary>A nationality word (<c>Azerbaijani</c>).</summary>
    Demonym,
    /// <summary>A named organisation or group.</summary>
    Organization,
    /// <summary>A person.</summary>
    Person,
    /// <summary>A place from the language's own gazetteer file (regions, corridors, exonyms).</summary>
    Place,
}

/// <summary>One dictionary name and what it stands for.</summary>
/// <param name="Name">The name as written in the file (case matters for all-caps names such as <c>AS</c>).</param>
/// <param name="Canonical">Display name (first of the <c>|</c>-separated names).</param>
/// <param name="Code">Actor code (<c>AZE</c>, <c>AZEGOV</c>, <c>IGOUNO</c>), or null for places without one.</param>
/// <param name="Type">Entity type.</param>
/// <param name="Kind">Source dictionary.</param>
/// <param name="ValidFrom">First day the code applies, or null.</param>
/// <param name="ValidTo">Day the code stops applying, or null.</param>
/// <param name="Location">File and line.</param>
public sealed record NameEntry(
    string Name,
    string Canonical,
    string? Code,
    EntityType Type,
    NameKind Kind,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string Location)
{
    /// <summary>Coordinates for <see cref="NameKind.Place"/> entries.</summary>
    public (double Lat, double Lon)? Point { get; init; }

    /// <summary>ISO3 country the place lies in (places), or null.</summary>
    public string? Country { get; init; }

    /// <summary>Feature kind for places (<c>region</c>, <c>corridor</c>…).</summary>
    public string? Feature { get; init; }

    /// <summary>True when the entry applies on <paramref name="date"/> (or has no dates).</summary>
    public bool ValidOn(DateOnly? date) =>
        date is null ? ValidTo is null : (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date < ValidTo);

    /// <summary>True when the file marks the name <c>match=case</c> (acronyms that are also words: <c>WHO</c>, <c>ANTARA</c>).</summary>
    public bool MatchCase { get; init; }

    /// <summary>True when the name must match case-sensitively: marked so, or an all-caps short name (<c>AS</c>, <c>US</c>, <c>PBB</c>).</summary>
    public bool CaseSensitive => MatchCase || (Name.Length <= 5 && HasOnlyCapitalLetters(Name));

    /// <summary>At least one letter, and every letter upper case. A loop: as LINQ over the string it allocated two enumerators per
    /// call, and the entity stage asks for every dictionary match.</summary>
    private static bool HasOnlyCapitalLetters(string name)
    {
        var letters = false;
        foreach (var c in name)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }
                letters = true;
            }
        }
        return letters;
    }
}

/// <summary>A title before a person's name, with the role it gives.</summary>
/// <param name="Role">Role code, or null when the title says nothing about the role.</param>
/// <param name="Location">File and line.</param>
public sealed record TitleEntry(string? Role, string Location);

/// <summary>A word that heads an organisation name (<c>Kementerian</c>, <c>Ministry</c>).</summary>
/// <param name="Role">Role code, or null.</param>
/// <param name="First">True when the head comes first (<c>Kementerian Luar Negeri Rusia</c>), false when last (<c>Foreign Ministry</c>).</param>
public sealed record OrgHead(string? Role, bool First);

/// <summary>Actor and entity dictionaries of one language, merged with the shared ones in <c>lang/common/actors/</c>.</summary>
/// <remarks>Immutable and thread-safe; one instance serves every document.</remarks>
public sealed class ActorLexicon
{
    /// <summary>CAMEO codes for actors without a country: international organisations, NGOs, multinationals, transnational armed groups,
    /// unidentified state actors.</summary>
    public static readonly FrozenSet<string> InternationalPrefixes = FrozenSet.Create(StringComparer.Ordinal, "IGO", "NGO", "MNC", "IMG", "UIS");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> InternationalPrefixLookup =
        InternationalPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a code begins with one of <see cref="InternationalPrefixes"/>: the same test as
    /// <c>InternationalPrefixes.Contains(code[..3])</c> without the substring (the event stage asks it for every candidate actor).</summary>
    public static bool HasInternationalPrefix(string code) => code.Length >= 3 && InternationalPrefixLookup.Contains(code.AsSpan(0, 3));

    /// <summary>Every name (countries, capitals, demonyms, organisations, people, places) → its entries.</summary>
    public required PhraseTable<ImmutableArray<NameEntry>> Names { get; init; }

    /// <summary>People by the last word of their names (<c>Obama</c> → Barack Obama), for surnames used alone.</summary>
    public required FrozenDictionary<string, ImmutableArray<NameEntry>> Surnames
    {
        get;
        init
        {
            field = value;
            _surnameFilter = new WordFilter(value.Keys);
        }
    }

    /// <summary>The surnames' filter: the recogniser asks about every capitalised word met alone, and few are surnames.</summary>
    private readonly WordFilter _surnameFilter = new([]);

    /// <summary>Common nouns that give an actor its role (<c>militer</c> → <c>MIL</c>).</summary>
    public required PhraseTable<string> Roles { get; init; }

    /// <summary>Titles before names.</summary>
    public required PhraseTable<TitleEntry> Titles { get; init; }

    /// <summary>Organisation heads.</summary>
    public required PhraseTable<OrgHead> OrgHeads { get; init; }

    /// <summary>Honorifics (<c>Bapak</c>, <c>Mr.</c>).</summary>
    public required WordSet Honorifics { get; init; }

    /// <summary>Capitalised words that are never names (<c>Menurut</c>, <c>However</c>).</summary>
    public required WordSet NonNames { get; init; }

    /// <summary>Words that mark a neighbouring name as a person, with the side the name is on (<c>before</c>/<c>after</c> the cue).</summary>
    public required PhraseTable<string> PersonCues { get; init; }

    /// <summary>Pronouns and anaphors (<c>ia</c> → person, <c>negara itu</c> → country, <c>mereka</c> → group).</summary>
    public required PhraseTable<string> Pronouns { get; init; }

    /// <summary>Words before a name that mark it as a place (<c>di</c>, <c>kota</c>, <c>in</c>, <c>near</c>).</summary>
    public required WordSet PlaceCues { get; init; }

    /// <summary>True when every name that must match its case begins with a capital or a figure, as all of Kabar's own do: then no
    /// name can start at a word in lower case (<see cref="NameEntry.CaseSensitive"/> entries match as written, the others only from a
    /// capitalised word or a figure), and the recogniser need not look one up there.</summary>
    public bool NamesStartCapitalised { get; init; }

    /// <summary>Country code assumed for institutions named without a country (<c>IDN</c> for Indonesian news), or null.</summary>
    public string? HomeCountry { get; init; }

    /// <summary>The one person valid on <paramref name="date"/> whose name ends with the token's word, or null when none or several are
    /// (a surname shared by two office holders is not resolved). By the token's lower case and key: the recogniser asks about every
    /// capitalised word met alone.</summary>
    public NameEntry? PersonBySurname(in Token token, DateOnly? date) =>
        _surnameFilter.MayContain(in token) ? PersonBySurname(token.Text, token.Lower, date) : null;

    private NameEntry? PersonBySurname(string surname, string lower, DateOnly? date)
    {
        if (!Surnames.TryGetValue(lower, out var entries))
        {
            return null;
        }
        // Loops rather than LINQ for the usual answers (no one, or one person): every capitalised word met alone is asked.
        NameEntry? first = null;
        var oneName = true;
        var oneCode = true;
        foreach (var e in entries)
        {
            if (!e.ValidOn(date))
            {
                continue;
            }
            if (first is null)
            {
                first = e;
                continue;
            }
            oneName &= string.Equals(e.Canonical, first.Canonical, StringComparison.Ordinal);
            oneCode &= e.Code == first.Code;
        }
        if (first is null)
        {
            return null;
        }
        if (oneName || oneCode)
        {
            return first;
        }
        var valid = entries.Where(e => e.ValidOn(date)).ToList();
        // Two presidents Bush: which one is unknown, but not their country.
        var countries = valid.Select(e => e.Code is { Length: >= 3 } c ? c[..3] : null).Distinct(StringComparer.Ordinal).ToList();
        return countries is [{ } country] ? valid[0] with { Code = country, Canonical = surname } : null;
    }

    /// <summary>Loads the lexicon of a language folder, with the shared files of <c>common/</c>.</summary>
    public static ActorLexicon Load(DataSource data, string code, Func<string, IEnumerable<string>> tokenize, Func<string, bool> isCountry,
        IReadOnlyDictionary<string, string> settings)
    {
        var names = new List<(string, NameEntry)>();
        // The user's own entries first: where they name the same words as Kabar's files, they win.
        AddPeople(names, data, UserDictionary.DataPath, onlyType: "PERSON");
        AddOrganizations(names, data, UserDictionary.DataPath, skipType: "PERSON");
        AddSimple(names, data, $"{code}/actors/countries.tsv", "name", EntityType.GPE, NameKind.Country, row => row["iso3"]);
        // A seat of power stands for its government unless the file says otherwise (Pentagon → MIL).
        AddSimple(names, data, $"{code}/actors/capitals.tsv", "name", EntityType.GPE, NameKind.Capital, row => row["iso3"] + (row.Optional("role") ?? "GOV"));
        AddSimple(names, data, $"{code}/actors/demonyms.tsv", "word", EntityType.NORP, NameKind.Demonym, row => row["iso3"]);
        AddOrganizations(names, data, $"{code}/actors/organizations.tsv");
        AddOrganizations(names, data, "common/actors/organizations.tsv");
        AddPeople(names, data, "common/actors/people.tsv");
        AddPlaces(names, data, $"{code}/gazetteer/places.tsv");
        foreach (var (_, entry) in names)
        {
            if (entry.Code is { Length: >= 3 } actor && !isCountry(actor[..3]) && !InternationalPrefixes.Contains(actor[..3]))
            {
                throw new DataFileException($"{entry.Location}: actor code '{actor}' starts with neither a country in common/countries.tsv nor "
                    + string.Join("/", InternationalPrefixes));
            }
        }
        var grouped = names
            .GroupBy(n => string.Join(' ', tokenize(n.Item1)).ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (g.First().Item1, g.Select(x => x.Item2).ToImmutableArray()));
        var surnames = names.Where(n => n.Item2.Kind == NameKind.Person && n.Item1.Contains(' ', StringComparison.Ordinal))
            .GroupBy(n => n.Item1[(n.Item1.LastIndexOf(' ') + 1)..].ToLowerInvariant(), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(n => n.Item2).Distinct().ToImmutableArray(), StringComparer.Ordinal);
        return new ActorLexicon
        {
            Names = PhraseTable<ImmutableArray<NameEntry>>.Build(grouped, tokenize),
            Surnames = surnames,
            Roles = Table(data, $"{code}/actors/roles.tsv", "phrase", "role", tokenize),
            Titles = PhraseTable<TitleEntry>.Build(
                DataFile.ReadTable($"{code}/entities/titles.tsv", data.Read($"{code}/entities/titles.tsv"), "title")
                    .Select(r => (r["title"], new TitleEntry(r.Optional("role"), r.Location))),
                tokenize),
            OrgHeads = PhraseTable<OrgHead>.Build(
                DataFile.ReadTable($"{code}/entities/org_heads.tsv", data.Read($"{code}/entities/org_heads.tsv"), "head")
                    .Select(r => (r["head"], new OrgHead(r.Optional("role"), (r.Optional("position") ?? "first") == "first"))),
                tokenize),
            Honorifics = new WordSet(List(data, $"{code}/entities/honorifics.txt")),
            NonNames = new WordSet(List(data, $"{code}/entities/non_names.txt")),
            PersonCues = Table(data, $"{code}/entities/person_cues.tsv", "word", "position", tokenize),
            Pronouns = Table(data, $"{code}/entities/pronouns.tsv", "word", "kind", tokenize),
            PlaceCues = new WordSet(List(data, $"{code}/entities/place_cues.txt")),
            HomeCountry = settings.GetValueOrDefault("home_country"),
            NamesStartCapitalised = names.TrueForAll(n => !n.Item2.CaseSensitive || n.Item2.Name is [var first, ..] && (char.IsUpper(first) || char.IsDigit(first))),
        };
    }

    private static void AddSimple(List<(string, NameEntry)> names, DataSource data, string path, string nameColumn,
        EntityType type, NameKind kind, Func<DataRow, string> toCode)
    {
        foreach (var row in DataFile.ReadTable(path, data.Read(path), nameColumn, "iso3"))
        {
            var name = row[nameColumn];
            // A seat of power named for another branch (Pentagon MIL, Capitol Hill LEG) is an institution, not a city.
            var entryType = kind == NameKind.Capital && row.Optional("role") is { } role && role != "GOV" ? EntityType.ORG : type;
            names.Add((name, new NameEntry(name, name, toCode(row).ToUpperInvariant(), entryType, kind, null, null, row.Location)));
        }
    }

    private static void AddOrganizations(List<(string, NameEntry)> names, DataSource data, string path, string? skipType = null)
    {
        foreach (var row in DataFile.ReadTable(path, data.Read(path), "names", "actor"))
        {
            if (skipType is not null && row.Optional("type") == skipType)
            {
                continue;
            }
            var all = row["names"].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var type = row.Optional("type") == "NORP" ? EntityType.NORP : EntityType.ORG;
            // Groups without a single country (Kurds, Muslims) are entities but not actors.
            var actor = row.Optional("actor")?.ToUpperInvariant();
            foreach (var name in all)
            {
                names.Add((name, new NameEntry(name, all[0], actor, type, NameKind.Organization,
                    row.Date("valid_from"), row.Date("valid_to"), row.Location) { MatchCase = row.Optional("match") == "case" }));
            }
        }
    }

    private static void AddPeople(List<(string, NameEntry)> names, DataSource data, string path, string? onlyType = null)
    {
        foreach (var row in DataFile.ReadTable(path, data.Read(path), "names", "actor"))
        {
            if (onlyType is not null && row.Optional("type") != onlyType)
            {
                continue;
            }
            var all = row["names"].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in all)
            {
                names.Add((name, new NameEntry(name, all[0], row["actor"].ToUpperInvariant(), EntityType.PERSON, NameKind.Person,
                    row.Date("valid_from"), row.Date("valid_to"), row.Location)));
            }
        }
    }

    private static void AddPlaces(List<(string, NameEntry)> names, DataSource data, string path)
    {
        foreach (var row in DataFile.ReadTable(path, data.Read(path), "name", "lat", "lon"))
        {
            var name = row["name"];
            var feature = row.Optional("feature") ?? "area";
            var country = row.Optional("country")?.ToUpperInvariant();
            // "people" names whose civilians an actor mention from this place stands for (Nagorno-Karabakh → ARM).
            var people = row.Optional("people")?.ToUpperInvariant() ?? country;
            var type = feature is "city" or "admin" or "province" or "country" ? EntityType.GPE : EntityType.LOC;
            names.Add((name, new NameEntry(name, name, people, type, NameKind.Place, null, null, row.Location)
            {
                Point = (row.Number("lat"), row.Number("lon")),
                Country = country,
                Feature = feature,
            }));
        }
    }

    private static PhraseTable<string> Table(DataSource data, string path, string key, string value, Func<string, IEnumerable<string>> tokenize) =>
        PhraseTable<string>.Build(
            DataFile.ReadTable(path, data.Read(path), key).Select(r => (r[key], r.Optional(value) ?? "")),
            tokenize);

    private static FrozenSet<string> List(DataSource data, string path) =>
        DataFile.ReadList(path, data.Read(path)).Select(l => l.Value.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
}
