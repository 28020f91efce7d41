using System.Globalization;
using Kabar.Geo;
using Kabar.Input;
using Kabar.Model;
using Kabar.Output;
using Kabar.Pipeline;

namespace Kabar.Benchmarks;

/// <summary>The engine and the articles the benchmarks read: the seed article and the samples, each with the document that
/// goes into every stage, captured by running the stages one after another exactly as <see cref="KabarEngine.Process(SourceDocument, CancellationToken)"/> does.</summary>
public static class BenchData
{
    private static readonly Lazy<KabarEngine> SharedEngine = new(() => KabarEngine.Create());

    /// <summary>Name, path under the repository (<c>../shared/…</c> for the seed) and publication date of each known article.</summary>
    private static readonly (string Name, string Path, string Published)[] Known =
    [
        ("seed-id", "../shared/seed/seed-article-id.txt", "2023-09-21"),
        ("id-sudan", "samples/id-sudan-evakuasi.txt", "2023-04-24"),
        ("id-lcs", "samples/id-laut-cina-selatan.txt", "2023-08-07"),
        ("en-gaza", "samples/en-gaza-aid.txt", "2024-03-04"),
        ("en-ukraine", "samples/en-ukraine-grain.txt", "2023-08-02"),
    ];

    /// <summary>One engine per benchmark process.</summary>
    public static KabarEngine Engine => SharedEngine.Value;

    /// <summary>The repository root (the folder with Kabar.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The articles to run: <c>KABAR_BENCH_ARTICLES</c> (comma-separated names), else the seed (or a sample when
    /// ../shared is absent) and one English sample.</summary>
    public static IEnumerable<string> Articles()
    {
        var configured = Environment.GetEnvironmentVariable("KABAR_BENCH_ARTICLES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var first = File.Exists(Path.Combine(Root, Known[0].Path)) ? "seed-id" : "id-sudan";
        return [first, "en-gaza"];
    }

    /// <summary>Loads an article and runs it stage by stage.</summary>
    public static PreparedArticle Prepare(string name)
    {
        var known = Known.FirstOrDefault(k => k.Name == name);
        if (known.Name is null)
        {
            throw new ArgumentException($"unknown article '{name}' (known: {string.Join(", ", Known.Select(k => k.Name))})", nameof(name));
        }
        var source = new SourceDocument(name, File.ReadAllText(Path.Combine(Root, known.Path)))
        {
            Published = DateOnly.ParseExact(known.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            PublishedSource = "caller",
        };
        return new PreparedArticle(Engine, source);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kabar.slnx")))
            {
                return dir.FullName;
            }
        }
        return GazetteerStore.RepositoryRoot ?? throw new InvalidOperationException("cannot find the repository root (Kabar.slnx)");
    }
}

/// <summary>An article with the input of every stage.</summary>
public sealed class PreparedArticle
{
    private readonly Dictionary<string, Document> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IStage> _stages = new(StringComparer.Ordinal);

    public PreparedArticle(KabarEngine engine, SourceDocument source)
    {
        Source = source;
        Final = engine.Process(source);
        var document = new Document
        {
            Id = source.Id,
            Text = source.Text,
            Published = source.Published,
            PublishedSource = source.PublishedSource,
            Metadata = source.Metadata,
            Removed = source.Removed,
            Language = source.Language ?? "und",
        };
        foreach (var stage in engine.AllStages)
        {
            if (stage.Name == "segment" && document.Metadata.Dateline is null && Final.Metadata.Dateline is not null)
            {
                // The engine finds the dateline between language identification and segmentation.
                document = document with { Metadata = document.Metadata with { Dateline = Final.Metadata.Dateline } };
            }
            _inputs[stage.Name] = document;
            _stages[stage.Name] = stage;
            document = stage.Run(document, CancellationToken.None);
        }
        if (ResultWriter.ToJson(document) != ResultWriter.ToJson(Final))
        {
            throw new InvalidOperationException($"{source.Id}: running the stages one by one does not give what KabarEngine.Process gives");
        }
        Language = Final.Language;
        Pack = engine.Packs[Language];
        Tokens = Pack.Tokenizer.Tokenize(Final.Text);
        Pack.SentenceSplitter.Split(Final.Text, Tokens);
        Analysed = [.. Final.Tokens];
    }

    public SourceDocument Source { get; }

    public Document Final { get; }

    public string Language { get; }

    public Languages.LanguagePack Pack { get; }

    /// <summary>Tokens of the cleaned text, split into sentences (a scratch list the splitter may rewrite in place).</summary>
    public List<Token> Tokens { get; }

    /// <summary>Tokens with morphology, a scratch array morphology may rewrite in place.</summary>
    public Token[] Analysed { get; }

    /// <summary>The stage of that name.</summary>
    public IStage Stage(string name) => _stages[name];

    /// <summary>The document that goes into the stage of that name.</summary>
    public Document InputOf(string name) => _inputs[name];
}
