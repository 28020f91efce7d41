using System.Collections.Concurrent;

namespace Kabar.Morphology;

/// <summary>A thread-safe memo for word analyses that forgets everything when it grows too large,
/// so a long-running ingest over millions of distinct forms cannot exhaust memory.</summary>
internal sealed class BoundedCache<TValue>(int capacity)
{
    private ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);

    public TValue GetOrAdd(string key, Func<string, TValue> factory)
    {
        var items = _items;
        if (items.TryGetValue(key, out var value))
        {
            return value;
        }
        value = factory(key);
        if (items.Count >= capacity)
        {
            _items = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
        }
        _items.TryAdd(key, value);
        return value;
    }
}
