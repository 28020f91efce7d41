using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Kabar.Cleaning;
using Kabar.Entities;
using Kabar.Events;
using Kabar.Geo;
using Kabar.Input;
using Kabar.LanguageId;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Quantities;
using Kabar.Segmentation;
using Kabar.Time;

namespace Kabar.Pipeline;

/// <summary>How to build the engine.</summary>
public sealed record EngineOptions
{
    /// <summary>Where language data comes from; the embedded copy by default.</summary>
    public DataSource Data { get; init; } = DataSource.Embedded;

    /// <summary>Load the world gazetteer (compiling it on first use). Off: countries and Kabar's own place lists only.</summary>
    public bool UseGazetteer { get; init; } = true;

    /// <summary>The user's own actor files (<c>--dict</c>): TSV or YAML, see <see cref="Actors.UserDictionary"/>.</summary>
    public IReadOnlyList<string> UserDictionaries { get; init; } = [];

    /// <summary>Receives one-line notices (gazetteer compiled, gazetteer missing).</summary>
    public Action<string>? Report { get; init; }
}

/// <summary>
/// The composition root: loads every language pack, the shared data and the gazetteer once, wires the stages in order,
/// and runs documents through them. Build one engine per process and share it: it is immutable and thread-safe.
/// </summary>
public sealed partial class KabarEngine
{
    private readonly IStage _cleaner;
    private readonly LanguageIdentifier _identifier;

    private KabarEngine(CommonData common, FrozenDictionary<string, LanguagePack> packs, Gazetteer gazetteer, IStage cleaner,
        LanguageIdentifier identifier, ImmutableArray<IStage> stages)
    {
        Common = common;
        Packs = packs;
        Gazetteer = gazetteer;
        _cleaner = cleaner;
        _identifier = identifier;
        Stages = stages;
        _allStages = [cleaner, identifier, .. stages];
    }

    /// <summary>Shared facts.</summary>
    public CommonData Common { get; }

    /// <summary>Language packs by code.</summary>
    public FrozenDictionary<string, LanguagePack> Packs { get; }

    /// <summary>The world gazetteer (empty when not installed).</summary>
    public Gazetteer Gazetteer { get; }

    /// <summary>Stages after cleaning and language identification, in order.</summary>
    public ImmutableArray<IStage> Stages { get; }

    /// <summary>Every stage in order, for <c>kabar stages</c> and the stage-list snapshot test.</summary>
    public IEnumerable<IStage> AllStages => _allStages;

    /// <summary>Cleaning, language identification, then <see cref="Stages"/>: the order both <see cref="Process(SourceDocument,
    /// IDictionary{string, TimeSpan}?, CancellationToken)"/> and <see cref="ProcessBatch"/> run them in.</summary>
    private readonly ImmutableArray<IStage> _allStages;

    /// <summary>The language of a text as the pipeline would identify it (also languages Kabar only recognises, e.g. <c>ms</c>).</summary>
    public LanguageGuess IdentifyLanguage(string text) => _identifier.Identify(text);

    /// <summary>Builds the engine.</summary>
    public static KabarEngine Create(EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        if (options.UserDictionaries.Count > 0)
        {
            options = options with
            {
                Data = options.Data.With(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [Actors.UserDictionary.DataPath] = Actors.UserDictionary.ToTable(options.UserDictionaries),
                }),
            };
        }
        var common = CommonData.Load(options.Data);
        // The language packs and the gazetteer do not depend on one another: load them side by side, which is most of the
        // start-up time of a one-article run (see docs/performance.md).
        var gazetteerLoad = options.UseGazetteer
            ? Task.Run(() => GazetteerStore.Shared(common, options.Report))
            : Task.FromResult(Gazetteer.Empty);
        var loads = options.Data.Languages()
            .Select(code => Task.Run(() => LanguagePack.Load(options.Data, code, common)))
            .ToList();
        var packs = loads.Select(load => load.GetAwaiter().GetResult()).ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        var gazetteer = gazetteerLoad.GetAwaiter().GetResult();

        var profiles = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var pack in packs.Values)
        {
            profiles[pack.Code] = pack.LanguageIdWords;
        }
        foreach (var file in options.Data.List("common/langid"))
        {
            var code = Path.GetFileNameWithoutExtension(file);
            profiles.TryAdd(code, DataFile.ReadList(file, options.Data.Read(file)).Select(l => l.Value).ToList());
        }
        var cleaner = new Cleaner(packs.Values.SelectMany(p => p.CleaningRules).ToList());
        var identifier = new LanguageIdentifier(profiles, packs.Values.Where(p => p.Vocabulary.Count > 0)
            .ToDictionary(p => p.Code, p => p.Vocabulary, StringComparer.Ordinal));
        ImmutableArray<IStage> stages =
        [
            new Segmenter(packs),
            new TimeTagger(packs.ToDictionary(p => p.Key, p => (p.Value.Time, p.Value.Numbers))),
            new QuantityTagger(packs.ToDictionary(p => p.Key, p => (p.Value.Quantities, p.Value.Numbers))),
            new EntityRecognizer(packs.ToDictionary(p => p.Key, p => p.Value.Entities), common, gazetteer),
            new Geocoder(common, gazetteer, packs.ToDictionary(p => p.Key, p => p.Value.Entities.Actors.HomeCountry)),
            new PlaceSense(packs.ToDictionary(p => p.Key, p => p.Value.Entities.Locatives)),
            new EventCoder(packs.ToDictionary(p => p.Key, p => (p.Value.Events, p.Value.Entities.Locatives)), common),
            new EventMerger(),
        ];
        return new KabarEngine(common, packs, gazetteer, cleaner, identifier, stages);
    }

    /// <summary>Only the cleaning stage: what page furniture is removed from a text (for <c>kabar eval specs</c> and tests).</summary>
    public Document Clean(SourceDocument source, CancellationToken cancellationToken = default) =>
        _cleaner.Run(new Document { Id = source.Id, Text = source.Text, Removed = source.Removed }, cancellationToken);

    /// <summary>Runs one document through the pipeline.</summary>
    /// <exception cref="InputException">The text is in a language Kabar does not read.</exception>
    public Document Process(SourceDocument source, CancellationToken cancellationToken = default) =>
        Process(source, null, cancellationToken);

    /// <summary>Runs one document, recording the time each stage took when <paramref name="timings"/> is given.</summary>
    public Document Process(SourceDocument source, IDictionary<string, TimeSpan>? timings, CancellationToken cancellationToken = default)
    {
        var document = Begin(source);
        foreach (var stage in _allStages)
        {
            document = CheckAfter(stage, Run(stage, document, timings, cancellationToken));
        }
        return document;
    }

    /// <summary>How many documents <see cref="ProcessBatch"/> callers hand it at once, when they have that many: a stage's tables and
    /// code stay in the processor's caches while it works through them all (docs/performance.md, seventeenth pass).</summary>
    public const int BatchSize = 32;

    /// <summary>Runs several documents through the pipeline stage by stage: every document through cleaning, then every one through
    /// language identification, and so on, with the same results as <see cref="Process(SourceDocument, CancellationToken)"/> of each.
    /// A document that fails a stage is left out of the later ones and comes back with its exception; the others go on.</summary>
    /// <remarks>Why: one document at a time, each stage finds its tables and code pushed out of the processor's caches by the nine
    /// stages that ran since it last did, and waits for memory on most look-ups. Taking a batch through each stage in turn, the
    /// words the batch shares (most of them, in news) are found in cache after the first document. <paramref name="timings"/>, when
    /// given, gets each stage's time for the whole batch.</remarks>
    /// <exception cref="OperationCanceledException">Cancelled; no result is returned for any document.</exception>
    public DocumentOutcome[] ProcessBatch(IReadOnlyList<SourceDocument> sources, IDictionary<string, TimeSpan>? timings = null,
        CancellationToken cancellationToken = default)
    {
        var documents = new Document?[sources.Count];
        var outcomes = new DocumentOutcome[sources.Count];
        for (var i = 0; i < documents.Length; i++)
        {
            documents[i] = Begin(sources[i]);
        }
        foreach (var stage in _allStages)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < documents.Length; i++)
            {
                if (documents[i] is not { } document)
                {
                    continue;
                }
                try
                {
                    documents[i] = CheckAfter(stage, stage.Run(document, cancellationToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    documents[i] = null;
                    outcomes[i] = new DocumentOutcome(null, ex);
                }
            }
            if (timings is not null)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                timings[stage.Name] = timings.TryGetValue(stage.Name, out var sofar) ? sofar + elapsed : elapsed;
            }
        }
        for (var i = 0; i < documents.Length; i++)
        {
            if (documents[i] is { } done)
            {
                outcomes[i] = new DocumentOutcome(done, null);
            }
        }
        return outcomes;
    }

    private static Document Begin(SourceDocument source)
    {
        // A placeholder date (0001-01-01) is no date: it would anchor relative dates and date events to year 1.
        var published = PublicationDate.OrNull(source.Published);
        return new Document
        {
            Id = source.Id,
            Text = source.Text,
            Published = published,
            PublishedSource = published is null ? null : source.PublishedSource,
            Metadata = source.Metadata,
            Removed = source.Removed,
            Warnings = source.Warnings,
            Language = source.Language ?? source.DeclaredLanguage ?? "und",
            LanguageGuess = source.Language is not null ? new LanguageGuess(source.Language, 1, "caller")
                : source.DeclaredLanguage is not null ? new LanguageGuess(source.DeclaredLanguage, 1, "html") : null,
        };
    }

    /// <summary>The checks after cleaning and after language identification (<see cref="CheckCleaned"/>,
    /// <see cref="CheckIdentified"/>); the other stages' documents go on as they are.</summary>
    private Document CheckAfter(IStage stage, Document document) =>
        ReferenceEquals(stage, _cleaner) ? CheckCleaned(document)
        : ReferenceEquals(stage, _identifier) ? CheckIdentified(document)
        : document;

    /// <exception cref="InputException">Nothing is left of the text.</exception>
    private static Document CheckCleaned(Document document) =>
        // A span: Trim() copied the whole text whenever it began or ended with white space.
        document.Text.AsSpan().Trim().IsEmpty
            ? throw new InputException("no article text is left after removing page furniture")
            : document;

    /// <summary>Refuses a language without a pack, and reads the dateline now that the language is known.</summary>
    /// <exception cref="InputException">The text is in a language Kabar does not read.</exception>
    private Document CheckIdentified(Document document)
    {
        if (!Packs.ContainsKey(document.Language))
        {
            var supported = string.Join(", ", Packs.Keys.Order(StringComparer.Ordinal));
            throw new InputException(document.Language == "und"
                ? $"the language could not be identified (supported: {supported}; pass --language to override)"
                : $"the text is in '{document.Language}', which Kabar does not read (supported: {supported}; pass --language to override)");
        }
        if (document.Metadata.Dateline is null && FindDateline(document.Text) is { } dateline)
        {
            document = document with { Metadata = document.Metadata with { Dateline = dateline } };
        }
        return document;
    }

    private static Document Run(IStage stage, Document document, IDictionary<string, TimeSpan>? timings, CancellationToken cancellationToken)
    {
        if (timings is null)
        {
            return stage.Run(document, cancellationToken);
        }
        var started = Stopwatch.GetTimestamp();
        var result = stage.Run(document, cancellationToken);
        timings[stage.Name] = timings.TryGetValue(stage.Name, out var sofar) ? sofar + Stopwatch.GetElapsedTime(started) : Stopwatch.GetElapsedTime(started);
        return result;
    }

    /// <summary>A news dateline at the start of the text: <c>JAKARTA, KOMPAS.com -</c>, <c>GAZA CITY (Reuters) -</c>.</summary>
    internal static string? FindDateline(string text)
    {
        // At the start of the text, or of its second or third line when a headline (and a date line) come first.
        // Matched in place: the regex reads the first 400 characters as the whole input (its ^ and \s stop there), without a copy.
        var match = DatelinePattern().Match(text, 0, Math.Min(text.Length, 400));
        return match.Success && text.AsSpan(0, match.Index).Count('\n') <= 2 ? match.Value.Trim() : null;
    }

    [GeneratedRegex(@"^[ \t]*(?:[A-Z][A-Z.'\u2019 -]{1,40}[A-Z.])(?:,[ \t]*[^\n\-\u2013\u2014]{2,40}?|[ \t]*\([^)\n]{2,40}\))[ \t]+[-\u2013\u2014]+\s", RegexOptions.CultureInvariant | RegexOptions.Multiline, 200)]
    private static partial Regex DatelinePattern();
}

/// <summary>One document of <see cref="KabarEngine.ProcessBatch"/>: the processed document, or the exception that stopped it.</summary>
/// <param name="Document">The document after every stage; null when a stage failed.</param>
/// <param name="Error">Why the document failed (an <see cref="InputException"/> for bad input); null when it did not.</param>
public readonly record struct DocumentOutcome(Document? Document, Exception? Error);
