using System.Text.Json;
using System.Text.RegularExpressions;
using Kabar.Tests.Support;

namespace Kabar.Tests.Cli;

/// <summary>`kabar bench` as someone comparing two builds uses it: a small corpus, its one-line summary, its JSON, and the
/// outputs file that shows whether a change moved any result. What is checked is what the figures rest on (every pass read
/// the same corpus and agreed, every stage was timed, the outputs are reproducible), never a speed.</summary>
public sealed partial class BenchCommandTests
{
    /// <summary>The stages of the pipeline, in order, as the stage table names them.</summary>
    private static readonly string[] Stages = ["clean", "langid", "segment", "time", "quantity", "entities", "geocode", "place-sense", "events", "merge"];

    [GeneratedRegex(@"^bench: articles/s=\d+ mb/s/core=[\d.]+ scaling=[\d.]+ cold_start_ms=(\d+|n/a) cold_start_cpu_ms=(\d+|n/a) peak_mb=\d+ "
        + @"articles/s/core=\d+ sentences/s=\d+ mb/cpu_s=[\d.]+ cpu_efficiency=[\d.]+ ceiling=[\d.]+ alloc_kb/article=\d+ threads=\d+ "
        + @"batch=\d+ articles=\d+ "
        + @"load=[\d.]+ commit=\S+$")]
    private static partial Regex SummaryLine();

    private static string[] Bench(TempDirectory temp, string name, int articles, string? shared, params string[] more)
    {
        string[] args = ["bench", "--articles", articles.ToString(System.Globalization.CultureInfo.InvariantCulture), "--warmup", "0", "--threads", "2",
            "--root", Repo.Root, "--shared", shared ?? Path.Combine(temp.Path, "no-shared"), "--outputs", Path.Combine(temp.Path, name + ".jsonl"),
            "--json", Path.Combine(temp.Path, name + ".json"), .. more];
        var run = KabarProcess.Run(args);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout.TrimEnd('\n').Split('\n');
    }

    [Fact]
    public void A_run_prints_a_comparable_summary_and_json_in_which_every_pass_agrees()
    {
        using var temp = new TempDirectory();
        var stdout = Bench(temp, "a", 120, Repo.Shared, "--cold-runs", "1");

        // The last line is the one to keep run to run; the JSON holds the same line.
        Assert.Matches(SummaryLine(), stdout[^1]);
        Assert.Contains("articles=120 ", stdout[^1], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "a.json")));
        var root = json.RootElement;
        Assert.Equal(stdout[^1], root.GetProperty("summary").GetString());
        Assert.Equal(120, root.GetProperty("corpus_articles").GetInt32());

        // One thread, one thread with each stage timed, and all threads read the same corpus: the same sentences and events, no failure.
        // A stage that was not thread-safe, or a corpus that changed between passes, would show here.
        var passes = new[] { "single", "staged", "parallel" }.Select(p => root.GetProperty(p)).ToList();
        foreach (var pass in passes)
        {
            Assert.Equal(120, pass.GetProperty("articles").GetInt32());
            Assert.Equal(0, pass.GetProperty("failed").GetInt32());
            Assert.True(pass.GetProperty("articles_per_second").GetDouble() > 0);
        }
        Assert.True(passes[0].GetProperty("sentences").GetInt64() > 120);
        Assert.True(passes[0].GetProperty("events").GetInt64() > 0);
        Assert.All(passes, p => Assert.Equal(passes[0].GetProperty("sentences").GetInt64(), p.GetProperty("sentences").GetInt64()));
        Assert.All(passes, p => Assert.Equal(passes[0].GetProperty("events").GetInt64(), p.GetProperty("events").GetInt64()));
        Assert.Equal(2, passes[2].GetProperty("threads").GetInt32());

        // Every stage of the pipeline is timed and its allocation shown, in pipeline order, and the shares add up to the whole.
        var stages = root.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(Stages, stages.Select(s => s.GetProperty("stage").GetString()));
        Assert.All(stages, s => Assert.True(s.GetProperty("microseconds_per_article").GetDouble() > 0, s.ToString()));
        Assert.All(stages, s => Assert.True(s.GetProperty("allocated_kb_per_article").GetDouble() >= 0, s.ToString()));
        Assert.InRange(stages.Sum(s => s.GetProperty("share_percent").GetDouble()), 99.0, 101.0);

        // The cold start really started `kabar extract` and saw its first output.
        var cold = root.GetProperty("cold_start");
        Assert.Equal(0, cold.GetProperty("failures").GetInt32());
        Assert.True(cold.GetProperty("median_first_output_ms").GetDouble() > 0);
        Assert.True(root.GetProperty("memory").GetProperty("peak_working_set_mb").GetDouble() > 0);

        // The outputs file has one result per article, none of them an error.
        var outputs = File.ReadAllLines(Path.Combine(temp.Path, "a.jsonl"));
        Assert.Equal(120, outputs.Length);
        foreach (var line in outputs)
        {
            using var result = JsonDocument.Parse(line);
            Assert.False(result.RootElement.TryGetProperty("error", out _), line[..Math.Min(300, line.Length)]);
            Assert.True(result.RootElement.TryGetProperty("events", out _));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_outputs_and_another_seed_another_corpus()
    {
        // --outputs exists to show that a change left every result as it was; that only works if a run is reproducible.
        using var temp = new TempDirectory();
        Bench(temp, "first", 60, Repo.Shared, "--cold-runs", "0");
        Bench(temp, "again", 60, Repo.Shared, "--cold-runs", "0");
        Bench(temp, "other", 60, Repo.Shared, "--cold-runs", "0", "--seed", "7");
        // Articles taken through the stages one at a time, rather than in batches (the default), come out the same.
        var single = Bench(temp, "single", 60, Repo.Shared, "--cold-runs", "0", "--batch", "1");
        Assert.Contains(" batch=1 ", single[^1], StringComparison.Ordinal);
        var first = File.ReadAllText(Path.Combine(temp.Path, "first.jsonl"));
        Assert.Equal(first, File.ReadAllText(Path.Combine(temp.Path, "again.jsonl")));
        Assert.Equal(first, File.ReadAllText(Path.Combine(temp.Path, "single.jsonl")));
        Assert.NotEqual(first, File.ReadAllText(Path.Combine(temp.Path, "other.jsonl")));
    }

    [Fact]
    public void Without_the_shared_folder_the_corpus_is_made_from_the_samples_alone()
    {
        using var temp = new TempDirectory();
        var stdout = Bench(temp, "alone", 40, shared: null, "--cold-runs", "0");
        Assert.Matches(SummaryLine(), stdout[^1]);
        Assert.Contains("cold_start_ms=n/a", stdout[^1], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "alone.json")));
        var sources = json.RootElement.GetProperty("corpus_sources").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("samples/", s, StringComparison.Ordinal));
        Assert.Equal(0, json.RootElement.GetProperty("single").GetProperty("failed").GetInt32());
    }
}
