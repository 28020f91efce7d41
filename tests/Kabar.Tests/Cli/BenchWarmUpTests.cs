using Kabar.Cli.Commands;

namespace Kabar.Tests.Cli;

/// <summary>The bench's warm-up goes on while the JIT is still compiling, so that the measured passes do not pay for it (the
/// launcher's ReadyToRun build recompiled hundreds of methods during the single-thread pass after the fixed warm-up).</summary>
public sealed class BenchWarmUpTests
{
    /// <summary>A JIT that compiles <paramref name="perArticle"/> methods for each of the first <paramref name="busyArticles"/> articles.</summary>
    private static (Action<int> Process, Func<long> Compiled, List<int> Seen) Jit(int busyArticles, int perArticle)
    {
        long compiled = 0;
        var seen = new List<int>();
        return (i =>
        {
            seen.Add(i);
            compiled += i < busyArticles ? perArticle : 0;
        }, () => compiled, seen);
    }

    [Fact]
    public void A_settled_jit_gets_the_minimum_and_no_more()
    {
        var (process, compiled, seen) = Jit(busyArticles: 4_000, perArticle: 3);
        var (articles, lastRound) = BenchCommand.WarmUp(process, 6_000, compiled);
        Assert.Equal(6_000, articles);
        Assert.Equal(0, lastRound);
        Assert.Equal(Enumerable.Range(0, 6_000), seen);
    }

    [Fact]
    public void A_jit_still_compiling_gets_rounds_until_a_round_compiles_little()
    {
        // Busy until article 8,500: the rounds 6,000–7,000 and 7,000–8,000 still compile, 8,000–9,000 compiles 500, 9,000–10,000 none.
        var (process, compiled, seen) = Jit(busyArticles: 8_500, perArticle: 1);
        var (articles, lastRound) = BenchCommand.WarmUp(process, 6_000, compiled);
        Assert.Equal(10_000, articles);
        Assert.Equal(0, lastRound);
        Assert.Equal(Enumerable.Range(0, 10_000), seen);
    }

    [Fact]
    public void A_jit_that_never_settles_stops_at_twice_the_minimum()
    {
        var (process, compiled, _) = Jit(busyArticles: int.MaxValue, perArticle: 1);
        var (articles, lastRound) = BenchCommand.WarmUp(process, 6_000, compiled);
        Assert.Equal(12_000, articles);
        Assert.Equal(BenchCommand.WarmUpRound, lastRound);
    }

    [Fact]
    public void No_warm_up_is_none()
    {
        var (process, compiled, seen) = Jit(busyArticles: int.MaxValue, perArticle: 1);
        Assert.Equal(0, BenchCommand.WarmUp(process, 0, compiled).Articles);
        Assert.Empty(seen);
    }
}
