using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kabar.Tests.Support;

namespace Kabar.Tests.Web;

/// <summary>The JSON API of <c>kabar serve</c>, called over HTTP as a client would, against a real server with the seed
/// article stored (13 events, published 2023-09-21).</summary>
public sealed class WebApiTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private const string Attack = "Israeli troops attacked Hamas fighters in Gaza on Monday.";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, json.GetProperty("status").GetInt32());
        return json;
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [SkippableFact]
    public async Task Events_lists_every_merged_event_and_filters_like_kabar_events()
    {
        var server = await fixture.GetAsync();
        var all = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events"), HttpStatusCode.OK));
        Assert.Equal(13, all.Count);
        Assert.All(all, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("evidence").GetString())));

        var fights = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?cameo=19"), HttpStatusCode.OK));
        Assert.NotEmpty(fights);
        Assert.All(fights, e => Assert.StartsWith("19", e.GetProperty("cameo").GetString()));
        Assert.True(fights.Count < all.Count);

        var day = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?from=2023-09-21&to=2023-09-21"), HttpStatusCode.OK));
        Assert.NotEmpty(day);
        Assert.All(day, e => Assert.Equal("2023-09-21", e.GetProperty("day").GetString()));

        var usa = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?country=usa"), HttpStatusCode.OK));
        Assert.NotEmpty(usa);
        Assert.All(usa, e => Assert.Contains("USA", new[] { e.GetProperty("source").GetProperty("country").GetString(),
            e.GetProperty("target").GetProperty("country").GetString() }));

        var assault = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?plover=assault&actor=AZE"), HttpStatusCode.OK));
        Assert.NotEmpty(assault);
        Assert.All(assault, e => Assert.Equal("ASSAULT", e.GetProperty("plover").GetString()));

        var text = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?text=Blinken"), HttpStatusCode.OK));
        Assert.NotEmpty(text);
        var near = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?near=40.38,49.89,30"), HttpStatusCode.OK));
        Assert.All(near, e => Assert.Equal("Baku", e.GetProperty("place").GetProperty("name").GetString()));
        var none = await JsonAsync(await server.Http.GetAsync("api/v1/events?place=Jakarta"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("next_cursor").ValueKind);
    }

    [SkippableFact]
    public async Task Events_pages_with_cursors_through_the_same_rows_in_the_same_order()
    {
        var server = await fixture.GetAsync();
        var all = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events"), HttpStatusCode.OK)).Select(e => e.GetProperty("event_id").GetInt64()).ToList();
        var paged = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await server.Http.GetAsync("api/v1/events?limit=5" + (cursor is null ? "" : "&cursor=" + cursor)), HttpStatusCode.OK);
            Assert.True(page.GetProperty("count").GetInt32() <= 5);
            paged.AddRange(Items(page).Select(e => e.GetProperty("event_id").GetInt64()));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(all, paged);
    }

    [SkippableTheory]
    [InlineData("from=20-09-2023", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("near=40,50", "near")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Events_rejects_a_bad_filter_with_a_400_naming_it(string query, string field)
    {
        var server = await fixture.GetAsync();
        var problem = await ProblemAsync(await server.Http.GetAsync("api/v1/events?" + query), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrEmpty(messages[0].GetString()));
    }

    [SkippableFact]
    public async Task An_event_comes_with_its_evidence_reports_and_sources()
    {
        var server = await fixture.GetAsync();
        var first = Items(await JsonAsync(await server.Http.GetAsync("api/v1/events?cameo=191"), HttpStatusCode.OK)).Single();
        var id = first.GetProperty("event_id").GetInt64();
        var e = await JsonAsync(await server.Http.GetAsync($"api/v1/events/{id}"), HttpStatusCode.OK);
        Assert.Equal("warga Azerbaijan memblokir Koridor Lachin", e.GetProperty("evidence").GetString());
        Assert.Equal("COERCE", e.GetProperty("plover").GetString());
        Assert.Equal("seed-article-id.txt", e.GetProperty("sources")[0].GetProperty("id").GetString());
        var report = e.GetProperty("reports").EnumerateArray().Single();
        Assert.Equal("seed-article-id.txt", report.GetProperty("document_id").GetString());
        Assert.Equal(e.GetProperty("evidence").GetString(), report.GetProperty("evidence").GetString());
        Assert.Contains(report.GetProperty("evidence").GetString()!, report.GetProperty("sentence").GetString());

        await ProblemAsync(await server.Http.GetAsync("api/v1/events/999999"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("api/v1/events/abc")).StatusCode);
    }

    [SkippableFact]
    public async Task A_document_has_its_cleaned_text_entities_and_events_with_offsets_into_it()
    {
        var server = await fixture.GetAsync();
        var doc = await JsonAsync(await server.Http.GetAsync("api/v1/documents/seed-article-id.txt"), HttpStatusCode.OK);
        var text = doc.GetProperty("document").GetProperty("text").GetString()!;
        Assert.StartsWith("Pada tanggal 20 September", text);
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("document").GetProperty("removed").ValueKind);
        var entities = doc.GetProperty("entities").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("text").GetString() == "Hikmet Hajiyev" && e.GetProperty("type").GetString() == "PERSON");
        Assert.All(entities, e => Assert.Equal(e.GetProperty("text").GetString(), text[e.GetProperty("start").GetInt32()..e.GetProperty("end").GetInt32()]));
        var events = doc.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(13, events.Count);
        Assert.All(events, e =>
        {
            var evidence = e.GetProperty("evidence");
            Assert.Equal(evidence.GetProperty("text").GetString(), text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()]);
        });
        await ProblemAsync(await server.Http.GetAsync("api/v1/documents/no-such-article.txt"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Extract_returns_the_same_json_as_kabar_extract_and_stores_nothing()
    {
        var server = await fixture.GetAsync();
        var before = await JsonAsync(await server.Http.GetAsync("api/v1/stats"), HttpStatusCode.OK);
        var json = JsonSerializer.Serialize(new { id = "gaza", text = Attack, language = "en", published = "2024-01-08" });
        var result = await JsonAsync(await server.Http.PostAsync("api/v1/extract", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.Equal("gaza", result.GetProperty("id").GetString());
        var e = result.GetProperty("events").EnumerateArray().Single();
        Assert.StartsWith("19", e.GetProperty("cameo").GetString());
        Assert.Equal("2024-01-08", e.GetProperty("date").GetString());

        using var folder = new TempDirectory();
        var cli = KabarProcess.Run("extract", "--format", "jsonl", "--language", "en", "--published", "2024-01-08", folder.File("gaza", Attack));
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(JsonDocument.Parse(cli.Stdout).RootElement.GetProperty("events").ToString(), result.GetProperty("events").ToString());

        var plain = await JsonAsync(await server.Http.PostAsync("api/v1/extract?language=en&published=2024-01-08",
            new StringContent(Attack, Encoding.UTF8, "text/plain")), HttpStatusCode.OK);
        Assert.Single(plain.GetProperty("events").EnumerateArray());
        var after = await JsonAsync(await server.Http.GetAsync("api/v1/stats"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("documents").GetInt64(), after.GetProperty("documents").GetInt64());
    }

    [SkippableFact]
    public async Task Extract_says_clearly_what_is_wrong_with_a_request()
    {
        var server = await fixture.GetAsync();
        async Task<string> Detail(HttpContent content, HttpStatusCode status, string query = "") =>
            (await ProblemAsync(await server.Http.PostAsync("api/v1/extract" + query, content), status)).GetProperty("detail").GetString()!;
        Assert.Contains("send the article", await Detail(new StringContent("", Encoding.UTF8, "text/plain"), HttpStatusCode.BadRequest));
        Assert.Contains("not valid JSON", await Detail(new StringContent("{\"text\": ", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest));
        Assert.Contains("neither \"text\" nor \"html\"", await Detail(new StringContent("{\"id\": \"x\"}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest));
        Assert.Contains("not a date", await Detail(new StringContent(Attack, Encoding.UTF8, "text/plain"), HttpStatusCode.BadRequest, "?published=soon"));
        Assert.Contains("multipart/form-data", await Detail(new MultipartFormDataContent { { new StringContent(Attack), "file" } }, HttpStatusCode.UnsupportedMediaType));
        var big = new ByteArrayContent(new byte[2 * 1024 * 1024 + 1]);
        big.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        Assert.Contains("at most 2097152", await Detail(big, HttpStatusCode.RequestEntityTooLarge));
        Assert.Contains("language", await Detail(new StringContent(Attack, Encoding.UTF8, "text/plain"), HttpStatusCode.UnprocessableEntity, "?language=xx"));
    }

    [SkippableFact]
    public async Task Stats_counts_the_store()
    {
        var server = await fixture.GetAsync();
        var stats = await JsonAsync(await server.Http.GetAsync("api/v1/stats"), HttpStatusCode.OK);
        Assert.Equal("sqlite", stats.GetProperty("engine").GetString());
        Assert.True(stats.GetProperty("documents").GetInt64() >= 1);
        Assert.True(stats.GetProperty("clusters").GetInt64() >= 13);
        Assert.Equal("ok", stats.GetProperty("integrity").GetString());
        Assert.Contains(stats.GetProperty("by_day").EnumerateArray(), d => d.GetProperty("key").GetString() == "2023-09-21");
    }

    [SkippableFact]
    public async Task The_openapi_document_reference_page_and_assets_are_served_without_any_outside_url()
    {
        var server = await fixture.GetAsync();
        var openApi = await JsonAsync(await server.Http.GetAsync("openapi/v1.json"), HttpStatusCode.OK);
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in (string[])["/api/v1/events", "/api/v1/events/{id}", "/api/v1/extract", "/api/v1/documents", "/api/v1/stats"])
        {
            Assert.Contains(path, paths);
        }
        Assert.Contains(paths, p => p.StartsWith("/api/v1/documents/{", StringComparison.Ordinal));
        foreach (var page in (string[])["", "api"])
        {
            var html = await server.Http.GetStringAsync(page);
            Assert.Contains("<html", html);
            // No CDN: every script and style sheet comes from this server.
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        }
        var leaflet = await server.Http.GetAsync("assets/npm/leaflet/dist/leaflet.js");
        Assert.Equal(HttpStatusCode.OK, leaflet.StatusCode);
        Assert.Equal("text/javascript", leaflet.Content.Headers.ContentType?.MediaType);
        var world = await JsonAsync(await server.Http.GetAsync("assets/npm/world-atlas/countries-50m.json"), HttpStatusCode.OK);
        Assert.Equal("Topology", world.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("assets/nothing.js")).StatusCode);
    }
}

/// <summary>Writes: the API key, read-only mode, and ingesting over HTTP.</summary>
public sealed class WebWriteTests
{
    private const string Attack = "Israeli troops attacked Hamas fighters in Gaza on Monday.";

    private static StringContent Article(string text = Attack) =>
        new(JsonSerializer.Serialize(new { id = "gaza-1", text, language = "en", published = "2024-01-08" }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Ingest_needs_the_api_key_and_stores_the_document_once()
    {
        await using var server = await KabarServer.EmptyAsync("--api-key", "s3cret");
        var missing = await server.Http.PostAsync("api/v1/documents", Article());
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("X-Api-Key", await missing.Content.ReadAsStringAsync());
        var wrong = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = Article() };
        wrong.Headers.Add("X-Api-Key", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.SendAsync(wrong)).StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await server.Http.GetStringAsync("api/v1/events")).RootElement.GetProperty("count").GetInt32());

        var right = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = Article() };
        right.Headers.Add("X-Api-Key", "s3cret");
        var created = await server.Http.SendAsync(right);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal("/api/v1/documents/gaza-1", created.Headers.Location?.OriginalString);
        var result = JsonDocument.Parse(body).RootElement;
        Assert.True(result.GetProperty("new").GetBoolean());
        Assert.Equal(1, result.GetProperty("events").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("api/v1/documents/gaza-1")).StatusCode);
        var events = JsonDocument.Parse(await server.Http.GetStringAsync("api/v1/events")).RootElement;
        Assert.Equal("2024-01-08", events.GetProperty("items")[0].GetProperty("day").GetString());

        var again = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = Article() };
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        var duplicate = await server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.True(JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, JsonDocument.Parse(await server.Http.GetStringAsync("api/v1/stats")).RootElement.GetProperty("documents").GetInt64());
        // Reading needs no key.
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("api/v1/events/1")).StatusCode);

        // A document stored with a URL is found by it, escaped into the path.
        const string Url = "https://news.example/world/2024/01/08/gaza?ref=rss";
        var withUrl = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { text = "Hamas fighters attacked Israeli troops in Gaza on Monday.", url = Url, language = "en" }),
                Encoding.UTF8, "application/json"),
        };
        withUrl.Headers.Add("X-Api-Key", "s3cret");
        Assert.Equal(HttpStatusCode.Created, (await server.Http.SendAsync(withUrl)).StatusCode);
        var byUrl = JsonDocument.Parse(await server.Http.GetStringAsync("api/v1/documents/" + Uri.EscapeDataString(Url))).RootElement;
        Assert.Equal(Url, byUrl.GetProperty("document").GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_api_key_can_come_from_the_environment()
    {
        await using var server = await KabarServer.WithEnvironmentAsync(new Dictionary<string, string> { ["KABAR_API_KEY"] = "from-env" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsync("api/v1/documents", Article())).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = Article() };
        request.Headers.Add("X-Api-Key", "from-env");
        Assert.Equal(HttpStatusCode.Created, (await server.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Read_only_refuses_writes_but_still_extracts_and_reads()
    {
        await using var server = await KabarServer.EmptyAsync("--read-only");
        var refused = await server.Http.PostAsync("api/v1/documents", Article());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("--read-only", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.PostAsync("api/v1/extract", Article())).StatusCode);
        var info = JsonDocument.Parse(await server.Http.GetStringAsync("api/v1/server")).RootElement;
        Assert.True(info.GetProperty("read_only").GetBoolean());
        Assert.False(info.GetProperty("api_key_required").GetBoolean());
        Assert.Equal(0, JsonDocument.Parse(await server.Http.GetStringAsync("api/v1/stats")).RootElement.GetProperty("documents").GetInt64());
    }

    [Fact]
    public async Task A_smaller_max_bytes_limit_is_enforced()
    {
        await using var server = await KabarServer.EmptyAsync("--max-bytes", "100");
        var response = await server.Http.PostAsync("api/v1/extract", new StringContent(new string('a', 101), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 100", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Serve_refuses_a_bad_store_or_option_with_one_line()
    {
        using var folder = new TempDirectory();
        var notADatabase = folder.File("notes.db", "this is not a database, just text that is long enough to not be empty at all.");
        var result = KabarProcess.Run("serve", "--db", notADatabase, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("kabar: error:", result.Stderr);
        var usage = KabarProcess.Run("serve", "--max-bytes", "0");
        Assert.Equal(2, usage.ExitCode);
    }
}
