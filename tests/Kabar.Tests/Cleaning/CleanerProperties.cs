using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Cleaning;
using Kabar.Input;
using Kabar.Tests.Support;

namespace Kabar.Tests.Cleaning;

/// <summary>The cleaner takes page furniture out, but every character it takes is accounted for in <c>removed</c>.</summary>
public sealed class CleanerProperties
{
    private static readonly string[] ArticleLines =
    [
        "Pasukan Azerbaijan melancarkan serangan di Nagorno-Karabakh pada 19 September.",
        "Foto: Warga mengungsi dari Stepanakert (Sumber: Turkiye) | Anadolu",
        "[iklan_2]",
        "Baca juga: Rusia kirim pasukan penjaga perdamaian",
        "Lebih dari 2.000 warga sipil dievakuasi, kata pejabat setempat.",
        "Advertisement",
        "Story continues below advertisement",
        "Russian peacekeepers said on Wednesday that the fighting had stopped.",
        "Sumber",
        "Komentar (0)",
        "Share this article",
        "",
        "   ",
    ];

    private static Arbitrary<string> Page() =>
        Gen.Frequency(
                (6, Gen.Elements(ArticleLines)),
                (1, ArbMap.Default.GeneratorFor<string>().Select(s => (s ?? "").Replace("\u200B", "", StringComparison.Ordinal))))
            .ListOf()
            .Select(lines => string.Join('\n', lines))
            .ToArbitrary();

    // The cleaner also drops zero-width characters and turns odd spaces into spaces; neither is content.
    private static string Content(string text) =>
        new(text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD')).Order().ToArray());

    [Property(MaxTest = 300)]
    public Property Every_character_is_either_kept_or_recorded_as_removed() =>
        Prop.ForAll(Page(), page =>
        {
            var document = Repo.Engine.Clean(new SourceDocument("p", page) { Language = "id" });
            var accounted = document.Text + string.Concat(document.Removed.Select(r => r.Text));
            return Content(page) == Content(accounted);
        });

    [Property(MaxTest = 300)]
    public Property Removed_spans_point_inside_the_cleaned_text_in_order() =>
        Prop.ForAll(Page(), page =>
        {
            var document = Repo.Engine.Clean(new SourceDocument("p", page) { Language = "id" });
            var offsets = document.Removed.Select(r => r.Offset).ToList();
            return offsets.All(o => o >= 0 && o <= document.Text.Length) && offsets.SequenceEqual(offsets.Order());
        });

    private static readonly Lazy<(Cleaner Interpreted, Cleaner Compiled)> Cleaners = new(() =>
    {
        var rules = Repo.Engine.Packs.Values.SelectMany(p => p.CleaningRules).ToList();
        var compiled = new Cleaner(rules);
        compiled.CompilePatterns();
        return (new Cleaner(rules), compiled);
    });

    [Property(MaxTest = 300)]
    public Property Compiled_patterns_clean_exactly_as_interpreted_ones() =>
        Prop.ForAll(Page(), page =>
        {
            var source = new Kabar.Model.Document { Id = "p", Text = page };
            var (interpreted, compiled) = Cleaners.Value;
            var a = interpreted.Run(source, CancellationToken.None);
            var b = compiled.Run(source, CancellationToken.None);
            return a.Text == b.Text && a.Removed.SequenceEqual(b.Removed);
        });

    [Fact]
    public void The_seed_page_debris_is_removed_with_reasons_and_the_caption_keeps_its_words()
    {
        const string page = "Warga Armenia meninggalkan Karabakh. (Sumber: Turkiye) |\n[iklan_2]\nAzerbaijan melancarkan operasi militer.\nSumber\nKomentar (0)";
        var document = Repo.Engine.Clean(new SourceDocument("p", page) { Language = "id" });
        Assert.Equal("Warga Armenia meninggalkan Karabakh.\nAzerbaijan melancarkan operasi militer.", document.Text);
        Assert.Equal(4, document.Removed.Length);
        Assert.Contains(document.Removed, r => r.Text.Contains("Turkiye", StringComparison.Ordinal));
        Assert.Contains(document.Removed, r => r.Reason == "ad_slot");
    }

    /// <summary>A case-insensitive rule matches the Kelvin sign as "k": the required-text prefilter, which compares ASCII strings,
    /// must not turn such a line away.</summary>
    [Fact]
    public void Furniture_spelled_with_a_letter_that_folds_to_ascii_is_still_removed()
    {
        const string page = "Azerbaijan melancarkan operasi militer.\n\u212Aomentar (0)";
        var (interpreted, compiled) = Cleaners.Value;
        foreach (var cleaner in new[] { interpreted, compiled })
        {
            var document = cleaner.Run(new Kabar.Model.Document { Id = "p", Text = page }, CancellationToken.None);
            Assert.Equal("Azerbaijan melancarkan operasi militer.", document.Text);
        }
    }
}
