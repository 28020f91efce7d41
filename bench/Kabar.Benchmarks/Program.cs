using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Micro-benchmarks of each pipeline stage. Run in Release, by hand (see docs/performance.md):
//   dotnet run -c Release --project bench/Kabar.Benchmarks -- --filter '*'
//   dotnet run -c Release --project bench/Kabar.Benchmarks -- --filter '*StageBenchmarks.Tokenize*' --job short
// KABAR_BENCH_ARTICLES=seed-id,id-sudan,id-lcs,en-gaza,en-ukraine picks the articles (default: seed-id,en-gaza).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(12).WithLaunchCount(1).AsDefault())
    .WithOptions(ConfigOptions.JoinSummary)
    // Each benchmark runs in a project BenchmarkDotNet generates and builds; on a busy 2-core machine that build can take
    // longer than the default two minutes.
    .WithBuildTimeout(TimeSpan.FromMinutes(15));
BenchmarkSwitcher.FromAssembly(typeof(Kabar.Benchmarks.StageBenchmarks).Assembly).Run(args, config);
