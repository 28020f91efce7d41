using Kabar.Model;
using Kabar.Morphology;

namespace Kabar.Tests.Morphology;

/// <summary>The morphology memo answers from a read-only snapshot once it has seen enough words; whichever copy answers, the
/// analysis must be the one the factory gives, and the memo must stay within its size.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void Words_are_answered_from_the_snapshot_once_enough_have_been_asked_and_each_is_analysed_once()
    {
        var cache = new BoundedCache<string>(100_000);
        var calls = 0;
        string Analyse(string word)
        {
            Interlocked.Increment(ref calls);
            return word.ToUpperInvariant();
        }
        var words = Enumerable.Range(0, 3 * BoundedCache<string>.MinMissesBeforeRebuild).Select(i => "w" + i).ToList();
        foreach (var word in words)
        {
            Assert.Equal(word.ToUpperInvariant(), cache.GetOrAdd(word, Analyse));
        }
        Assert.True(cache.SnapshotCount >= BoundedCache<string>.MinMissesBeforeRebuild, $"snapshot holds {cache.SnapshotCount} words");
        foreach (var word in words)
        {
            Assert.Equal(word.ToUpperInvariant(), cache.GetOrAdd(new string(word.AsSpan()), Analyse)); // an equal string, not the same one
        }
        Assert.Equal(words.Count, calls);
    }

    [Fact]
    public void A_full_memo_forgets_its_words_and_its_snapshot()
    {
        var cache = new BoundedCache<int>(2_000);
        for (var i = 0; i < 1_900; i++)
        {
            cache.GetOrAdd("a" + i, w => w.Length);
        }
        Assert.True(cache.SnapshotCount > 0);
        for (var i = 0; i < 200; i++)
        {
            cache.GetOrAdd("b" + i, w => w.Length);
        }
        Assert.True(cache.SnapshotCount < 2_000, $"snapshot holds {cache.SnapshotCount} words after the memo was emptied");
        Assert.Equal(-1, cache.GetOrAdd("a999", w => -1)); // forgotten: analysed again, by the factory given now
        Assert.Equal(4, cache.GetOrAdd("b199", w => -1)); // added after the memo was emptied: remembered
    }

    [Fact]
    public void Threads_asking_at_once_all_get_the_factory_answer()
    {
        var cache = new BoundedCache<string>(5_000);
        var failures = 0;
        Parallel.For(0, 4, t =>
        {
            var random = new Random(t);
            for (var n = 0; n < 50_000; n++)
            {
                var word = "x" + random.Next(8_000);
                if (cache.GetOrAdd(word, w => w + "!") != word + "!")
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Prefetching_a_sentence_before_and_after_the_snapshot_exists_changes_no_answer()
    {
        var cache = new BoundedCache<string>(100_000);
        Token[] Sentence(int from) =>
            [.. Enumerable.Range(from, 12).Select(i => new Token(0, 1, "w" + i, TokenKind.Word)),
                new Token(0, 1, ".", TokenKind.Punctuation)];
        for (var from = 0; from < 3 * BoundedCache<string>.MinMissesBeforeRebuild; from += 12)
        {
            var sentence = Sentence(from);
            cache.PrefetchWords(sentence); // the first time with nothing in the memo at all
            foreach (var token in sentence)
            {
                Assert.Equal(token.Lower + "!", cache.GetOrAdd(token.Lower, w => w + "!"));
            }
        }
        Assert.True(cache.SnapshotCount > 0);
        var again = Sentence(0);
        cache.PrefetchWords(again);
        Assert.All(again, t => Assert.Equal(t.Lower + "!", cache.GetOrAdd(t.Lower, w => "analysed again")));
    }
}
