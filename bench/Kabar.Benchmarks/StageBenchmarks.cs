using BenchmarkDotNet.Attributes;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Benchmarks;

/// <summary>
/// Each pipeline stage alone on a real article, with allocations ([MemoryDiagnoser]): the input of every stage is captured
/// once in setup by running the stages in order, so a benchmark measures that stage only.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private PreparedArticle _article = null!;
    private IStage _clean = null!;
    private IStage _langid = null!;
    private IStage _segment = null!;
    private IStage _time = null!;
    private IStage _quantity = null!;
    private IStage _entities = null!;
    private IStage _geocode = null!;
    private IStage _events = null!;
    private IStage _merge = null!;
    private string[] _placeNames = [];

    [ParamsSource(nameof(Articles))]
    public string Article { get; set; } = "";

    public static IEnumerable<string> Articles() => BenchData.Articles();

    [GlobalSetup]
    public void Setup()
    {
        _article = BenchData.Prepare(Article);
        _clean = _article.Stage("clean");
        _langid = _article.Stage("langid");
        _segment = _article.Stage("segment");
        _time = _article.Stage("time");
        _quantity = _article.Stage("quantity");
        _entities = _article.Stage("entities");
        _geocode = _article.Stage("geocode");
        _events = _article.Stage("events");
        _merge = _article.Stage("merge");
        _placeNames = [.. _article.Final.Entities.Where(e => e.Type is EntityType.GPE or EntityType.LOC).Select(e => e.Text)];
    }

    [Benchmark(Description = "1 clean")]
    public Document Clean() => _clean.Run(_article.InputOf("clean"), CancellationToken.None);

    [Benchmark(Description = "2 langid")]
    public Document LanguageId() => _langid.Run(_article.InputOf("langid"), CancellationToken.None);

    [Benchmark(Description = "3a tokenize")]
    public int Tokenize() => _article.Pack.Tokenizer.Tokenize(_article.Final.Text).Count;

    [Benchmark(Description = "3b sentences")]
    public int SplitSentences() => _article.Pack.SentenceSplitter.Split(_article.Final.Text, _article.Tokens).Count;

    [Benchmark(Description = "3c morphology")]
    public int Morphology()
    {
        var tokens = _article.Analysed.AsSpan();
        foreach (var sentence in _article.Final.Sentences)
        {
            _article.Pack.Morphology.AnalyzeSentence(tokens.Slice(sentence.FirstToken, sentence.TokenCount));
        }
        return tokens.Length;
    }

    [Benchmark(Description = "3 segment (3a+3b+3c)")]
    public Document Segment() => _segment.Run(_article.InputOf("segment"), CancellationToken.None);

    [Benchmark(Description = "4 time")]
    public Document TimeTagging() => _time.Run(_article.InputOf("time"), CancellationToken.None);

    [Benchmark(Description = "5 quantity")]
    public Document QuantityTagging() => _quantity.Run(_article.InputOf("quantity"), CancellationToken.None);

    [Benchmark(Description = "6 entities")]
    public Document EntityLookup() => _entities.Run(_article.InputOf("entities"), CancellationToken.None);

    [Benchmark(Description = "6x gazetteer lookups")]
    public int GazetteerLookup()
    {
        var found = 0;
        foreach (var name in _placeNames)
        {
            found += BenchData.Engine.Gazetteer.Lookup(name).Count;
        }
        return found;
    }

    [Benchmark(Description = "7 geocode")]
    public Document Geocoding() => _geocode.Run(_article.InputOf("geocode"), CancellationToken.None);

    [Benchmark(Description = "8 events")]
    public Document EventCoding() => _events.Run(_article.InputOf("events"), CancellationToken.None);

    [Benchmark(Description = "9 merge")]
    public Document Merge() => _merge.Run(_article.InputOf("merge"), CancellationToken.None);

    [Benchmark(Description = "all: KabarEngine.Process")]
    public Document Pipeline() => BenchData.Engine.Process(_article.Source);
}
