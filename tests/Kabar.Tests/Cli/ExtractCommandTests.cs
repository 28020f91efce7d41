using System.Text;
using System.Text.Json;
using Kabar.Tests.Support;

namespace Kabar.Tests.Cli;

/// <summary>`kabar extract` as a user runs it: real process, real files, exit codes and messages.</summary>
public sealed class ExtractCommandTests
{
    private static string Sample(string name) => Path.Combine(Repo.Root, "samples", name);

    [Fact]
    public void Extracts_an_indonesian_sample_article_as_one_json_object()
    {
        var run = KabarProcess.Run("extract", Sample("id-sudan-evakuasi.txt"), "--published", "2023-04-24");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("id", root.GetProperty("document").GetProperty("language").GetString());
        Assert.True(root.GetProperty("events").GetArrayLength() >= 3, run.Stdout);
        var text = root.GetProperty("document").GetProperty("text").GetString()!;
        foreach (var e in root.GetProperty("events").EnumerateArray())
        {
            var evidence = e.GetProperty("evidence");
            Assert.Equal(evidence.GetProperty("text").GetString(), text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()]);
            Assert.Matches("^[0-9]{2,4}$", e.GetProperty("cameo").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("rule").GetString()));
        }
        var reasons = root.GetProperty("document").GetProperty("removed").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Contains("ad_slot", reasons);
        Assert.Contains("comments", reasons);
    }

    [Fact]
    public void Text_format_prints_a_table_of_events()
    {
        var run = KabarProcess.Run("extract", Sample("en-gaza-aid.txt"), "--published", "2024-03-04", "--format", "text");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("events", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("language en", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_sample_gives_the_same_article_as_its_text_version()
    {
        var html = KabarProcess.Run("extract", Sample("id-sudan-evakuasi.html"), "--format", "jsonl");
        Assert.Equal(0, html.ExitCode);
        using var json = JsonDocument.Parse(html.Stdout);
        var document = json.RootElement.GetProperty("document");
        Assert.Equal("html", document.GetProperty("format").GetString());
        Assert.Equal("2023-04-24", document.GetProperty("published").GetString());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("title").GetString()));
        Assert.True(json.RootElement.GetProperty("events").GetArrayLength() >= 3);
    }

    [Fact]
    public void A_missing_file_is_an_input_error_naming_the_file()
    {
        var run = KabarProcess.Run("extract", "/no/such/article.txt");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/no/such/article.txt: no such file", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void An_empty_file_is_an_input_error()
    {
        using var temp = new TempDirectory();
        var run = KabarProcess.Run("extract", temp.File("empty.txt", ""));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("empty", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        using var temp = new TempDirectory();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var run = KabarProcess.Run("extract", temp.File("photo.jpg", bytes));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("binary", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_50_megabyte_page_is_refused_with_its_size()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "huge.html");
        using (var writer = new StreamWriter(path, false, Encoding.UTF8))
        {
            writer.Write("<html><body>");
            var paragraph = "<p>" + string.Concat(Enumerable.Repeat("Berita panjang tentang banjir di Jakarta. ", 50)) + "</p>\n";
            while (writer.BaseStream.Length < 50L * 1024 * 1024)
            {
                writer.Write(paragraph);
                writer.Flush();
            }
            writer.Write("</body></html>");
        }
        var run = KabarProcess.Run("extract", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("huge.html", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("MB", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Malay_is_reported_as_malay_not_read_as_indonesian()
    {
        using var temp = new TempDirectory();
        var malay = "Kerajaan Malaysia telah mengumumkan bahawa pihak berkuasa akan menghantar bantuan kerana banjir yang melanda "
            + "negeri Kelantan. Menteri berkata mangsa boleh mendapatkan bantuan daripada pusat pemindahan sementara, iaitu sekolah "
            + "dan dewan orang ramai. Beliau juga berkata kerajaan akan memastikan semua mangsa selamat.";
        var run = KabarProcess.Run("extract", temp.File("berita.txt", malay));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'ms'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_kabar_does_not_read_is_an_input_error()
    {
        using var temp = new TempDirectory();
        var french = "Le gouvernement français a annoncé mardi que les négociations avec les syndicats reprendront la semaine "
            + "prochaine, après une grève qui a paralysé les transports dans tout le pays pendant trois jours.";
        var run = KabarProcess.Run("extract", temp.File("article.txt", french));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'fr'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var run = KabarProcess.Run("extract", "--no-such-option", Sample("en-gaza-aid.txt"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unrecognized", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_bad_publication_date_is_a_usage_error()
    {
        var run = KabarProcess.Run("extract", Sample("en-gaza-aid.txt"), "--published", "yesterday");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--published", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_keeps_going_past_bad_records_and_answers_each_in_order()
    {
        using var temp = new TempDirectory();
        var lines = new[]
        {
            """{"id":"good-1","text":"Israel menyerang Jalur Gaza pada Senin, kata pejabat Palestina.","published":"2024-03-04"}""",
            """{"id":"broken","text": """,
            """{"id":"empty","text":""}""",
            """{"id":"no-text"}""",
            """{"id":"good-2","text":"Russian troops attacked Ukrainian positions near Bakhmut on Monday.","language":"en"}""",
        };
        var path = temp.File("batch.jsonl", string.Join('\n', lines) + "\n");
        var run = KabarProcess.Run("extract", "--jsonl", path, "--quiet");
        Assert.Equal(0, run.ExitCode);
        var results = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, results.Count);
        Assert.Equal("good-1", results[0].GetProperty("id").GetString());
        Assert.True(results[0].GetProperty("events").GetArrayLength() >= 1);
        Assert.Equal("line-2", results[1].GetProperty("id").GetString());
        Assert.Contains("JSON", results[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("empty", results[2].GetProperty("id").GetString());
        Assert.True(results[2].TryGetProperty("error", out _));
        Assert.Equal("no-text", results[3].GetProperty("id").GetString());
        Assert.Contains("text", results[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("good-2", results[4].GetProperty("id").GetString());
        Assert.True(results[4].GetProperty("events").GetArrayLength() >= 1);
    }

    [Fact]
    public void A_record_whose_date_is_not_a_date_is_still_read_and_says_so()
    {
        using var temp = new TempDirectory();
        var path = temp.File("batch.jsonl",
            """{"id":"odd-date","text":"Russian troops attacked Ukrainian positions near Bakhmut yesterday.","date":"121108","language":"en"}""" + "\n");
        var run = KabarProcess.Run("extract", "--jsonl", path, "--quiet");
        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.False(result.TryGetProperty("error", out _));
        Assert.True(result.GetProperty("events").GetArrayLength() >= 1);
        var document = result.GetProperty("document");
        Assert.Equal(JsonValueKind.Null, document.GetProperty("published").ValueKind);
        Assert.Contains("121108", document.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dateline_after_the_headline_is_found_and_its_place_acts_in_no_event()
    {
        const string article = "Drones hit Danube port\nKYIV (World Ledger) - Russian troops attacked the port of Izmail on Wednesday, officials said.";
        var run = KabarProcess.RunWithInput(article, "extract", "-", "--language", "en", "--format", "jsonl", "--quiet");
        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal("KYIV (World Ledger) -", result.GetProperty("document").GetProperty("dateline").GetString());
        var sources = result.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("source").GetProperty("actor").GetString()).ToList();
        Assert.NotEmpty(sources);
        Assert.DoesNotContain("UKRGOV", sources);
    }

    [Fact]
    public void Standard_input_is_read_with_a_dash()
    {
        var run = KabarProcess.RunWithInput("Pasukan Rusia menyerang kota Kharkiv pada Selasa.", "extract", "-", "--language", "id", "--format", "jsonl");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("RUSMIL", json.RootElement.GetProperty("events")[0].GetProperty("source").GetProperty("actor").GetString());
    }

    [Fact]
    public void A_user_dictionary_in_yaml_or_tsv_codes_actors_kabar_does_not_know()
    {
        using var temp = new TempDirectory();
        var article = temp.File("berita.txt", "Front Pembela Rakyat menuduh Satgas Kenari menyerang warga di Jayapura pada Senin.");
        var yaml = temp.File("mine.yaml", "- names: [Front Pembela Rakyat, FPR]\n  actor: IDNOPP\n  type: ORG\n");
        var tsv = temp.File("mine.tsv", "names\tactor\ttype\nSatgas Kenari|Kenari\tIDNMIL\tORG\n");

        var without = KabarProcess.Run("extract", article, "--language", "id", "--format", "jsonl", "--quiet");
        var with = KabarProcess.Run("extract", article, "--language", "id", "--format", "jsonl", "--quiet", "--dict", yaml, "--dict", tsv);

        Assert.Equal(0, with.ExitCode);
        static string? Source(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("source").GetProperty("actor").GetString()).FirstOrDefault();
        static string? Target(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("target").GetProperty("actor").GetString()).FirstOrDefault();
        Assert.NotEqual("IDNOPP", Source(without.Stdout));
        Assert.Equal("IDNOPP", Source(with.Stdout));
        Assert.Equal("IDNMIL", Target(with.Stdout));
    }

    [Fact]
    public void A_broken_user_dictionary_is_reported_with_its_file_and_line_before_any_work()
    {
        using var temp = new TempDirectory();
        var tsv = temp.File("mine.tsv", "names\tactor\ttype\nSatgas Kenari\tXXXMIL\tORG\n");
        var run = KabarProcess.Run("extract", Sample("en-gaza-aid.txt"), "--dict", tsv);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("mine.tsv:2", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("XXXMIL", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }
}
