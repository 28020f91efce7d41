using System.Collections.Frozen;
using Kabar.Languages;
using Kabar.Quantities;

namespace Kabar.Time;

/// <summary>Calendar units used by relative expressions.</summary>
public enum TimeUnit
{
    /// <summary>A day.</summary>
    Day,
    /// <summary>A week (ISO).</summary>
    Week,
    /// <summary>A month.</summary>
    Month,
    /// <summary>A year.</summary>
    Year,
    /// <summary>An hour.</summary>
    Hour,
    /// <summary>A minute.</summary>
    Minute,
}

/// <summary>A fixed relative expression (<c>kemarin</c> = day −1, <c>pekan lalu</c> = week −1).</summary>
/// <param name="Unit">Calendar unit.</param>
/// <param name="Offset">Offset from the anchor in units.</param>
/// <param name="Part">Part of day or week it names (<c>NI</c> for <c>semalam</c>, <c>WE</c> for <c>akhir pekan lalu</c>), or null.</param>
public sealed record RelativeTime(TimeUnit Unit, int Offset, string? Part);

/// <summary>A month word.</summary>
/// <param name="Month">1..12.</param>
/// <param name="Alone">False for words that are a month only next to a day or year (<c>Jan</c>).</param>
/// <param name="AnyCase">False when the word must be capitalised to be a month (<c>May</c>, <c>Mei</c>).</param>
public sealed record MonthWord(int Month, bool Alone, bool AnyCase);

/// <summary>A calendar unit word, with the count it carries itself (<c>sepekan</c>, <c>a week</c> = 1).</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Count">Built-in count, or null when a number must come before.</param>
public sealed record UnitWord(TimeUnit Unit, int? Count);

/// <summary>Date and time words of one language, from <c>lang/&lt;code&gt;/time/*.tsv</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TimeLexicon
{
    /// <summary>Month names and abbreviations (lower case, without a final dot).</summary>
    public required FrozenDictionary<string, MonthWord> Months { get; init; }

    /// <summary>Weekday names (lower case) → ISO weekday 1..7; weekdays must be capitalised to count.</summary>
    public required FrozenDictionary<string, int> Weekdays { get; init; }

    /// <summary>Fixed relative expressions.</summary>
    public required PhraseTable<RelativeTime> Relative { get; init; }

    /// <summary>Units used after numbers (<c>hari</c>, <c>days</c>), and units with their own count (<c>sepekan</c>).</summary>
    public required PhraseTable<UnitWord> Units { get; init; }

    /// <summary>Words that point back (<c>past</c>) or ahead (<c>future</c>) after <c>N unit</c>, a month or a weekday.</summary>
    public required PhraseTable<string> Directions { get; init; }

    /// <summary>Directions written before a month or weekday (<c>last</c> March, <c>next</c> Friday).</summary>
    public required PhraseTable<string> PrefixDirections { get; init; }

    /// <summary>Words linking a clock time or part of day to a date (<c>at</c>, <c>on</c>, <c>of</c>, <c>pada</c>).</summary>
    public required FrozenSet<string> Links { get; init; }

    /// <summary>Parts of day → TIMEX3 code (<c>NI</c>, <c>MO</c>…).</summary>
    public required PhraseTable<string> DayParts { get; init; }

    /// <summary>Modifiers (<c>sejak</c> → <c>since</c>, <c>selama</c> → <c>duration</c>, <c>awal</c> → <c>start</c>).</summary>
    public required PhraseTable<string> Modifiers { get; init; }

    /// <summary>Time zones → UTC offset (<c>WIB</c> → <c>+07:00</c>).</summary>
    public required PhraseTable<string> Zones { get; init; }

    /// <summary>Clock-time words: <c>marker</c> (pukul), <c>am</c>, <c>pm</c>, <c>local</c>.</summary>
    public required PhraseTable<string> Clock { get; init; }

    /// <summary>Words that make a sentence about the future (<c>akan</c>, <c>will</c>), for weekday resolution.</summary>
    public required FrozenSet<string> FutureMarkers { get; init; }

    /// <summary>Words that join the two ends of a range (<c>hingga</c>, <c>sampai</c>, <c>to</c>, <c>-</c>).</summary>
    public required FrozenSet<string> RangeJoiners { get; init; }

    /// <summary>Words before a bare month or year that make it a date (<c>pada</c>, <c>bulan</c>, <c>tahun</c>, <c>in</c>).</summary>
    public required FrozenSet<string> DateCues { get; init; }

    /// <summary>Day-first (<c>dmy</c>) or month-first (<c>mdy</c>) numeric dates.</summary>
    public required bool DayFirst { get; init; }

    /// <summary><see cref="FutureMarkers"/>, for the test of every token of a sentence.</summary>
    internal WordSet FutureFilter { get; private set; } = new([]);

    /// <summary>Every lower-case word (or word without its final dots) a date or time expression not written with figures can start
    /// with: the first words of modifiers, directions, relative expressions, units and clock words, weekdays, months and the number
    /// words a number can begin with. Other tokens, unless they hold a hyphen, start none, and the tagger does not try them.</summary>
    internal WordSet LeadWords { get; private set; } = new([]);

    /// <summary>Loads the lexicon of a language folder.</summary>
    public static TimeLexicon Load(DataSource data, string code, Func<string, IEnumerable<string>> tokenize, IEnumerable<string> futureMarkers,
        NumberLexicon numbers)
    {
        string P(string file) => $"{code}/time/{file}";
        var months = DataFile.ReadTable(P("months.tsv"), data.Read(P("months.tsv")), "word", "month")
            .GroupBy(r => r["word"].ToLowerInvariant().TrimEnd('.'), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => new MonthWord((int)g.First().Number("month"), g.First().Optional("alone") != "no",
                (g.First().Optional("case") ?? "any") == "any"), StringComparer.Ordinal);
        var weekdays = DataFile.ReadTable(P("weekdays.tsv"), data.Read(P("weekdays.tsv")), "word", "weekday")
            .GroupBy(r => r["word"].ToLowerInvariant().TrimEnd('.'), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (int)g.First().Number("weekday"), StringComparer.Ordinal);
        var relative = PhraseTable<RelativeTime>.Build(
            DataFile.ReadTable(P("relative.tsv"), data.Read(P("relative.tsv")), "phrase", "unit", "offset")
                .Select(r => (r["phrase"], new RelativeTime(ParseUnit(r["unit"], r.Location), (int)r.Number("offset"), r.Optional("part")))),
            tokenize);
        var units = PhraseTable<UnitWord>.Build(
            DataFile.ReadTable(P("units.tsv"), data.Read(P("units.tsv")), "word", "unit")
                .Select(r => (r["word"], new UnitWord(ParseUnit(r["unit"], r.Location), r.Optional("count") is { } c ? (int)r.Number("count") : null))),
            tokenize);
        var settingsRows = DataFile.ReadTable($"{code}/pack.tsv", data.Read($"{code}/pack.tsv"), "key", "value");
        var dateOrder = settingsRows.FirstOrDefault(r => r["key"] == "date_order")?.Optional("value") ?? "dmy";
        var lexicon = new TimeLexicon
        {
            Months = months,
            Weekdays = weekdays,
            Relative = relative,
            Units = units,
            Directions = PhraseTable<string>.Build(
                DataFile.ReadTable(P("directions.tsv"), data.Read(P("directions.tsv")), "word", "direction")
                    .Where(r => r.Optional("position") != "before").Select(r => (r["word"], r["direction"])),
                tokenize),
            PrefixDirections = PhraseTable<string>.Build(
                DataFile.ReadTable(P("directions.tsv"), data.Read(P("directions.tsv")), "word", "direction")
                    .Where(r => r.Optional("position") == "before").Select(r => (r["word"], r["direction"])),
                tokenize),
            Links = DataFile.ReadList(P("links.txt"), data.Read(P("links.txt"))).Select(l => l.Value.ToLowerInvariant())
                .ToFrozenSet(StringComparer.Ordinal),
            DayParts = Table(data, P("day_parts.tsv"), "word", "part", tokenize),
            Modifiers = Table(data, P("modifiers.tsv"), "word", "mod", tokenize),
            Zones = Table(data, P("zones.tsv"), "word", "offset", tokenize),
            Clock = Table(data, P("clock.tsv"), "word", "kind", tokenize),
            FutureMarkers = futureMarkers.Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal),
            RangeJoiners = DataFile.ReadList(P("joiners.txt"), data.Read(P("joiners.txt")))
                .Select(l => l.Value.ToLowerInvariant())
                .ToFrozenSet(StringComparer.Ordinal),
            DateCues = DataFile.ReadList($"{code}/time/cues.txt", data.Read($"{code}/time/cues.txt"))
                .Select(l => l.Value.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal),
            DayFirst = dateOrder != "mdy",
        };
        // Derived from the tables above, once, here: the tagger asks them about every token.
        lexicon.FutureFilter = new WordSet(lexicon.FutureMarkers);
        lexicon.LeadWords = new WordSet(lexicon.Modifiers.FirstWords.Concat(lexicon.PrefixDirections.FirstWords).Concat(lexicon.Relative.FirstWords)
            .Concat(lexicon.Units.FirstWords).Concat(lexicon.Clock.FirstWords).Concat(lexicon.Weekdays.Keys).Concat(lexicon.Months.Keys)
            .Concat(numbers.StartWords).Distinct(StringComparer.Ordinal));
        return lexicon;
    }

    private static PhraseTable<string> Table(DataSource data, string path, string key, string value, Func<string, IEnumerable<string>> tokenize) =>
        PhraseTable<string>.Build(
            DataFile.ReadTable(path, data.Read(path), key, value).Select(r => (r[key], r[value])),
            tokenize);

    private static TimeUnit ParseUnit(string unit, string location) => unit.ToLowerInvariant() switch
    {
        "day" => TimeUnit.Day,
        "week" => TimeUnit.Week,
        "month" => TimeUnit.Month,
        "year" => TimeUnit.Year,
        "hour" => TimeUnit.Hour,
        "minute" => TimeUnit.Minute,
        _ => throw new DataFileException($"{location}: unknown unit '{unit}' (day, week, month, year, hour, minute)"),
    };
}
