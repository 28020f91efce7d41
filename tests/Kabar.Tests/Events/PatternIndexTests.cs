using Kabar.Languages;
using Kabar.Tests.Support;

namespace Kabar.Tests.Events;

/// <summary>The trigger search's numbered pattern keys, over each language's real patterns.</summary>
public sealed class PatternIndexTests
{
    public static TheoryData<string> Languages => ["en", "id"];

    /// <summary><c>StartsPattern</c> answers by comparing the number with a count (the starting keys are numbered first): it must
    /// say yes for exactly the keys that start patterns, or the search would skip triggers or look for patterns a word does not
    /// start.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void A_key_starts_a_pattern_exactly_when_patterns_are_listed_under_it(string code)
    {
        var data = DataSource.FromDirectory(Repo.Path_("lang"));
        var events = LanguagePack.Load(data, code, CommonData.Load(data)).Events;
        var index = events.Index;
        Assert.False(index.StartsPattern(-1));
        Assert.False(index.StartsPattern(index.Count));
        var starting = 0;
        for (var id = 0; id < index.Count; id++)
        {
            Assert.Equal(!index.ByFirstId[id].IsDefault, index.StartsPattern(id));
            starting += index.StartsPattern(id) ? 1 : 0;
        }
        // Every first word of a pattern, and nothing else, by its key.
        Assert.Equal(events.ByFirstKey.Count, starting);
        foreach (var (key, patterns) in events.ByFirstKey)
        {
            var id = index.IdOf(key);
            Assert.True(index.StartsPattern(id), key);
            Assert.Equal(patterns, index.ByFirstId[id]);
        }
    }
}
