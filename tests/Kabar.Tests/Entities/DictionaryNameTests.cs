using Kabar.Input;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;
using Kabar.Tests.Support;

namespace Kabar.Tests.Entities;

/// <summary>Names from the actor files, as a linguist adds them.</summary>
public sealed class DictionaryNameTests
{
    /// <summary>The recogniser skips the names table at words in lower case, where none of Kabar's own names can begin; a name the
    /// files list to be matched as written may begin so, and must still be found.</summary>
    [Fact]
    public void A_name_listed_to_match_as_written_is_found_even_when_it_begins_in_lower_case()
    {
        using var temp = new TempDirectory();
        temp.CopyFrom(Repo.Path_("lang"));
        File.AppendAllText(Path.Combine(temp.Path, "en", "actors", "organizations.tsv"),
            "\neFishery\tIDNBUS\tORG\t\t\tstart-up, only as written\tcase\n");
        var engine = KabarEngine.Create(new EngineOptions { Data = DataSource.FromDirectory(temp.Path), UseGazetteer = false });

        var document = engine.Process(new SourceDocument("t", "Investors said eFishery had overstated its revenue for years. "
            + "Few had heard of efishery before.") { Language = "en" });

        // Found as written, and only so: the same word in lower case is not the company.
        var entity = Assert.Single(document.Entities, e => e.Rule?.StartsWith("en/actors/organizations.tsv", StringComparison.Ordinal) == true);
        Assert.Equal("eFishery", entity.Text);
        Assert.Equal(EntityType.ORG, entity.Type);
        Assert.Equal("IDNBUS", entity.Actor?.Code);
    }
}
