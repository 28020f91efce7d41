using System.Diagnostics;

namespace Kabar.Cli.Commands;

/// <summary>How much faster this machine runs <c>n</c> copies of a small, cache-resident, allocation-free loop than one: the
/// most any program could scale here. <c>kabar bench</c> prints it beside the pipeline's own scaling.</summary>
/// <remarks>A virtual machine's cores are not always whole cores: two vCPUs may share a physical core's execution units, or a
/// host quota may cap them; background threads of the process itself (the JIT's, the garbage collector's) take a core too.
/// Reading the pipeline's scaling against the ceiling measured in the same run tells the pipeline's own losses (allocation,
/// shared caches) from the machine's. On the development VM (two vCPUs) the loop gave 1.78–2.08× after a warm-up (docs/performance.md,
/// sixth pass), but 1.1–1.8× right after start-up, while the JIT still compiled in the background: hence it runs after the passes.</remarks>
internal static class ScalingCeiling
{
    /// <summary>Iterations of one copy of the loop: about a tenth of a second on a 2020s server core, about a second for the whole
    /// measurement.</summary>
    private const int Iterations = 60_000_000;

    /// <summary>Rounds of the measurement; the median is reported, since a shared host's speed moves within seconds.</summary>
    private const int Rounds = 3;

    /// <summary>Runs one copy, then <paramref name="threads"/> copies at once, then one again, <see cref="Rounds"/> times (each
    /// round's reference is the mean of the single runs either side of it, so a drift of the machine's speed cancels to first
    /// order).</summary>
    /// <returns>The median over the rounds of <c>threads</c> × (time of one copy) / (time of <paramref name="threads"/> copies at once).</returns>
    public static double Measure(int threads)
    {
        if (threads <= 1)
        {
            return 1.0;
        }
        RunCopies(1); // the first run compiles the loop
        var ratios = new double[Rounds];
        var before = RunCopies(1);
        for (var round = 0; round < Rounds; round++)
        {
            var many = RunCopies(threads);
            var after = RunCopies(1);
            ratios[round] = threads * (before + after) / 2 / many;
            before = after;
        }
        Array.Sort(ratios);
        return ratios[Rounds / 2];
    }

    /// <summary>Wall-clock seconds for <paramref name="copies"/> threads each to run the loop once.</summary>
    private static double RunCopies(int copies)
    {
        var sink = new long[copies];
        using var start = new Barrier(copies + 1);
        var workers = new Thread[copies];
        for (var t = 0; t < copies; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                sink[index] = Loop(index + 1);
            }) { IsBackground = true };
            workers[t].Start();
        }
        start.SignalAndWait();
        var watch = Stopwatch.StartNew();
        foreach (var worker in workers)
        {
            worker.Join();
        }
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Integer arithmetic over a 4 KB table: no allocation, no memory traffic beyond the first-level cache.</summary>
    private static long Loop(int seed)
    {
        Span<uint> table = stackalloc uint[1024];
        var x = (uint)seed * 2654435761u;
        for (var i = 0; i < table.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            table[i] = x;
        }
        long sum = 0;
        for (var i = 0; i < Iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            var slot = (int)(x & 1023);
            table[slot] += x;
            sum += table[(slot + 511) & 1023];
        }
        return sum;
    }
}
