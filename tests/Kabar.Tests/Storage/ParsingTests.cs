using Kabar.Input;
using Kabar.Storage;
using Kabar.Storage.Ingest;

namespace Kabar.Tests.Storage;

/// <summary>The small parsers of the store: --db values, robots.txt, feeds, dates, content hashes.</summary>
public sealed class ParsingTests
{
    [Theory]
    [InlineData("postgres://kabar@db.example:5433/events", "db.example", 5433, "kabar", "events")]
    [InlineData("postgresql://ana:s%3Acret@127.0.0.1/kabar?sslmode=disable", "127.0.0.1", 5432, "ana", "kabar")]
    [InlineData("Host=10.0.0.5;Port=6000;Username=u;Database=d", "10.0.0.5", 6000, "u", "d")]
    public void Postgres_urls_and_connection_strings_name_a_server(string db, string host, int port, string user, string database)
    {
        var location = StoreLocation.Parse(db);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);

        Assert.Equal(StoreEngine.Postgres, location.Engine);
        Assert.Equal((host, port, user, database), (builder.Host, builder.Port, builder.Username, builder.Database));
        Assert.DoesNotContain("s:cret", location.Display, StringComparison.Ordinal);
        Assert.Null(location.FilePath);
    }

    [Fact]
    public void A_password_in_the_url_reaches_the_connection_but_not_the_display()
    {
        var location = StoreLocation.Parse("postgres://ana:s%3Acret@127.0.0.1/kabar?sslmode=disable");
        Assert.Equal("s:cret", new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString).Password);
        Assert.Equal("postgres://ana@127.0.0.1:5432/kabar", location.Display);
    }

    [Fact]
    public void Anything_else_is_a_sqlite_file_with_foreign_keys_on()
    {
        var location = StoreLocation.Parse("some/dir/k.db");
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(location.ConnectionString);

        Assert.Equal(StoreEngine.Sqlite, location.Engine);
        Assert.Equal(Path.GetFullPath("some/dir/k.db"), location.FilePath);
        Assert.True(builder.ForeignKeys);
        Assert.EndsWith(Path.Combine(".local", "share", "kabar", "kabar.db"), StoreLocation.Parse("~/.local/share/kabar/kabar.db").FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_store_is_under_xdg_data_home_or_local_share()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var expected = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "kabar", "kabar.db")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "kabar", "kabar.db");
        Assert.Equal(expected, StoreLocation.DefaultPath);
    }

    private const string Robots = """
        # comments are ignored
        User-agent: SomeBot
        Disallow: /

        User-agent: *
        Disallow: /private/
        Allow: /private/open
        Disallow: /*.pdf$

        User-agent: kabar
        User-agent: OtherBot
        Disallow: /no-kabar/
        Allow: /no-kabar/but-this
        """;

    [Theory]
    [InlineData("Kabar", "/news/1", true)]
    [InlineData("Kabar", "/no-kabar/story", false)]
    [InlineData("Kabar", "/no-kabar/but-this/one", true)]
    [InlineData("Kabar", "/private/x", true)]
    [InlineData("Crawler", "/private/x", false)]
    [InlineData("Crawler", "/private/open/x", true)]
    [InlineData("Crawler", "/docs/a.pdf", false)]
    [InlineData("Crawler", "/docs/a.pdf?x=1", true)]
    [InlineData("SomeBot", "/anything", false)]
    public void Robots_txt_uses_our_group_else_star_and_the_longest_rule(string agent, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(Robots, agent).Allows(path));

    [Fact]
    public void Rss_items_carry_their_link_date_language_and_inline_content()
    {
        const string Rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel><title>Warta</title><language>id-ID</language>
                <item><title>Satu</title><link>https://warta.example/1</link><guid>g-1</guid>
                  <pubDate>Tue, 05 Mar 2024 23:30:00 +0700</pubDate><description>Ringkas</description>
                  <content:encoded><![CDATA[<p>Isi lengkap.</p>]]></content:encoded></item>
                <item><title>Dua</title><link>/2</link><pubDate>Wed, 06 Mar 2024 01:00:00 GMT</pubDate></item>
              </channel>
            </rss>
            """;
        var items = FeedParser.Parse(Rss, new Uri("https://warta.example/feed.xml"));

        Assert.Equal(2, items.Count);
        Assert.Equal(new FeedItem("g-1", "Satu", "https://warta.example/1", new DateOnly(2024, 3, 5), "<p>Isi lengkap.</p>", "Ringkas", "id"), items[0]);
        Assert.Equal(("https://warta.example/2", (string?)null, new DateOnly(2024, 3, 6)), (items[1].Link, items[1].Content, items[1].Published));
        Assert.True(FeedParser.LooksLikeFeed(Rss));
    }

    [Fact]
    public void Atom_entries_read_html_and_xhtml_content_and_the_alternate_link()
    {
        const string Atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
              <title>Ledger</title>
              <entry><id>urn:1</id><title>One</title><link rel="self" href="https://l.example/1.atom"/><link href="https://l.example/1"/>
                <published>2024-03-04T08:00:00Z</published><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
              <entry><id>urn:2</id><title>Two</title><link rel="alternate" href="https://l.example/2"/><updated>2024-03-05T08:00:00+02:00</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Rich</p></div></content></entry>
            </feed>
            """;
        var items = FeedParser.Parse(Atom);

        Assert.Equal(("urn:1", "https://l.example/1", "<p>Body</p>", "en"), (items[0].Id, items[0].Link, items[0].Content, items[0].Language));
        Assert.Equal(new DateOnly(2024, 3, 4), items[0].Published);
        Assert.Contains("Rich", items[1].Content, StringComparison.Ordinal);
        Assert.Equal("https://l.example/2", items[1].Link);
    }

    [Theory]
    [InlineData("<html><body>not a feed</body></html>")]
    [InlineData("<?xml version=\"1.0\"?><rss><channel><item>")]
    public void What_is_not_a_feed_is_an_input_error(string xml) =>
        Assert.Throws<InputException>(() => FeedParser.Parse(xml));

    [Fact]
    public void External_entities_are_never_resolved()
    {
        const string Xxe = """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><link>https://a.example/</link></item></channel></rss>""";
        var items = Record.Exception(() => FeedParser.Parse(Xxe));
        Assert.True(items is null or InputException);
    }

    [Theory]
    [InlineData("2023-09-20", 20230920, "day")]
    [InlineData("2023-09-20T14:00", 20230920, "day")]
    [InlineData("2022-12", 20221201, "month")]
    [InlineData("2023-W38", 20230918, "week")]
    [InlineData("2023", 20230101, "year")]
    [InlineData("--09-20", null, null)]
    [InlineData("P3D", null, null)]
    [InlineData(null, null, null)]
    public void Timex_values_map_to_the_first_day_they_name(string? value, int? day, string? precision) =>
        Assert.Equal((day, precision), EventRecord.ParseDay(value));

    [Fact]
    public void The_content_hash_ignores_case_and_spacing_but_not_words()
    {
        var hash = DocumentRecord.ContentHash("Polisi menangkap  30 demonstran\n di Jakarta.");
        Assert.Equal(hash, DocumentRecord.ContentHash("  POLISI menangkap 30\tdemonstran di\r\nJakarta.  "));
        Assert.NotEqual(hash, DocumentRecord.ContentHash("Polisi menangkap 31 demonstran di Jakarta."));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Theory]
    [InlineData("https://www.Kompas.com/read/1", "Kompas", "kompas.com")]
    [InlineData(null, "Kompas", "Kompas")]
    [InlineData("not a url", null, null)]
    public void The_site_is_the_host_without_www_else_the_site_name(string? url, string? siteName, string? site) =>
        Assert.Equal(site, DocumentRecord.SiteOf(url, siteName));
}
