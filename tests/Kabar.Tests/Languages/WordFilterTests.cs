using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Languages;
using Kabar.Tests.Support;

namespace Kabar.Tests.Languages;

/// <summary>The filter in front of every phrase table and word set may let a stranger through, never turn a member away: a member
/// turned away would be a phrase, a date word or a number word the pipeline silently stops finding.</summary>
public sealed class WordFilterTests
{
    [Property(MaxTest = 300)]
    public Property Every_word_of_the_set_passes_and_so_does_its_first_letter() =>
        Prop.ForAll(WordArbitrary.Words(), words =>
        {
            var filter = new WordFilter(words);
            var set = new WordSet(words);
            return words.All(w => filter.MayContain(w) && set.Contains(w) && (w.Length == 0 || (filter.MayStartWith(w[0]) && set.MayStartWith(w[0]))));
        });

    [Property(MaxTest = 300)]
    public Property A_word_set_answers_as_the_set_of_its_words() =>
        Prop.ForAll(WordArbitrary.Words(), WordArbitrary.Words(), (members, others) =>
        {
            var set = new WordSet(members);
            var exact = members.ToHashSet(StringComparer.Ordinal);
            return others.Concat(members).All(w => set.Contains(w) == exact.Contains(w));
        });

    [Fact]
    public void Nearly_every_word_outside_the_set_is_turned_away()
    {
        var random = new Random(7);
        string Word() => new([.. Enumerable.Range(0, random.Next(2, 12)).Select(_ => (char)('a' + random.Next(26)))]);
        var members = Enumerable.Range(0, 3000).Select(_ => Word()).ToHashSet(StringComparer.Ordinal);
        var strangers = Enumerable.Range(0, 30000).Select(_ => Word()).Where(w => !members.Contains(w)).ToList();
        var filter = new WordFilter(members);
        var passed = strangers.Count(w => filter.MayContain(w));
        Assert.True(passed < strangers.Count / 20, $"{passed} of {strangers.Count} words outside the set passed the filter");
    }
}
