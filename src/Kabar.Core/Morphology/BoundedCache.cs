using System.Collections.Concurrent;

namespace Kabar.Morphology;

/// <summary>A thread-safe memo for word analyses that forgets everything when it grows too large,
/// so a long-running ingest over millions of distinct forms cannot exhaust memory.</summary>
/// <remarks>The size is kept in a counter of its own: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock of the
/// dictionary, which made each miss cost as much as a small analysis. The counter may run a little ahead or behind under
/// concurrent misses; that only moves the moment the memo is emptied, never what an analysis returns.</remarks>
internal sealed class BoundedCache<TValue>(int capacity)
{
    private ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);
    private int _count;

    public TValue GetOrAdd(string key, Func<string, TValue> factory)
    {
        var items = _items;
        if (items.TryGetValue(key, out var value))
        {
            return value;
        }
        value = factory(key);
        if (Volatile.Read(ref _count) >= capacity)
        {
            _items = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
            Volatile.Write(ref _count, 0);
        }
        if (_items.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
        }
        return value;
    }
}
