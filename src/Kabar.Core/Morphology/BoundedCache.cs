using System.Collections.Concurrent;
using Kabar.Model;

namespace Kabar.Morphology;

/// <summary>A thread-safe memo for word analyses that forgets everything when it grows too large,
/// so a long-running ingest over millions of distinct forms cannot exhaust memory.</summary>
/// <remarks>
/// <para>Every word of every sentence is looked up here, and after a few thousand documents nearly every look-up finds its word.
/// So the words known so far are also kept in a read-only snapshot (<see cref="MemoSnapshot{TValue}"/>) whose slot holds a number
/// that tells the word, the word and its analysis side by side: a look-up there reads the slot, and the word's characters only
/// for a word too long or too unusual to be spelled by the number, with no lock, no comparer interface call and no chain of nodes.
/// The concurrent dictionary behind it (about 70 ns a look-up in the bench even when the word was looked up just before) is asked
/// only about words the snapshot does not have yet. The snapshot is rebuilt from the dictionary once as many look-ups have missed
/// it as it holds words (at least <see cref="MinMissesBeforeRebuild"/>), so rebuilding costs a bounded amount per miss and stops
/// once the vocabulary settles.</para>
/// <para>The size is kept in a counter of its own: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock of the
/// dictionary, which made each miss cost as much as a small analysis. The counters may run a little ahead or behind under
/// concurrent misses; that only moves the moment the memo is emptied or the snapshot rebuilt, never what an analysis returns.</para>
/// </remarks>
internal sealed class BoundedCache<TValue>(int capacity)
{
    /// <summary>Misses the first snapshots wait for: rebuilding for every handful of new words would cost more than it saves.</summary>
    internal const int MinMissesBeforeRebuild = 1024;

    private ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);
    private int _count;
    private MemoSnapshot<TValue> _snapshot = MemoSnapshot<TValue>.Empty;
    private int _misses;

    /// <summary>Words in the read-only snapshot (for tests).</summary>
    internal int SnapshotCount => _snapshot.Count;

    /// <summary>Starts loading the snapshot slots of the sentence's words before they are looked up one by one.</summary>
    /// <remarks>Between two sentences the other stages push the snapshot out of the cache, so each look-up waited for its slot to
    /// come from memory, one after the other: the analysis loop does too much between two look-ups (branches, the token's update)
    /// for the processor to start the next word's load early. Asked for all at once, the loads overlap. Measured: the segment stage
    /// 7 % cheaper against the untouched stages (docs/performance.md, ninth pass). Prefetching the word's characters as well, in a
    /// second sweep, gained nothing more. The slot is found by the token's hash, worked out when it was made, as in the look-up.</remarks>
    public void PrefetchWords(ReadOnlySpan<Token> tokens)
    {
        var snapshot = _snapshot;
        foreach (ref readonly var token in tokens)
        {
            if (token.Kind == TokenKind.Word)
            {
                snapshot.Prefetch(in token);
            }
        }
    }

    /// <summary>The analysis of a word, made by <paramref name="factory"/> when the memo does not have it yet.</summary>
    public TValue GetOrAdd(string key, Func<string, TValue> factory) =>
        _snapshot.TryGetValue(key, out var value) ? value : Add(key, factory);

    /// <summary>As <see cref="GetOrAdd(string, Func{string, TValue})"/> for the token's lower-cased text, found in the snapshot by the
    /// hash worked out when it was made (each word was hashed twice here before, for the prefetch and for the look-up).</summary>
    public TValue GetOrAdd(in Token token, Func<string, TValue> factory) =>
        _snapshot.TryGetValue(in token, out var value) ? value : Add(token.Lower, factory);

    /// <summary>A word the snapshot does not have: from the dictionary behind it, or made now.</summary>
    private TValue Add(string key, Func<string, TValue> factory)
    {
        var snapshot = _snapshot;
        var items = _items;
        if (!items.TryGetValue(key, out var value))
        {
            value = factory(key);
            if (Volatile.Read(ref _count) >= capacity)
            {
                _items = items = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
                Volatile.Write(ref _count, 0);
                _snapshot = snapshot = MemoSnapshot<TValue>.Empty;
            }
            if (items.TryAdd(key, value))
            {
                Interlocked.Increment(ref _count);
            }
        }
        if (Interlocked.Increment(ref _misses) >= Math.Max(MinMissesBeforeRebuild, snapshot.Count))
        {
            // One thread rebuilds (the one that reset the counter); the others go on reading the old snapshot meanwhile.
            Volatile.Write(ref _misses, 0);
            // ToArray: one consistent copy, whatever other threads add meanwhile.
            Volatile.Write(ref _snapshot, new MemoSnapshot<TValue>(items.ToArray()));
        }
        return value;
    }
}
