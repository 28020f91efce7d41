using System.Globalization;
using Kabar.Languages;
using Kabar.Tests.Support;

namespace Kabar.Tests.Languages;

/// <summary>The language folders as a linguist edits them: they load, they mirror each other, and mistakes are located.</summary>
public sealed class LanguagePackTests
{
    private static string LangFolder => Repo.Path_("lang");

    [Fact]
    public void Every_language_folder_in_the_repository_loads()
    {
        var data = DataSource.FromDirectory(LangFolder);
        var common = CommonData.Load(data);
        Assert.Equal(["en", "id"], data.Languages().Order(StringComparer.Ordinal));
        foreach (var code in data.Languages())
        {
            var pack = LanguagePack.Load(data, code, common);
            Assert.Equal(code, pack.Code);
            Assert.NotEmpty(pack.LanguageIdWords);
            Assert.NotEmpty(pack.CleaningRules);
        }
    }

    [Fact]
    public void The_built_program_carries_the_same_files_as_the_lang_folder()
    {
        foreach (var folder in new[] { "common", "id", "en" })
        {
            var onDisk = DataSource.FromDirectory(LangFolder).List(folder).Order(StringComparer.Ordinal).ToList();
            var embedded = DataSource.Embedded.List(folder).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(onDisk, embedded);
            foreach (var file in onDisk)
            {
                Assert.Equal(DataSource.FromDirectory(LangFolder).Read(file), DataSource.Embedded.Read(file));
            }
        }
    }

    [Fact]
    public void Indonesian_and_english_folders_have_the_same_files_so_a_new_language_can_copy_either()
    {
        static List<string> Files(string code) => Directory.EnumerateFiles(Path.Combine(LangFolder, code), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(LangFolder, code), f))
            .Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(Files("id"), Files("en"));
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_file_and_line()
    {
        using var temp = new TempDirectory();
        temp.CopyFrom(LangFolder);
        var patterns = Directory.EnumerateFiles(Path.Combine(temp.Path, "id", "events"), "*.tsv")
            .First(f => File.ReadAllText(f).Contains("\tcameo", StringComparison.Ordinal));
        var lines = File.ReadAllLines(patterns).ToList();
        lines.Add("menyerbu secara ganas\t999");
        File.WriteAllLines(patterns, lines);

        var data = DataSource.FromDirectory(temp.Path);
        var error = Assert.Throws<DataFileException>(() => LanguagePack.Load(data, "id", CommonData.Load(data)));
        var relative = "id/events/" + Path.GetFileName(patterns);
        Assert.Contains($"{relative}:{lines.Count}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'999'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regex_cleaning_rule_that_does_not_compile_is_reported_with_its_line()
    {
        using var temp = new TempDirectory();
        temp.CopyFrom(LangFolder);
        var path = Path.Combine(temp.Path, "en", "cleaning.tsv");
        var lines = File.ReadAllLines(path).ToList();
        var header = lines.First(l => !l.StartsWith('#') && l.Trim().Length > 0).Split('\t');
        var row = header.Select(column => column switch
        {
            "pattern" => "(unclosed",
            "scope" => "line",
            _ => "x",
        });
        lines.Add(string.Join('\t', row));
        File.WriteAllLines(path, lines);

        var data = DataSource.FromDirectory(temp.Path);
        var error = Assert.ThrowsAny<DataFileException>(() => LanguagePack.Load(data, "en", CommonData.Load(data)));
        Assert.Contains($"en/cleaning.tsv:{lines.Count}", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Cameo_table_agrees_with_the_shared_reference_on_goldstein_quad_class_and_plover()
    {
        var reference = Repo.SharedFile("docs", "cameo-reference.tsv");
        var ours = CommonData.Load(DataSource.Embedded).Cameo;
        var rows = File.ReadLines(reference).Where(l => !l.StartsWith('#') && l.Trim().Length > 0).Select(l => l.Split('\t')).ToList();
        var header = rows[0].Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var checkedCodes = 0;
        foreach (var row in rows.Skip(1))
        {
            var code = row[header["cameo"]];
            Assert.True(ours.TryGetValue(code, out var entry), $"CAMEO {code} is missing from lang/common/cameo.tsv");
            Assert.Equal(int.Parse(row[header["quad_class"]], CultureInfo.InvariantCulture), entry.QuadClass);
            if (row[header["goldstein"]] is { Length: > 0 } goldstein)
            {
                Assert.Equal(double.Parse(goldstein, CultureInfo.InvariantCulture), entry.Goldstein, 3);
            }
            var plover = row[header["plover"]];
            Assert.True(plover.Length == 0 || plover == entry.Plover, $"CAMEO {code}: PLOVER {entry.Plover} but the reference says {plover}");
            checkedCodes++;
        }
        Assert.True(checkedCodes > 250, $"only {checkedCodes} codes in the reference");
    }
}
