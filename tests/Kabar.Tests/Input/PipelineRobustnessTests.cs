using System.Text.Json;
using Kabar.Cli.Commands;
using Kabar.Input;
using Kabar.Model;
using Kabar.Tests.Support;

namespace Kabar.Tests.Input;

/// <summary>Regressions for the bugs the benchmark harness found (docs/performance.md, "Bugs found by the harness"):
/// inputs that made a stage throw, and a batch that stopped on one bad record.</summary>
public sealed class PipelineRobustnessTests
{
    private static Document Process(string text, DateOnly? published, string language) =>
        Repo.Engine.Process(new SourceDocument("t", text) { Published = published, PublishedSource = "caller", Language = language });

    [Fact]
    public void A_publication_date_of_year_one_anchors_nothing_and_does_not_throw()
    {
        // Pages declare "datePublished": "0001-01-01T00:00:00Z"; a weekday before it used to overflow DateOnly.
        var document = Process("The minister met the delegation on Monday in Jakarta. She said talks would go on last Tuesday.", new DateOnly(1, 1, 1), "en");
        var monday = document.Entities.Single(e => e.Text == "Monday");
        Assert.Null(monday.Time!.Value);
    }

    [Fact]
    public void A_modifier_at_the_end_of_a_sentence_is_no_date()
    {
        // "retire early" and "iOS 12 or late" end their sentence: the modifier had no token after it (IndexOutOfRange).
        var document = Process("Many young workers plan to retire early\n\nThe app requires an iPhone 5s or later with iOS 12 or late\n\nHow to retire early",
            new DateOnly(2024, 3, 1), "en");
        Assert.DoesNotContain(document.Entities, e => e.Type == EntityType.DATE && e.Text.Contains("early", StringComparison.Ordinal));
        var indonesian = Process("Harga beras naik sejak\n\nWarga sudah menunggu selama", new DateOnly(2024, 3, 1), "id");
        Assert.NotNull(indonesian);
    }

    [Fact]
    public void Relative_dates_that_leave_the_calendar_have_no_value()
    {
        var document = Process("Humans settled the valley 10,000 years ago, archaeologists said on Monday.", new DateOnly(2024, 3, 1), "en");
        Assert.Contains(document.Entities, e => e.Type == EntityType.DATE && e.Text.Contains("Monday", StringComparison.Ordinal));
    }

    [Fact]
    public void A_placeholder_date_in_json_ld_is_no_publication_date()
    {
        var html = """
            <!doctype html><html lang="en"><head><title>Floods</title>
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z"}</script></head>
            <body><article><h1>Floods</h1><time datetime="2024-02-03T08:00:00+07:00">3 Feb</time>
            <p>Floods hit the northern districts of Jakarta on Monday after two days of heavy rain, officials said.</p>
            <p>More than two thousand residents were moved to shelters, the disaster agency said in a statement.</p></article></body></html>
            """;
        var article = new HtmlExtractor().Extract(html);
        Assert.Equal(new DateOnly(2024, 2, 3), article.Published);
        var onlyPlaceholder = new HtmlExtractor().Extract(html.Replace("<time datetime=\"2024-02-03T08:00:00+07:00\">3 Feb</time>", "", StringComparison.Ordinal));
        Assert.Null(onlyPlaceholder.Published);
    }

    [Fact]
    public void A_record_that_makes_a_stage_throw_is_that_records_error()
    {
        var record = new BatchRecord(1, "bad", new SourceDocument("bad", "text"), null);
        var (line, ok, events) = ExtractCommand.ProcessRecord(record, _ => throw new IndexOutOfRangeException("boom"), tokens: false, CancellationToken.None);
        Assert.False(ok);
        Assert.Equal(0, events);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("bad", json.RootElement.GetProperty("id").GetString());
        Assert.Contains("IndexOutOfRangeException", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_goes_on_past_the_records_that_used_to_crash_it()
    {
        using var temp = new TempDirectory();
        var records = new[]
        {
            new { id = "year-one", text = "The minister met the delegation on Monday in Jakarta.", published = "0001-01-01", language = "en" },
            new { id = "early", text = "Many young workers plan to retire early", published = "2024-03-01", language = "en" },
            new { id = "fine", text = "Polisi menangkap dua tersangka di Bandung pada Senin.", published = "2024-03-01", language = "id" },
        };
        var path = temp.File("batch.jsonl", string.Join("\n", records.Select(r => JsonSerializer.Serialize(r))) + "\n");
        var run = KabarProcess.Run("extract", "--jsonl", path, "--quiet");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.False(json.RootElement.TryGetProperty("error", out var error), error.ToString());
        }

        // kabar ingest reads the same records: all stored, none failed.
        var ingest = KabarProcess.Run("ingest", path, "--db", Path.Combine(temp.Path, "kabar.db"), "--quiet");
        Assert.Equal(0, ingest.ExitCode);
        using var summary = JsonDocument.Parse(ingest.Stdout.Trim());
        Assert.Equal((3, 0), (summary.RootElement.GetProperty("new").GetInt32(), summary.RootElement.GetProperty("failed").GetInt32()));
    }
}
