using Kabar.Cli.Commands;

namespace Kabar.Tests.Cli;

/// <summary>The bench's warm-up goes on while the JIT is still compiling, so that the measured passes do not pay for it (the
/// launcher's ReadyToRun build recompiled hundreds of methods during the single-thread pass after the fixed warm-up).</summary>
public sealed class BenchWarmUpTests
{
    /// <summary>A JIT that compiles <paramref name="perArticle"/> methods for each of the first <paramref name="busyArticles"/> articles,
    /// and the articles processed, in order.</summary>
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

    [Theory]
    // Settled before the minimum: the minimum and no more.
    [InlineData(4_000, 3, 6_000, 0)]
    // Busy until article 8,500: the rounds 6,000–7,000 and 7,000–8,000 still compile, 8,000–9,000 compiles 500, 9,000–10,000 none.
    [InlineData(8_500, 1, 10_000, 0)]
    // Never settled: twice the minimum, the last round as busy as the others.
    [InlineData(int.MaxValue, 1, 12_000, 1_000)]
    public void The_warm_up_goes_on_while_a_round_still_compiles_and_stops_at_twice_the_minimum(
        int busyArticles, int perArticle, int articles, long lastRound)
    {
        var (process, compiled, seen) = Jit(busyArticles, perArticle);
        var result = BenchCommand.WarmUp(process, 6_000, compiled);
        Assert.Equal((articles, lastRound), result);
        Assert.Equal(Enumerable.Range(0, articles), seen);
    }

    [Fact]
    public void No_warm_up_is_none()
    {
        var (process, compiled, seen) = Jit(busyArticles: int.MaxValue, perArticle: 1);
        Assert.Equal(0, BenchCommand.WarmUp(process, 0, compiled).Articles);
        Assert.Empty(seen);
    }
}
