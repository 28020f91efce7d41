using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Kabar.Cli.Commands;

/// <summary>
/// The timings dictionary that <see cref="Pipeline.KabarEngine.Process(Input.SourceDocument, IDictionary{string, TimeSpan}?, CancellationToken)"/>
/// fills, which also notes the bytes this thread allocated since the previous entry: the engine writes a stage's time right after the
/// stage returns, so the difference is what that stage allocated (plus the engine's few checks between stages).
/// The same goes for the thread's CPU time (Linux), which, unlike the wall-clock time the engine measures, does not grow when other
/// processes share the cores. Time and bytes add up over every document processed. One meter per thread.
/// </summary>
internal sealed class StageMeter : IDictionary<string, TimeSpan>
{
    private readonly Dictionary<string, TimeSpan> _times = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _cpu = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private long _mark;
    private long _cpuMark;

    /// <summary>Stage names in the order first seen.</summary>
    public IReadOnlyList<string> Stages => _order;

    /// <summary>True when thread CPU time is available (Linux).</summary>
    public static bool HasCpuTime { get; } = OperatingSystem.IsLinux() && ThreadCpuNanoseconds() > 0;

    /// <summary>Bytes allocated by a stage, summed.</summary>
    public long BytesOf(string stage) => _bytes.GetValueOrDefault(stage);

    /// <summary>CPU time of a stage on this thread, summed (zero when <see cref="HasCpuTime"/> is false).</summary>
    public TimeSpan CpuOf(string stage) => TimeSpan.FromTicks(_cpu.GetValueOrDefault(stage) / 100);

    /// <summary>Call before each document.</summary>
    public void Begin()
    {
        _cpuMark = HasCpuTime ? ThreadCpuNanoseconds() : 0;
        _mark = GC.GetAllocatedBytesForCurrentThread();
    }

    public TimeSpan this[string key]
    {
        get => _times[key];
        set
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            var cpu = HasCpuTime ? ThreadCpuNanoseconds() : 0;
            if (!_times.ContainsKey(key))
            {
                _order.Add(key);
            }
            _times[key] = value;
            _bytes[key] = _bytes.GetValueOrDefault(key) + (now - _mark);
            _cpu[key] = _cpu.GetValueOrDefault(key) + (cpu - _cpuMark);
            _cpuMark = cpu;
            _mark = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    public ICollection<string> Keys => _times.Keys;

    public ICollection<TimeSpan> Values => _times.Values;

    public int Count => _times.Count;

    public bool IsReadOnly => false;

    public void Add(string key, TimeSpan value) => this[key] = value;

    public void Add(KeyValuePair<string, TimeSpan> item) => this[item.Key] = item.Value;

    public void Clear()
    {
        _times.Clear();
        _bytes.Clear();
        _cpu.Clear();
        _order.Clear();
    }

    public bool Contains(KeyValuePair<string, TimeSpan> item) => _times.TryGetValue(item.Key, out var value) && value == item.Value;

    public bool ContainsKey(string key) => _times.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, TimeSpan>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, TimeSpan>>)_times).CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, TimeSpan>> GetEnumerator() => _times.GetEnumerator();

    public bool Remove(string key) => _times.Remove(key);

    public bool Remove(KeyValuePair<string, TimeSpan> item) => ((ICollection<KeyValuePair<string, TimeSpan>>)_times).Remove(item);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TimeSpan value) => _times.TryGetValue(key, out value);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static long ThreadCpuNanoseconds()
    {
        try
        {
            return ClockGetTime(ThreadCpuClock, out var time) == 0 ? time.Seconds * 1_000_000_000 + time.Nanoseconds : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private const int ChildrenUsage = -1; // RUSAGE_CHILDREN

    /// <summary>User and system CPU time of the child processes that have ended, in milliseconds (Linux; 0 elsewhere).</summary>
    public static double ChildrenCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }
        try
        {
            var usage = new long[18];
            return GetResourceUsage(ChildrenUsage, usage) == 0
                ? (usage[0] + usage[2]) * 1000.0 + (usage[1] + usage[3]) / 1000.0
                : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport rather than LibraryImport: the CLI does not compile unsafe code, and this call marshals nothing but a blittable struct.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>getrusage: struct rusage starts with ru_utime and ru_stime (seconds, microseconds each), then 14 longs.</summary>
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);
#pragma warning restore SYSLIB1054
}
