using Kabar.Languages;
using Kabar.Model;
using Kabar.Segmentation;

namespace Kabar.Tests.Languages;

public sealed class PhraseTableTests
{
    private static readonly Tokenizer Tokenizer = new([], []);

    private static PhraseTable<string> Table(params string[] phrases) =>
        PhraseTable<string>.Build(phrases.Select(p => (p, p)), p => Tokenizer.Tokenize(p).Select(t => t.Text));

    private static Token[] Tokens(string text) => [.. Tokenizer.Tokenize(text)];

    [Theory]
    [InlineData("Menteri Luar Negeri Retno", 0, 3, "menteri luar negeri")]
    [InlineData("kata Menteri Retno", 1, 1, "menteri")]
    [InlineData("warga sipil tewas", 0, 2, "warga sipil")]
    [InlineData("Ülkü ocakları", 0, 1, "ülkü")]
    [InlineData("Pneumonoultramicroscopicsilicovolcanoconiosisandsomeevenlongerwordtoo kills", 0, 1,
        "pneumonoultramicroscopicsilicovolcanoconiosisandsomeevenlongerwordtoo")]
    public void The_longest_phrase_at_a_token_is_found(string text, int start, int length, string value)
    {
        var table = Table("menteri", "menteri luar negeri", "warga sipil", "ülkü", "pneumonoultramicroscopicsilicovolcanoconiosisandsomeevenlongerwordtoo");
        Assert.True(table.TryMatch(Tokens(text), start, out var found, out var phrase));
        Assert.Equal(length, found);
        Assert.Equal(value, phrase);
        Assert.True(table.TryMatch(Tokens(text), start, static t => t.Lower, out found, out phrase));
        Assert.Equal(length, found);
        Assert.Equal(value, phrase);
    }

    [Theory]
    [InlineData("mentri luar negeri")]
    [InlineData("menterix")]
    [InlineData("warga")]
    [InlineData("pneumonoultramicroscopicsilicovolcanoconiosisandsomeevenlongerwordtoX")]
    [InlineData(", menteri")]
    public void Words_that_start_no_phrase_match_nothing(string text)
    {
        var table = Table("menteri", "menteri luar negeri", "warga sipil", "pneumonoultramicroscopicsilicovolcanoconiosisandsomeevenlongerwordtoo");
        Assert.False(table.TryMatch(Tokens(text), 0, out _, out _));
        Assert.False(table.TryMatch(Tokens(text), 0, static t => t.Lower, out _, out _));
        Assert.False(table.TryGet([.. Tokens(text).Select(t => t.Lower)], out _));
    }

    [Fact]
    public void Exact_lookup_and_first_words_agree_with_matching()
    {
        var table = Table("lebih dari", "Menteri");
        Assert.True(table.TryGet(["lebih", "dari"], out var value));
        Assert.Equal("lebih dari", value);
        Assert.False(table.TryGet(["lebih"], out _));
        Assert.True(table.StartsWith("lebih"));
        Assert.True(table.StartsWith("menteri"));
        Assert.False(table.StartsWith("lebihan"));
        Assert.False(table.StartsWith("kurang"));
        Assert.False(table.TryMatch(Tokens("lebih"), 1, out _, out _));
    }
}
