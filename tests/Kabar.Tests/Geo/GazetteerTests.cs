using Kabar.Geo;

namespace Kabar.Tests.Geo;

public sealed class GazetteerTests
{
    /// <summary>Look-ups search one bucket of the name index (by the top bits of the hash), not the whole index: every name must
    /// still find every place that has it, wherever its hash falls (bucket edges included), and nothing else.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(5000)]
    public void Every_name_finds_exactly_the_places_that_have_it(int count)
    {
        var random = new Random(count);
        string Name() => new([.. Enumerable.Range(0, random.Next(3, 14)).Select(_ => (char)('a' + random.Next(26)))]);
        var places = Enumerable.Range(0, count)
            .Select(i => new CompiledPlace(Name(), 0, 0, "IDN", "PPL", "", 1000 + i, i + 1)).ToList();
        // Every place under its own name; every third also under the name of the place before it, so names are shared.
        var names = places.Select((p, i) => (Key: NameKey.Normalise(p.Name), Place: i))
            .Concat(places.Select((p, i) => (Key: NameKey.Normalise(places[Math.Max(0, i - 1)].Name), Place: i)).Where((_, i) => i % 3 == 0))
            .ToList();
        WithGazetteer(places, names, gazetteer =>
        {
            foreach (var group in names.GroupBy(n => n.Key))
            {
                var found = gazetteer.Find(group.Key);
                var indexes = Enumerable.Range(0, found.Count).Select(k => found[k].Index).Order().ToList();
                Assert.Equal(group.Select(n => n.Place).Distinct().Order(), indexes);
                Assert.True(gazetteer.Contains(group.Key));
            }
            Assert.False(gazetteer.Contains("qqqq" + Name()));
            Assert.Equal(0, gazetteer.Find("qqqq" + Name()).Count);
            // The filter in front of the index turns away nearly every name it does not hold (else it would cost and save nothing).
            var passed = Enumerable.Range(0, 2000).Count(_ => gazetteer.MayHave(NameKey.HashOf("qqqq" + Name(), out _)));
            Assert.True(passed < 100, $"{passed} of 2000 absent names passed the filter");
        });
    }

    /// <summary>The entity stage ranks a name's places by reading a place's population and feature alone; those reads must say what
    /// the whole place says, including in a gazetteer that has no capital or no division at all.</summary>
    [Theory]
    [InlineData("PPLC ADM1 PPL PPLA PPLA2")]
    [InlineData("PPL PPLA")]
    public void A_places_population_and_feature_read_alone_match_the_place(string featureCodes)
    {
        var features = featureCodes.Split(' ');
        var random = new Random(features.Length);
        var places = Enumerable.Range(0, 300)
            .Select(i => new CompiledPlace($"Place{i % 40}", 0, 0, "IDN", features[random.Next(features.Length)], "01", random.Next(3) == 0 ? 0 : random.Next(1, 2_000_000), i + 1))
            .ToList();
        var names = places.Select((p, i) => (Key: NameKey.Normalise(p.Name), Place: i)).ToList();
        WithGazetteer(places, names, gazetteer =>
        {
            foreach (var key in names.Select(n => n.Key).Distinct())
            {
                var found = gazetteer.Find(key);
                Assert.True(found.Count > 1);
                for (var k = 0; k < found.Count; k++)
                {
                    Assert.Equal(found[k].Population, found.PopulationAt(k));
                    Assert.Equal(found[k].IsCapital, found.IsCapitalAt(k));
                    Assert.Equal(found[k].IsAdmin1, found.IsAdmin1At(k));
                }
                Assert.Throws<ArgumentOutOfRangeException>(() => found.PopulationAt(found.Count));
            }
        });
    }

    private static void WithGazetteer(List<CompiledPlace> places, List<(string Key, int Place)> names, Action<Gazetteer> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kabar-gazetteer-test-{Guid.NewGuid():N}.bin");
        try
        {
            Gazetteer.Write(path, places, names);
            test(Gazetteer.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
