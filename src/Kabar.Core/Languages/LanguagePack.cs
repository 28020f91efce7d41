using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kabar.Actors;
using Kabar.Cleaning;
using Kabar.Entities;
using Kabar.Events;
using Kabar.Morphology;
using Kabar.Quantities;
using Kabar.Segmentation;
using Kabar.Time;

namespace Kabar.Languages;

/// <summary>
/// Everything Kabar knows about one language, loaded once from <c>lang/&lt;code&gt;/</c> into immutable lookup structures.
/// </summary>
/// <remarks>Immutable and thread-safe: one pack serves every document and thread.</remarks>
public sealed class LanguagePack
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    private LanguagePack(string code) => Code = code;

    /// <summary>ISO 639-1 code (<c>id</c>, <c>en</c>).</summary>
    public string Code { get; }

    /// <summary>Language name in English.</summary>
    public string Name { get; private init; } = "";

    /// <summary>Settings from <c>pack.tsv</c>.</summary>
    public FrozenDictionary<string, string> Settings { get; private init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Frequent words for language identification.</summary>
    public ImmutableArray<string> LanguageIdWords { get; private init; } = [];

    /// <summary>The language's frequent words in full (pack.tsv <c>frequent_words</c>): language identification falls back on them
    /// for short texts with few function words.</summary>
    public FrozenSet<string> Vocabulary { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>The tokenizer.</summary>
    public Tokenizer Tokenizer { get; private init; } = null!;

    /// <summary>The sentence splitter.</summary>
    public SentenceSplitter SentenceSplitter { get; private init; } = null!;

    /// <summary>Morphology.</summary>
    public IMorphology Morphology { get; private init; } = null!;

    /// <summary>Page-furniture patterns.</summary>
    public ImmutableArray<CleaningRule> CleaningRules { get; private init; } = [];

    /// <summary>Date and time words.</summary>
    public TimeLexicon Time { get; private init; } = null!;

    /// <summary>Number words and separators.</summary>
    public NumberLexicon Numbers { get; private init; } = null!;

    /// <summary>Quantity words.</summary>
    public QuantityLexicon Quantities { get; private init; } = null!;

    /// <summary>Entity and actor dictionaries.</summary>
    public EntityResources Entities { get; private init; } = null!;

    /// <summary>Event patterns and clause words.</summary>
    public EventLexicon Events { get; private init; } = null!;

    /// <summary>Splits a phrase from a data file the way text is split, so phrases and text agree on token boundaries.</summary>
    public IEnumerable<string> TokenizePhrase(string phrase) => Tokenizer.Tokenize(phrase).Select(t => t.Text);

    /// <summary>Loads a language folder.</summary>
    /// <exception cref="DataFileException">A file is malformed; the message names the file and line.</exception>
    public static LanguagePack Load(DataSource data, string code, CommonData common)
    {
        var settings = DataFile.ReadTable($"{code}/pack.tsv", data.Read($"{code}/pack.tsv"), "key", "value")
            .ToFrozenDictionary(r => r["key"], r => r.Optional("value") ?? "", StringComparer.Ordinal);
        var langId = Words(data, $"{code}/langid.txt");
        var abbreviations = DataFile.ReadList($"{code}/abbreviations.txt", data.Read($"{code}/abbreviations.txt")).Select(l => l.Value);
        var clitics = (settings.GetValueOrDefault("clitics") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokenizer = new Tokenizer(abbreviations, clitics);
        IEnumerable<string> Tokenize(string phrase) => tokenizer.Tokenize(phrase).Select(t => t.Text);

        var nonNames = Words(data, $"{code}/entities/non_names.txt");
        var splitter = new SentenceSplitter(nonNames);
        var morphology = LoadMorphology(data, code, settings.GetValueOrDefault("morphology") ?? "none", langId);
        var numbers = LoadNumbers(data, code, settings);
        var events = EventLexicon.Load(data, code, Tokenize, morphology, common.Cameo);
        var futureMarkers = DataFile.ReadTable($"{code}/events/modality.tsv", data.Read($"{code}/events/modality.tsv"), "phrase", "modality")
            .Where(r => r["modality"] == "intended" && !r["phrase"].Contains(' ', StringComparison.Ordinal))
            .Select(r => r["phrase"])
            .Concat(DataFile.ReadTable($"{code}/time/relative.tsv", data.Read($"{code}/time/relative.tsv"), "phrase", "offset")
                .Where(r => r.Number("offset") > 0 && !r["phrase"].Contains(' ', StringComparison.Ordinal)).Select(r => r["phrase"]));
        var actors = ActorLexicon.Load(data, code, Tokenize, common.IsCountry, settings);
        var commonWords = CommonWords(data, code, langId);
        var givenNames = PackageWords(data, settings, "given_names").ToFrozenSet(StringComparer.Ordinal);
        var frequentWords = PackageWords(data, settings, "frequent_words").ToList();
        var placeHeads = PhraseTable<string>.Build(
            DataFile.ReadTable($"{code}/entities/place_heads.tsv", data.Read($"{code}/entities/place_heads.tsv"), "head")
                .Select(r => (r["head"], r.Optional("position") ?? "first")),
            Tokenize);
        return new LanguagePack(code)
        {
            Name = settings.GetValueOrDefault("name") ?? code,
            Settings = settings,
            LanguageIdWords = [.. langId],
            Vocabulary = frequentWords.ToFrozenSet(StringComparer.Ordinal),
            Tokenizer = tokenizer,
            SentenceSplitter = splitter,
            Morphology = morphology,
            CleaningRules = LoadCleaning(data, code),
            Time = TimeLexicon.Load(data, code, Tokenize, futureMarkers, numbers),
            Numbers = numbers,
            Quantities = QuantityLexicon.Load(data, code, Tokenize, settings, numbers),
            Entities = new EntityResources(actors, commonWords, placeHeads, PhraseTable<string>.Build(
                DataFile.ReadTable($"{code}/entities/misc_heads.tsv", data.Read($"{code}/entities/misc_heads.tsv"), "head")
                    .Select(r => (r["head"], r.Optional("position") ?? "first")),
                Tokenize),
                PhraseTable<bool>.Build(
                    DataFile.ReadTable($"{code}/entities/place_modifiers.tsv", data.Read($"{code}/entities/place_modifiers.tsv"), "word")
                        .Select(r => (r["word"], r.Optional("case") == "any")),
                    Tokenize),
                Words(data, $"{code}/entities/lowercase_heads.txt").ToFrozenSet(StringComparer.Ordinal))
            {
                FunctionWords = new WordSet(langId),
                Locatives = LoadLocatives(data, code, settings, Tokenize),
                GivenNames = new WordSet(givenNames),
                FrequentWords = new WordSet(frequentWords
                    .Take(int.TryParse(settings.GetValueOrDefault("frequent_words_limit"), out var limit) ? limit : int.MaxValue)
                    .Except(givenNames)),
                SubunitHeads = PhraseTable<bool>.Build(Words(data, $"{code}/entities/subunit_heads.txt").Select(w => (w, true)), Tokenize),
                OrgCues = PhraseTable<bool>.Build(Words(data, $"{code}/entities/org_cues.txt").Select(w => (w, true)), Tokenize),
                NationalityAfterNoun = settings.GetValueOrDefault("nationality_after_noun") == "true",
                ModifiedNouns = PhraseTable<bool>.Build(Words(data, $"{code}/actors/modified_nouns.txt").Select(w => (w, true)), Tokenize),
                FormerWords = new WordSet((settings.GetValueOrDefault("former_words") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                LeaderSuffixes = (settings.GetValueOrDefault("leader_suffixes") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .ToFrozenSet(StringComparer.Ordinal),
                EthnicWords = new WordSet((settings.GetValueOrDefault("ethnic_words") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                OwnerPrepositions = (settings.GetValueOrDefault("owner_prepositions") ?? "")
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal),
                Predicates = new WordSet(DataFile.ReadTable($"{code}/events/clauses.tsv", data.Read($"{code}/events/clauses.tsv"), "word", "kind")
                    .Where(r => r["kind"] == "predicate").Select(r => r["word"].ToLowerInvariant())),
            },
            Events = events,
        };
    }

    /// <summary>A word list from an installed registry package named in pack.tsv (a JSON array of words); empty when it is not installed.</summary>
    private static IEnumerable<string> PackageWords(DataSource data, FrozenDictionary<string, string> settings, string key)
    {
        if (settings.GetValueOrDefault(key) is not { Length: > 0 } path || data.ReadPackage(path) is not { } json)
        {
            return [];
        }
        try
        {
            return (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(w => w.ToLowerInvariant());
        }
        catch (JsonException ex)
        {
            throw new DataFileException($"{path} (pack.tsv {key}): not a JSON array of words: {ex.Message}");
        }
    }

    private static Locatives LoadLocatives(DataSource data, string code, FrozenDictionary<string, string> settings, Func<string, IEnumerable<string>> tokenize)
    {
        var path = $"{code}/entities/place_prepositions.tsv";
        var prepositions = DataFile.ReadTable(path, data.Read(path), "phrase", "kind").Select(r => (r["phrase"], r["kind"])).ToList();
        var single = prepositions.Select(p => p.Item1).Where(p => !p.Contains(' ', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return new Locatives(
            PhraseTable<string>.Build(prepositions, tokenize),
            Words(data, $"{code}/entities/place_cues.txt").Where(w => !single.Contains(w)).ToFrozenSet(StringComparer.Ordinal),
            (settings.GetValueOrDefault("articles") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal));
    }

    private static IMorphology LoadMorphology(DataSource data, string code, string kind, IReadOnlyCollection<string> functionWords)
    {
        var roots = Words(data, $"{code}/morphology/roots.txt");
        var irregular = DataFile.ReadTable($"{code}/morphology/irregular.tsv", data.Read($"{code}/morphology/irregular.tsv"), "form", "lemma")
            .GroupBy(r => r["form"].ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()["lemma"].ToLowerInvariant(), StringComparer.Ordinal);
        switch (kind)
        {
            case "indonesian":
                var prefixes = DataFile.ReadTable($"{code}/morphology/prefixes.tsv", data.Read($"{code}/morphology/prefixes.tsv"), "prefix", "voice")
                    .Select(r => new PrefixRule(r["prefix"], r.Optional("restore") ?? "", ParseVoice(r.Optional("voice") ?? "")));
                var suffixes = DataFile.ReadTable($"{code}/morphology/suffixes.tsv", data.Read($"{code}/morphology/suffixes.tsv"), "suffix", "kind")
                    .Select(r => (r["suffix"], r["kind"]));
                return new IndonesianMorphology(roots, functionWords, prefixes, suffixes, irregular);
            case "english":
                // Event patterns are written in base forms, so their words are base forms too ("lambaste", "bombardment").
                var participlesFile = $"{code}/morphology/participles.tsv";
                var participles = DataFile.ReadTable(participlesFile, data.Read(participlesFile), "verb", "next", "voice")
                    .Select(r => r["voice"] is "passive" or "active" ? r
                        : throw new DataFileException($"{r.Location}: voice '{r["voice"]}' is not passive or active"))
                    .ToList();
                Dictionary<string, FrozenSet<string>> ByVoice(string voice) => participles.Where(r => r["voice"] == voice)
                    .ToDictionary(r => r["verb"].ToLowerInvariant(), r => r["next"].ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
                return new EnglishMorphology(roots.Concat(PatternWords(data, code)), irregular, ByVoice("passive"), ByVoice("active"));
            default:
                return new NoMorphology();
        }
    }

    private static IEnumerable<string> PatternWords(DataSource data, string code)
    {
        foreach (var file in data.List($"{code}/events").Where(f => char.IsDigit(Path.GetFileName(f)[0])))
        {
            foreach (var row in DataFile.ReadTable(file, data.Read(file), "pattern"))
            {
                foreach (var part in row["pattern"].Split(' ', '|'))
                {
                    // Inflected forms written in patterns ("accused", "talks") are not base forms: adding them would stop "accused" → "accuse".
                    if (part.Length > 2 && part[0] != '=' && part.All(c => char.IsLetter(c) || c == '-')
                        && !part.EndsWith("ed", StringComparison.Ordinal) && !part.EndsWith("ing", StringComparison.Ordinal)
                        && !(part.EndsWith('s') && !part.EndsWith("ss", StringComparison.Ordinal)))
                    {
                        yield return part.ToLowerInvariant();
                    }
                }
            }
        }
    }

    private static Model.Voice ParseVoice(string voice) => voice switch
    {
        "active" => Model.Voice.Active,
        "passive" => Model.Voice.Passive,
        "intransitive" => Model.Voice.Intransitive,
        "noun" or "nominal" => Model.Voice.Nominal,
        _ => Model.Voice.None,
    };

    private static NumberLexicon LoadNumbers(DataSource data, string code, IReadOnlyDictionary<string, string> settings)
    {
        var words = DataFile.ReadTable($"{code}/numbers.tsv", data.Read($"{code}/numbers.tsv"), "word", "value", "kind")
            .Where(r => r["kind"] != "label")
            .Select(r => (r["word"], r.Number("value"), r["kind"] switch
            {
                "number" => NumberWordKind.Number,
                "multiplier" => NumberWordKind.Multiplier,
                "teen" => NumberWordKind.Teen,
                "vague" => NumberWordKind.Vague,
                "fraction" => NumberWordKind.Fraction,
                "article" => NumberWordKind.Article,
                "joiner" => NumberWordKind.Joiner,
                var other => throw new DataFileException($"{r.Location}: number kind '{other}' is unknown"),
            }));
        var decimalSeparator = (settings.GetValueOrDefault("decimal_separator") ?? ".")[0];
        var groupSeparator = (settings.GetValueOrDefault("group_separator") ?? ",")[0];
        return new NumberLexicon(words, decimalSeparator, groupSeparator);
    }

    private static ImmutableArray<CleaningRule> LoadCleaning(DataSource data, string code)
    {
        var path = $"{code}/cleaning.tsv";
        return [.. DataFile.ReadTable(path, data.Read(path), "pattern", "scope", "reason").Select(r =>
        {
            var scope = r["scope"] switch
            {
                "line" => CleaningScope.Line,
                "inline" => CleaningScope.Inline,
                "tail" => CleaningScope.Tail,
                var other => throw new DataFileException($"{r.Location}: scope '{other}' is not line, inline or tail"),
            };
            try
            {
                var regex = new Regex(r["pattern"], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
                return new CleaningRule(regex, scope, r["reason"], r.Location);
            }
            catch (ArgumentException ex)
            {
                throw new DataFileException($"{r.Location}: pattern does not compile: {ex.Message}");
            }
        })];
    }

    /// <summary>Ordinary vocabulary: roots, function words and the words of the grammar lists.</summary>
    private static WordSet CommonWords(DataSource data, string code, IEnumerable<string> langId)
    {
        var words = new HashSet<string>(langId, StringComparer.Ordinal);
        words.UnionWith(Words(data, $"{code}/morphology/roots.txt"));
        foreach (var file in (string[])["events/modality.tsv", "events/attribution.tsv", "events/clauses.tsv"])
        {
            var text = data.Read($"{code}/{file}");
            foreach (var row in DataFile.ReadTable($"{code}/{file}", text))
            {
                var first = row.Optional("phrase") ?? row.Optional("word");
                if (first is not null)
                {
                    words.UnionWith(first.ToLowerInvariant().Split(' '));
                }
            }
        }
        words.UnionWith(Words(data, $"{code}/events/negation.txt"));
        return new WordSet(words);
    }

    private static List<string> Words(DataSource data, string path) =>
        DataFile.ReadList(path, data.Read(path)).Select(l => l.Value.ToLowerInvariant()).ToList();
}
