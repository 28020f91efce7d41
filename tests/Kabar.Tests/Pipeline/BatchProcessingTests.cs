using Kabar.Input;
using Kabar.Output;
using Kabar.Pipeline;
using Kabar.Tests.Support;

namespace Kabar.Tests.Pipeline;

/// <summary><see cref="KabarEngine.ProcessBatch"/>, which takes several documents through each stage in turn (what <c>kabar ingest</c>
/// and <c>kabar bench</c> do): each document must come out as it does alone, and one that fails must not take the others with it.</summary>
public sealed class BatchProcessingTests
{
    /// <summary>The sample articles in both languages, English and Indonesian taken in turn, so that each stage switches language
    /// from one document to the next.</summary>
    private static List<SourceDocument> Samples()
    {
        var published = new DateOnly(2023, 9, 21);
        List<SourceDocument> Read(string prefix) =>
        [
            .. Directory.EnumerateFiles(Repo.Path_("samples"), prefix + "*.txt").Order(StringComparer.Ordinal)
                .Select(f => new SourceDocument(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f))
                {
                    Published = published,
                    PublishedSource = "caller",
                }),
        ];
        var english = Read("en-");
        var indonesian = Read("id-");
        return [.. english.Zip(indonesian).SelectMany(pair => new[] { pair.First, pair.Second })];
    }

    [Fact]
    public void A_batch_gives_each_document_what_processing_it_alone_gives()
    {
        var sources = Samples();
        Assert.True(sources.Count >= 4, "the samples folder holds two articles in each language");
        Assert.Contains(sources, s => s.Id.StartsWith("id-", StringComparison.Ordinal));
        var outcomes = Repo.Engine.ProcessBatch(sources);
        Assert.Equal(sources.Count, outcomes.Length);
        for (var i = 0; i < sources.Count; i++)
        {
            Assert.Null(outcomes[i].Error);
            var alone = ResultWriter.ToJson(Repo.Engine.Process(sources[i]));
            Assert.Equal(alone, ResultWriter.ToJson(outcomes[i].Document!));
            Assert.NotEmpty(outcomes[i].Document!.Events);
        }
    }

    [Fact]
    public void A_document_that_fails_is_reported_and_the_rest_of_the_batch_goes_on()
    {
        var samples = Samples();
        SourceDocument[] sources =
        [
            samples[0],
            new("furniture only", "Komentar (0)\n\n[iklan_2]\n"),
            new("japanese", "東京で大きな地震があり、多くの人が避難した。政府は被害の状況を調べている。専門家は余震に注意するよう呼びかけた。"),
            samples[1],
        ];
        var outcomes = Repo.Engine.ProcessBatch(sources);
        Assert.Equal(4, outcomes.Length);
        Assert.Null(outcomes[1].Document);
        Assert.IsType<InputException>(outcomes[1].Error);
        Assert.Contains("no article text", outcomes[1].Error!.Message, StringComparison.Ordinal);
        Assert.Null(outcomes[2].Document);
        Assert.IsType<InputException>(outcomes[2].Error);
        Assert.Contains("'ja'", outcomes[2].Error!.Message, StringComparison.Ordinal);
        foreach (var i in (int[])[0, 3])
        {
            Assert.Null(outcomes[i].Error);
            Assert.Equal(ResultWriter.ToJson(Repo.Engine.Process(sources[i])), ResultWriter.ToJson(outcomes[i].Document!));
        }
    }

    [Fact]
    public void A_batch_records_each_stages_time_once_for_all_its_documents()
    {
        var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var outcomes = Repo.Engine.ProcessBatch(Samples(), timings);
        Assert.All(outcomes, o => Assert.NotNull(o.Document));
        Assert.Equal(Repo.Engine.AllStages.Select(s => s.Name), timings.Keys);
        Assert.All(timings.Values, t => Assert.True(t > TimeSpan.Zero));
    }
}
