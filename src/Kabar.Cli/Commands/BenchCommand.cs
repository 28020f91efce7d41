using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Text.Json;
using Kabar.Geo;
using Kabar.Input;
using Kabar.Languages;
using Kabar.Pipeline;

namespace Kabar.Cli.Commands;

/// <summary>
/// <c>kabar bench</c>: the end-to-end performance harness. Builds a corpus of perturbed articles (see <see cref="BenchCorpus"/>),
/// runs the whole pipeline over it on one thread and on every core, times each stage, measures memory, and starts the real
/// <c>kabar extract</c> as a fresh process several times for its cold start. Run by hand, never by CI (docs/performance.md).
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Command Create()
    {
        var command = new Command("bench", "Measure pipeline throughput, scaling, per-stage time and allocation, memory and cold start (see docs/performance.md).");
        var articles = new Option<int>("--articles") { Description = "Articles in the generated corpus.", DefaultValueFactory = _ => 10_000 };
        var threads = new Option<int>("--threads") { Description = "Threads for the parallel pass (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<int>("--seed") { Description = "Seed of the corpus generator.", DefaultValueFactory = _ => 42 };
        var warmup = new Option<int>("--warmup") { Description = "Articles processed before measuring, so the JIT has settled; more (up to twice as many) while it is still compiling.", DefaultValueFactory = _ => 6_000 };
        var coldRuns = new Option<int>("--cold-runs") { Description = "Fresh `kabar extract` processes started for the cold start (0: skip).", DefaultValueFactory = _ => 7 };
        var json = new Option<string?>("--json") { Description = "Write the full result as JSON to this file." };
        var outputs = new Option<string?>("--outputs") { Description = "Also write the result of every corpus article (JSON Lines) to this file, to check that a change leaves outputs as they were." };
        var root = new Option<string?>("--root") { Description = "Repository root holding samples/ (default: the one this tool was built from, else the current folder)." };
        var shared = new Option<string?>("--shared") { Description = "The shared/ folder with seed/ and eval/ (default: ROOT/../shared)." };
        var batch = new Option<int>("--batch")
        {
            Description = "Articles taken through each stage together, as `kabar ingest` does "
                + "(1: one article at a time through every stage).",
            DefaultValueFactory = _ => KabarEngine.BatchSize,
        };
        foreach (var option in (Option[])[articles, threads, seed, warmup, coldRuns, json, outputs, root, shared, batch])
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(new Settings(
            Math.Max(1, parse.GetValue(articles)), Math.Max(1, parse.GetValue(threads)), parse.GetValue(seed), Math.Max(0, parse.GetValue(warmup)),
            Math.Max(0, parse.GetValue(coldRuns)), parse.GetValue(json), parse.GetValue(outputs), parse.GetValue(root),
            parse.GetValue(shared), Math.Max(1, parse.GetValue(batch))), cancellationToken)));
        return command;
    }

    private sealed record Settings(int Articles, int Threads, int Seed, int Warmup, int ColdRuns, string? Json, string? Outputs, string? Root,
        string? Shared, int Batch);

    /// <summary>Engine creation, component by component, in this process before anything else ran (JIT cold).</summary>
    public sealed record StartupResult(double CommonMs, IReadOnlyDictionary<string, double> PackMs, double GazetteerMs, bool GazetteerCompiled,
        int GazetteerPlaces, int GazetteerNames, double EngineCreateWarmMs, double WorkingSetAfterEngineMb);

    /// <summary>One pass over the corpus.</summary>
    /// <remarks>CPU seconds are the whole process's (every thread, GC included); on a machine shared with other work they are the
    /// steadier measure, since wall time then includes waiting for a core.</remarks>
    public sealed record PassResult(int Threads, int Articles, int Failed, long Sentences, long Events, double Seconds, double CpuSeconds,
        double ArticlesPerSecond, double SentencesPerSecond, double MbPerSecond, double MbPerSecondPerCore, double MbPerCpuSecond,
        double AllocatedKbPerArticle, int Gen0, int Gen1, int Gen2, double GcPausePercent);

    /// <summary>Time and allocation of one stage over the single-threaded pass.</summary>
    /// <remarks>Shares and MB/s come from the thread's CPU time where the system reports it, else from wall-clock time.</remarks>
    public sealed record StageResult(string Stage, double MicrosecondsPerArticle, double CpuMicrosecondsPerArticle, double SharePercent,
        double AllocatedKbPerArticle, double MbPerCpuSecond);

    /// <summary>Fresh `kabar extract` processes.</summary>
    /// <remarks>CPU milliseconds are the child's user and system time (every thread, background JIT included); 0 where the system does
    /// not report them.</remarks>
    public sealed record ColdStartResult(string Command, double MedianFirstOutputMs, double MedianExitMs, double MedianCpuMs,
        IReadOnlyList<double> FirstOutputMs, IReadOnlyList<double> ExitMs, IReadOnlyList<double> CpuMs, int Failures);

    /// <summary>Memory of this process.</summary>
    public sealed record MemoryResult(double PeakWorkingSetMb, double WorkingSetMb, double GcHeapMb, double GcCommittedMb, double CorpusMb,
        string GcMode);

    /// <summary>Everything <c>kabar bench</c> measured.</summary>
    /// <remarks><c>ScalingCeiling</c>: how much faster the machine ran as many copies of an allocation-free loop as the parallel pass
    /// had threads than one copy (<see cref="Commands.ScalingCeiling"/>).</remarks>
    public sealed record BenchResult(string Commit, string Machine, string Runtime, string Command, int Cores, string Timestamp, string LoadAverage,
        int CorpusArticles, double CorpusMb, long CorpusPoolSentences, IReadOnlyList<string> CorpusSources, IReadOnlyList<string> CorpusSkipped,
        StartupResult Startup, PassResult Single, PassResult Staged, PassResult Parallel, double Scaling, double CpuEfficiency, double ScalingCeiling,
        IReadOnlyList<StageResult> Stages, MemoryResult Memory,
        ColdStartResult? ColdStart, string Summary);

    private static int Run(Settings settings, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        var root = settings.Root ?? GazetteerStore.RepositoryRoot ?? Directory.GetCurrentDirectory();
        var shared = settings.Shared ?? Path.GetFullPath(Path.Combine(root, "..", "shared"));
        if (!Directory.Exists(shared))
        {
            shared = null;
        }
        var startup = MeasureStartup(out var engine);
        Console.Error.WriteLine($"bench: engine ready (common {startup.CommonMs:0} ms, packs {string.Join(", ", startup.PackMs.Select(p => $"{p.Key} {p.Value:0} ms"))}, "
            + $"gazetteer {startup.GazetteerMs:0} ms{(startup.GazetteerCompiled ? " compiled" : "")}, {startup.GazetteerPlaces:N0} places)");

        var building = Stopwatch.StartNew();
        var corpus = BenchCorpus.Build(engine, root, shared, settings.Articles, settings.Seed);
        Console.Error.WriteLine($"bench: corpus of {corpus.Articles.Count:N0} articles, {corpus.Bytes / 1e6:0.0} MB, from {corpus.PoolSentences:N0} sentences "
            + $"in {building.Elapsed.TotalSeconds:0.0} s; {corpus.Skipped.Count} source texts skipped");

        var warm = Stopwatch.StartNew();
        // The warm-up takes the articles in batches as the passes do, so that the code they run is the code the JIT settled.
        var pending = new List<SourceDocument>(settings.Batch);
        var warmup = WarmUp(i =>
        {
            pending.Add(corpus.Articles[i % corpus.Articles.Count]);
            if (pending.Count == settings.Batch)
            {
                ProcessAll(engine, pending, 0, pending.Count, settings.Batch, null, cancellationToken);
                pending.Clear();
            }
        }, settings.Warmup, () => JitInfo.GetCompiledMethodCount());
        ProcessAll(engine, pending, 0, pending.Count, settings.Batch, null, cancellationToken);
        Console.Error.WriteLine($"bench: warm-up of {warmup.Articles:N0} articles in {warm.Elapsed.TotalSeconds:0.0} s"
            + (warmup.Articles > settings.Warmup ? $" ({settings.Warmup:N0}, then more until the JIT settled)" : "")
            + (settings.Warmup > 0 ? $"; {warmup.LastRoundMethods:N0} methods compiled in its last {WarmUpRound:N0} articles" : ""));
        var compiledBefore = JitInfo.GetCompiledMethodCount();

        // Throughput and the cost of each stage come from two passes: reading every stage's clocks costs the pass a few per cent.
        var single = SinglePass(engine, corpus, settings.Batch, null, cancellationToken);
        Console.Error.WriteLine($"bench: 1 thread: {single.ArticlesPerSecond:N0} articles/s, {single.MbPerSecond:0.00} MB/s; "
            + $"{JitInfo.GetCompiledMethodCount() - compiledBefore:N0} methods compiled meanwhile");
        var meter = new StageMeter();
        var staged = SinglePass(engine, corpus, settings.Batch, meter, cancellationToken);
        Console.Error.WriteLine($"bench: 1 thread, each stage timed: {staged.ArticlesPerSecond:N0} articles/s");
        var parallel = ParallelPass(engine, corpus, settings.Threads, settings.Batch, cancellationToken);
        Console.Error.WriteLine($"bench: {settings.Threads} threads: {parallel.ArticlesPerSecond:N0} articles/s, {parallel.MbPerSecond:0.00} MB/s");
        var scaling = parallel.ArticlesPerSecond / single.ArticlesPerSecond;
        // Work done per CPU second on all threads against one: below 1 when threads get in each other's way (locks, shared caches).
        var efficiency = parallel.MbPerCpuSecond / single.MbPerCpuSecond;
        var ceiling = ScalingCeiling.Measure(settings.Threads);
        Console.Error.WriteLine($"bench: {settings.Threads} copies of an allocation-free loop ran {ceiling:0.00}× as fast as one (the machine's ceiling)");
        var load = $"{loadBefore} before, {LoadAverage()} after";

        TimeSpan Cost(string stage) => StageMeter.HasCpuTime ? meter.CpuOf(stage) : meter[stage];
        var totalTicks = meter.Stages.Sum(s => Cost(s).Ticks);
        var stages = meter.Stages.Select(s => new StageResult(
            s,
            Round(meter[s].TotalMicroseconds / staged.Articles, 1),
            Round(meter.CpuOf(s).TotalMicroseconds / staged.Articles, 1),
            Round(100.0 * Cost(s).Ticks / Math.Max(1, totalTicks), 1),
            Round(meter.BytesOf(s) / 1024.0 / staged.Articles, 1),
            Round(corpus.Bytes / 1e6 / Math.Max(1e-9, Cost(s).TotalSeconds), 1))).ToList();

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var gcInfo = GC.GetGCMemoryInfo();
        var memory = new MemoryResult(
            Round(self.PeakWorkingSet64 / 1048576.0, 1),
            Round(self.WorkingSet64 / 1048576.0, 1),
            Round(gcInfo.HeapSizeBytes / 1048576.0, 1),
            Round(gcInfo.TotalCommittedBytes / 1048576.0, 1),
            Round(corpus.Articles.Sum(a => (long)a.Text.Length) * 2 / 1048576.0, 1),
            (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent"));

        var cold = settings.ColdRuns > 0 ? MeasureColdStart(root, shared, settings.ColdRuns) : null;
        if (settings.Outputs is not null)
        {
            WriteOutputs(engine, corpus, settings.Outputs, settings.Batch, cancellationToken);
        }

        var commit = Commit(root);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"bench: articles/s={parallel.ArticlesPerSecond:0} mb/s/core={single.MbPerSecond:0.00} scaling={scaling:0.00} "
            + $"cold_start_ms={(cold is null ? "n/a" : cold.MedianFirstOutputMs.ToString("0", CultureInfo.InvariantCulture))} "
            + $"cold_start_cpu_ms={(cold is null ? "n/a" : cold.MedianCpuMs.ToString("0", CultureInfo.InvariantCulture))} "
            + $"peak_mb={memory.PeakWorkingSetMb:0} articles/s/core={single.ArticlesPerSecond:0} sentences/s={parallel.SentencesPerSecond:0} "
            + $"mb/cpu_s={single.MbPerCpuSecond:0.00} cpu_efficiency={efficiency:0.00} ceiling={ceiling:0.00} alloc_kb/article={single.AllocatedKbPerArticle:0} "
            + $"threads={settings.Threads} batch={settings.Batch} articles={corpus.Articles.Count} load={LoadAverage().Split(' ')[0]} "
            + $"commit={commit}");
        var result = new BenchResult(commit, Machine(), System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            "kabar " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), Environment.ProcessorCount,
            DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), load, corpus.Articles.Count, Round(corpus.Bytes / 1e6, 2),
            corpus.PoolSentences, corpus.Sources, corpus.Skipped, startup, single, staged, parallel, Round(scaling, 2), Round(efficiency, 2), Round(ceiling, 2), stages, memory, cold, summary);

        Print(result);
        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(result, JsonOptions) + "\n");
            Console.Error.WriteLine($"bench: wrote {settings.Json}");
        }
        Console.Out.WriteLine(summary);
        return KabarCli.Ok;
    }

    private static StartupResult MeasureStartup(out KabarEngine engine)
    {
        var watch = Stopwatch.StartNew();
        var common = CommonData.Load(DataSource.Embedded);
        var commonMs = watch.Elapsed.TotalMilliseconds;
        var packs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var code in DataSource.Embedded.Languages())
        {
            watch.Restart();
            LanguagePack.Load(DataSource.Embedded, code, common);
            packs[code] = Round(watch.Elapsed.TotalMilliseconds, 1);
        }
        watch.Restart();
        var compiled = false;
        var gazetteer = GazetteerStore.Shared(common, message =>
        {
            compiled |= message.StartsWith("compiled", StringComparison.Ordinal);
            Console.Error.WriteLine($"kabar: {message}");
        });
        var gazetteerMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        engine = EngineFactory.Create();
        var createMs = watch.Elapsed.TotalMilliseconds;
        using var self = Process.GetCurrentProcess();
        return new StartupResult(Round(commonMs, 1), packs, Round(gazetteerMs, 1), compiled, gazetteer.Count, gazetteer.NameCount, Round(createMs, 1),
            Round(self.WorkingSet64 / 1048576.0, 1));
    }

    /// <summary>Writes every article's result, taken through the stages as the passes take it (<paramref name="batch"/> at a time), so
    /// that the file also shows that batches give what one article at a time does.</summary>
    private static void WriteOutputs(KabarEngine engine, BenchCorpus corpus, string path, int batch, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        for (var at = 0; at < corpus.Articles.Count; at += batch)
        {
            var chunk = corpus.Articles.Skip(at).Take(batch).ToList();
            var outcomes = engine.ProcessBatch(chunk, null, cancellationToken);
            for (var i = 0; i < chunk.Count; i++)
            {
                writer.WriteLine(outcomes[i].Document is { } document
                    ? Output.ResultWriter.ToJson(document)
                    : Output.ResultWriter.ErrorJson(chunk[i].Id, $"{outcomes[i].Error!.GetType().Name}: {outcomes[i].Error!.Message}"));
            }
        }
        Console.Error.WriteLine($"bench: wrote the output of {corpus.Articles.Count:N0} articles to {path}");
    }

    /// <summary>Articles per round of the warm-up's extension.</summary>
    internal const int WarmUpRound = 1_000;

    /// <summary>The most methods a round may compile for the JIT to count as settled (a settled round compiles 2–20).</summary>
    internal const int SettledMethods = 50;

    /// <summary>Runs <paramref name="process"/> on <paramref name="minimum"/> articles, then on rounds of <see cref="WarmUpRound"/> more while
    /// the last round still compiled more than <see cref="SettledMethods"/> methods, up to twice <paramref name="minimum"/> in all.</summary>
    /// <remarks>The measured passes should find the JIT done. A plain build settles within the default 6,000 articles; the launcher's
    /// ReadyToRun build recompiles its hot methods for longer, and measured after 6,000 it compiled 350–510 methods (250–500 ms of JIT
    /// time on the other core, counted in the pass's CPU) during the single-thread pass. Once settled, a round of a thousand compiles
    /// 2–20 (code paths only rare articles reach). No warm-up at all when <paramref name="minimum"/> is 0.</remarks>
    internal static (int Articles, long LastRoundMethods) WarmUp(Action<int> process, int minimum, Func<long> compiledMethods)
    {
        var done = 0;
        var roundStart = compiledMethods();
        for (; done < minimum; done++)
        {
            if (done == minimum - WarmUpRound)
            {
                roundStart = compiledMethods();
            }
            process(done);
        }
        var lastRound = compiledMethods() - roundStart;
        while (minimum > 0 && lastRound > SettledMethods && done + WarmUpRound <= 2 * minimum)
        {
            roundStart = compiledMethods();
            for (var end = done + WarmUpRound; done < end; done++)
            {
                process(done);
            }
            lastRound = compiledMethods() - roundStart;
        }
        return (done, lastRound);
    }

    /// <summary>Runs articles <paramref name="from"/> to <paramref name="to"/> (exclusive) through the pipeline, <paramref name="batch"/>
    /// at a time through each stage (<see cref="KabarEngine.ProcessBatch"/>; a batch of one is one article through every stage, as
    /// <see cref="KabarEngine.Process(SourceDocument, CancellationToken)"/> takes it).</summary>
    /// <remarks>An article that fails (bad input, or a stage failing on a perturbed text) is counted, not fatal; the pipeline's own
    /// bugs are reported as failures.</remarks>
    private static (long Sentences, long Events, int Failed) ProcessAll(KabarEngine engine, IReadOnlyList<SourceDocument> articles,
        int from, int to, int batch, StageMeter? meter, CancellationToken cancellationToken)
    {
        long sentences = 0, events = 0;
        var failed = 0;
        var chunk = new List<SourceDocument>(batch);
        for (var at = from; at < to; at += batch)
        {
            chunk.Clear();
            for (var i = at; i < Math.Min(to, at + batch); i++)
            {
                chunk.Add(articles[i]);
            }
            meter?.Begin();
            var outcomes = engine.ProcessBatch(chunk, meter, cancellationToken);
            foreach (var outcome in outcomes)
            {
                if (outcome.Document is { } document)
                {
                    sentences += document.Sentences.Length;
                    events += document.Events.Length;
                }
                else
                {
                    failed++;
                }
            }
        }
        return (sentences, events, failed);
    }

    private static PassResult SinglePass(KabarEngine engine, BenchCorpus corpus, int batch, StageMeter? meter,
        CancellationToken cancellationToken)
    {
        Settle();
        var (gen0, gen1, gen2, pause) = GcCounters();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = CpuTime();
        var watch = Stopwatch.StartNew();
        var (sentences, events, failed) = ProcessAll(engine, corpus.Articles, 0, corpus.Articles.Count, batch, meter, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (CpuTime() - cpu).TotalSeconds;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return Pass(1, corpus, failed, sentences, events, seconds, cpuSeconds, bytes, gen0, gen1, gen2, pause);
    }

    private static PassResult ParallelPass(KabarEngine engine, BenchCorpus corpus, int threads, int batch,
        CancellationToken cancellationToken)
    {
        Settle();
        var (gen0, gen1, gen2, pause) = GcCounters();
        var allocated = GC.GetTotalAllocatedBytes(true);
        long sentences = 0, events = 0;
        var failed = 0;
        var cpu = CpuTime();
        var watch = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        // Ranges of whole batches (at least 64 articles, as before batches): each thread takes its articles through the stages together.
        var rangeSize = Math.Max(1, 64 / batch) * batch;
        Parallel.ForEach(Partitioner.Create(0, corpus.Articles.Count, rangeSize), options, range =>
        {
            var (s, e, f) = ProcessAll(engine, corpus.Articles, range.Item1, range.Item2, batch, null, cancellationToken);
            Interlocked.Add(ref sentences, s);
            Interlocked.Add(ref events, e);
            Interlocked.Add(ref failed, f);
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (CpuTime() - cpu).TotalSeconds;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        return Pass(threads, corpus, failed, sentences, events, seconds, cpuSeconds, bytes, gen0, gen1, gen2, pause);
    }

    private static PassResult Pass(int threads, BenchCorpus corpus, int failed, long sentences, long events, double seconds, double cpuSeconds,
        long allocated, int gen0, int gen1, int gen2, TimeSpan pause)
    {
        var n = corpus.Articles.Count;
        var mbs = corpus.Bytes / 1e6 / seconds;
        var (g0, g1, g2, p) = GcCounters();
        return new PassResult(threads, n, failed, sentences, events, Round(seconds, 3), Round(cpuSeconds, 3), Round(n / seconds, 1), Round(sentences / seconds, 1),
            Round(mbs, 3), Round(mbs / threads, 3), Round(corpus.Bytes / 1e6 / cpuSeconds, 3), Round(allocated / 1024.0 / n, 1), g0 - gen0, g1 - gen1, g2 - gen2,
            Round(100 * (p - pause).TotalSeconds / seconds, 2));
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine makes wall-clock figures slower than the code is.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static (int Gen0, int Gen1, int Gen2, TimeSpan Pause) GcCounters() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Starts <c>kabar extract</c> on the seed article (or a sample) as a new process several times: time to the first line
    /// of output (engine built, gazetteer loaded, article processed) and to exit.</summary>
    private static ColdStartResult MeasureColdStart(string root, string? shared, int runs)
    {
        var article = shared is not null && File.Exists(Path.Combine(shared, "seed", "seed-article-id.txt"))
            ? Path.Combine(shared, "seed", "seed-article-id.txt")
            : Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.txt").Order(StringComparer.Ordinal).First();
        var host = Environment.ProcessPath ?? "dotnet";
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            arguments.Add(Assembly.GetEntryAssembly()!.Location);
        }
        arguments.AddRange(["extract", article, "--published", "2023-09-21", "--format", "jsonl", "--quiet"]);
        var firsts = new List<double>();
        var exits = new List<double>();
        var cpus = new List<double>();
        var failures = 0;
        for (var run = 0; run < runs; run++)
        {
            var info = new ProcessStartInfo(host, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var cpuBefore = StageMeter.ChildrenCpuMilliseconds();
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var first = -1.0;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var line = process.StandardOutput.ReadLine();
            first = watch.Elapsed.TotalMilliseconds;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var exit = watch.Elapsed.TotalMilliseconds;
            var cpuMs = StageMeter.ChildrenCpuMilliseconds() - cpuBefore;
            if (process.ExitCode != 0 || string.IsNullOrEmpty(line))
            {
                failures++;
                continue;
            }
            firsts.Add(Round(first, 1));
            exits.Add(Round(exit, 1));
            cpus.Add(Round(cpuMs, 1));
        }
        Console.Error.WriteLine($"bench: cold start of `kabar extract` ×{runs}: first output {string.Join(", ", firsts.Select(f => f.ToString("0", CultureInfo.InvariantCulture)))} ms");
        return new ColdStartResult(Path.GetFileName(host) + " " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)),
            Median(firsts), Median(exits), Median(cpus), firsts, exits, cpus, failures);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 1);
    }

    private static void Print(BenchResult result)
    {
        var o = Console.Out;
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"machine   {result.Machine}; {result.Cores} cores; {result.Runtime}; GC {result.Memory.GcMode}"));
        o.WriteLine(string.Create(c, $"corpus    {result.CorpusArticles:N0} articles, {result.CorpusMb:0.0} MB UTF-8, {result.Single.Sentences:N0} sentences ({string.Join("; ", result.CorpusSources)})"));
        foreach (var skipped in result.CorpusSkipped.Take(5))
        {
            o.WriteLine($"  skipped source: {skipped}");
        }
        if (result.CorpusSkipped.Count > 5)
        {
            o.WriteLine($"  … and {result.CorpusSkipped.Count - 5} more source texts skipped (see --json)");
        }
        var s = result.Startup;
        o.WriteLine(string.Create(c, $"startup   common data {s.CommonMs:0.0} ms; packs {string.Join(", ", s.PackMs.Select(p => $"{p.Key} {p.Value:0.0} ms"))}; "
            + $"gazetteer {s.GazetteerMs:0.0} ms ({s.GazetteerPlaces:N0} places, {s.GazetteerNames:N0} names{(s.GazetteerCompiled ? ", compiled now" : "")}); "
            + $"engine again {s.EngineCreateWarmMs:0.0} ms; working set {s.WorkingSetAfterEngineMb:0} MB"));
        o.WriteLine();
        o.WriteLine(string.Create(c, $"load      {result.LoadAverage} (1/5/15 min; above 0 means other work shared the cores)"));
        o.WriteLine();
        o.WriteLine("pass        threads  articles/s  sentences/s    MB/s  MB/s/core  MB/cpu-s  alloc KB/article  gen0/1/2     GC pause  failed");
        foreach (var (name, p) in (ReadOnlySpan<(string, PassResult)>)[("single", result.Single), ("staged", result.Staged), ("parallel", result.Parallel)])
        {
            o.WriteLine(string.Create(c, $"{name,-11} {p.Threads,7} {p.ArticlesPerSecond,11:N0} {p.SentencesPerSecond,12:N0} {p.MbPerSecond,7:0.00} "
                + $"{p.MbPerSecondPerCore,10:0.00} {p.MbPerCpuSecond,9:0.00} {p.AllocatedKbPerArticle,17:N0}  {$"{p.Gen0}/{p.Gen1}/{p.Gen2}",-11} {p.GcPausePercent,7:0.0}% {p.Failed,7}"));
        }
        o.WriteLine(string.Create(c, $"scaling   {result.Scaling:0.00}× on {result.Parallel.Threads} threads (wall clock); CPU efficiency {result.CpuEfficiency:0.00} (MB per CPU-second, all threads against one)"));
        o.WriteLine(string.Create(c, $"ceiling   {result.ScalingCeiling:0.00}× for {result.Parallel.Threads} copies of an allocation-free loop: the most this machine gives; "
            + $"the pipeline reached {result.Scaling / Math.Max(0.01, result.ScalingCeiling):0%} of it"));
        o.WriteLine();
        o.WriteLine("stage (the staged pass: one thread, each stage's clocks read)");
        o.WriteLine("stage              µs/article  CPU µs/article  share  alloc KB/article  MB/cpu-s");
        foreach (var st in result.Stages)
        {
            o.WriteLine(string.Create(c, $"{st.Stage,-18} {st.MicrosecondsPerArticle,10:0.0} {st.CpuMicrosecondsPerArticle,15:0.0} {st.SharePercent,5:0.0}% "
                + $"{st.AllocatedKbPerArticle,17:0.0} {st.MbPerCpuSecond,9:0.0}"));
        }
        o.WriteLine();
        var m = result.Memory;
        o.WriteLine(string.Create(c, $"memory    peak working set {m.PeakWorkingSetMb:0} MB (corpus strings {m.CorpusMb:0} MB of it); now {m.WorkingSetMb:0} MB; "
            + $"GC heap {m.GcHeapMb:0} MB, committed {m.GcCommittedMb:0} MB"));
        if (result.ColdStart is { } cold)
        {
            o.WriteLine(string.Create(c, $"cold      `kabar extract` first output median {cold.MedianFirstOutputMs:0} ms, exit median {cold.MedianExitMs:0} ms, "
                + $"CPU median {cold.MedianCpuMs:0} ms (runs: {string.Join(", ", cold.FirstOutputMs.Select(f => f.ToString("0", c)))}; failures {cold.Failures})"));
        }
    }

    /// <summary>The commit Kabar.Core was built from (the SDK stamps it into the informational version), with <c>+dirty</c> when the
    /// work tree is at that commit with uncommitted changes, and <c>~</c> plus the work tree's commit when the tree has moved on since.</summary>
    private static string Commit(string root)
    {
        var version = typeof(KabarEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var built = plus >= 0 && version.Length - plus > 12 ? version.Substring(plus + 1, 12) : null;
        try
        {
            var head = Git(root, "rev-parse --short=12 HEAD");
            if (head.Length == 0)
            {
                return built ?? "unknown";
            }
            if (built is not null && built != head)
            {
                return $"{built}~{head}";
            }
            return Git(root, "status --porcelain --untracked-files=no").Length > 0 ? head + "+dirty" : head;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return built ?? "unknown";
        }
    }

    private static string Git(string root, string arguments)
    {
        var info = new ProcessStartInfo("git", $"-C \"{root}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : "";
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0;
        return string.Create(CultureInfo.InvariantCulture, $"{cpu}, {memory:0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
