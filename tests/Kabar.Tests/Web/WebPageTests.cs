using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kabar.Tests.Web;

/// <summary>Debian's chromium, headless, driven by Playwright (nothing is downloaded), started once per test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IPage> NewPageAsync()
    {
        Skip.IfNot(File.Exists(Chromium), Chromium + " is not installed (apt-get install chromium)");
        if (_browser is null)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
        }
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 950 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>
/// The analyst's page as a person uses it, in a real browser against a real <c>kabar serve</c> with the seed article:
/// markers on the map, brushing the timeline, opening an article. With KABAR_WEB_SCREENSHOTS=DIR set, the tests also
/// save the screenshots the README shows (<c>web-overview.png</c>, <c>web-article.png</c>, <c>web-network.png</c>).
/// </summary>
public sealed class WebPageTests(SeededServerFixture server, BrowserFixture browser) : IClassFixture<SeededServerFixture>, IClassFixture<BrowserFixture>
{
    private static readonly string? Screenshots = Environment.GetEnvironmentVariable("KABAR_WEB_SCREENSHOTS");

    private async Task<IPage> OpenAsync(string query = "")
    {
        Skip.IfNot(File.Exists(BrowserFixture.Chromium), BrowserFixture.Chromium + " is not installed");
        var kabar = await server.GetAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(kabar.Url, query).ToString());
        await SettledAsync(page);
        return page;
    }

    private static async Task SettledAsync(IPage page)
    {
        await page.WaitForSelectorAsync("body[data-ready='true'][data-busy='false']", new() { State = WaitForSelectorState.Attached });
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (!string.IsNullOrEmpty(Screenshots))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name) });
        }
    }

    private static async Task<List<string>> ListedDaysAsync(IPage page) =>
        [.. await page.Locator("#events li[data-event]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.day)")];

    [SkippableFact]
    public async Task The_map_shows_a_marker_for_every_located_event_clustered_and_coloured_by_quad_class()
    {
        var page = await OpenAsync();
        Assert.Equal(13, await page.Locator("#events li[data-event]").CountAsync());
        // Countries drawn from the TopoJSON, not tiles.
        Assert.True(await page.Locator("#map path.leaflet-interactive, #map svg path").CountAsync() > 100);
        Assert.Equal(0, await page.Locator("#map img.leaflet-tile").CountAsync());
        await page.WaitForSelectorAsync("#map .leaflet-marker-icon");
        // Every event is on the map: the counts of the clusters plus the single markers.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#map .ev-cluster div')].reduce((n, d) => n + +d.textContent, 0)"
            + " + document.querySelectorAll('#map .ev-marker').length === 13");
        var clustered = await page.Locator("#map .ev-cluster div").AllInnerTextsAsync();
        var single = await page.Locator("#map .ev-marker").CountAsync();
        Assert.Equal(13, clustered.Sum(int.Parse) + single);
        var colours = await page.Locator("#map .ev-cluster, #map .ev-marker").EvaluateAllAsync<string[]>(
            "icons => icons.map(i => [...i.classList].find(c => /^q[1-4]$/.test(c)))");
        Assert.All(colours, c => Assert.Matches("^q[1-4]$", c));
        await ShotAsync(page, "web-overview.png");
    }

    [SkippableFact]
    public async Task Brushing_the_timeline_narrows_the_list_to_those_days()
    {
        var page = await OpenAsync();
        Assert.Equal(13, (await ListedDaysAsync(page)).Count);
        var first = (await page.Locator("#timeline rect.bar[data-day='2023-09-19']").BoundingBoxAsync())!;
        var last = (await page.Locator("#timeline rect.bar[data-day='2023-09-21']").BoundingBoxAsync())!;
        var y = first.Y + first.Height / 2 > last.Y ? (float)(last.Y + last.Height - 2) : (float)(first.Y + first.Height / 2);
        await page.Mouse.MoveAsync((float)first.X - 1, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(last.X + last.Width + 1), y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('range').textContent === '2023-09-19 – 2023-09-21'");
        await SettledAsync(page);
        var days = await ListedDaysAsync(page);
        Assert.Equal(12, days.Count);
        Assert.All(days, d => Assert.InRange(string.CompareOrdinal(d, "2023-09-19"), 0, int.MaxValue));
        Assert.DoesNotContain("2022-12-01", days);
        Assert.Equal(12, await page.Locator("#timeline rect.bar.in").EvaluateAllAsync<int>("bars => bars.reduce((n, b) => n + +b.dataset.count, 0)"));

        // One day by clicking its bar, then back to every date.
        await page.Locator("#timeline rect.bar[data-day='2023-09-20']").ClickAsync(new() { Force = true });
        await page.WaitForFunctionAsync("() => document.getElementById('range').textContent === '2023-09-20'");
        await SettledAsync(page);
        Assert.All(await ListedDaysAsync(page), d => Assert.Equal("2023-09-20", d));
        await page.ClickAsync("#clear-range");
        await page.WaitForFunctionAsync("() => document.getElementById('range').textContent === ''");
        await SettledAsync(page);
        Assert.Equal(13, (await ListedDaysAsync(page)).Count);
    }

    [SkippableFact]
    public async Task Clicking_an_event_opens_its_article_with_the_evidence_and_entities_highlighted_and_the_codes_explained()
    {
        var page = await OpenAsync();
        var item = page.Locator("#events li[data-event]", new() { HasTextString = "Koridor Lachin" }).First;
        var evidence = (await item.Locator(".evidence").InnerTextAsync()).Trim('“', '”');
        await item.ClickAsync();
        await page.WaitForSelectorAsync("#article:not([hidden]) #doc-text .ev-sel");
        await SettledAsync(page);
        var highlighted = string.Concat(await page.Locator("#doc-text .ev-sel").AllTextContentsAsync());
        Assert.Equal("warga Azerbaijan memblokir Koridor Lachin", evidence);
        Assert.Equal(evidence, highlighted);
        Assert.Equal("memblokir", string.Concat(await page.Locator("#doc-text .ev-sel.trigger").AllTextContentsAsync()));
        // The other events' evidence is marked too, and named entities are underlined by type.
        Assert.True(await page.Locator("#doc-text .ev:not(.ev-sel)").CountAsync() > 5);
        Assert.Contains("Hikmet Hajiyev", string.Concat(await page.Locator("#doc-text .ent-PERSON").AllTextContentsAsync()));
        var card = await page.Locator("#event-card").InnerTextAsync();
        Assert.Contains("191: Blockade or restrict movement", card);
        Assert.Contains("19: Fight", card);
        Assert.Contains("4: material conflict", card);
        Assert.Contains("COERCE: Use force short of armed attack", card);
        Assert.True(await page.Locator("#doc-text .ev-sel").First.IsVisibleAsync());
        await ShotAsync(page, "web-article.png");

        await page.ClickAsync("#back");
        Assert.True(await page.Locator("#events").IsVisibleAsync());
    }

    [SkippableFact]
    public async Task The_page_speaks_indonesian_with_lang_id_and_the_toggle_switches_back()
    {
        var page = await OpenAsync("?lang=id");
        Assert.Equal("Peta", await page.InnerTextAsync("[data-tab='map']"));
        Assert.Equal("Peristiwa per hari", await page.InnerTextAsync("#timeline-box h2"));
        Assert.Equal("id", await page.GetAttributeAsync("html", "lang"));
        await page.Locator("#events li[data-event]", new() { HasTextString = "Koridor Lachin" }).First.ClickAsync();
        await page.WaitForSelectorAsync("#article:not([hidden]) #doc-text .ev-sel");
        Assert.Contains("konflik material", await page.InnerTextAsync("#event-card"));
        Assert.Contains("Memaksa tanpa serangan bersenjata", await page.InnerTextAsync("#event-card"));
        await page.ClickAsync("#lang");
        Assert.Equal("Map", await page.InnerTextAsync("[data-tab='map']"));
        Assert.Contains("material conflict", await page.InnerTextAsync("#event-card"));
        Assert.EndsWith("lang=en", page.Url);
    }

    [SkippableFact]
    public async Task The_actor_network_draws_who_acts_on_whom_and_filters_by_actor()
    {
        var page = await OpenAsync();
        await page.ClickAsync("[data-tab='network']");
        Assert.True(await page.Locator("#network").IsVisibleAsync());
        Assert.True(await page.Locator("#network circle.node").CountAsync() >= 5);
        var weight = await page.Locator("#network .edge[data-from='AZEMIL'][data-to='ARMMIL']").GetAttributeAsync("data-count");
        Assert.Equal("2", weight);
        await ShotAsync(page, "web-network.png");
        await page.Locator("#network circle.node[data-actor='USAGOV']").ClickAsync(new() { Force = true });
        await page.WaitForFunctionAsync("() => document.getElementById('f-actor').value === 'USAGOV'");
        await SettledAsync(page);
        var rows = await page.Locator("#events li[data-event] .what").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("USAGOV", r));
    }

    [SkippableFact]
    public async Task The_api_reference_page_lists_the_operations_and_calls_them()
    {
        var page = await OpenAsync();
        await page.ClickAsync("a[href='/api']");
        await page.WaitForSelectorAsync("details#ListEvents");
        Assert.True(await page.Locator("details.op").CountAsync() >= 6);
        await page.ClickAsync("details#ListEvents summary");
        await page.Locator("details#ListEvents tr", new() { HasTextString = "cameo" }).Locator("input").FillAsync("19");
        await page.ClickAsync("details#ListEvents button");
        await page.WaitForSelectorAsync("details#ListEvents pre");
        Assert.StartsWith("200", await page.InnerTextAsync("details#ListEvents .status"));
        var body = System.Text.Json.JsonDocument.Parse(await page.InnerTextAsync("details#ListEvents pre")).RootElement;
        Assert.NotEmpty(body.GetProperty("items").EnumerateArray());
        Assert.All(body.GetProperty("items").EnumerateArray(), e => Assert.StartsWith("19", e.GetProperty("cameo").GetString()));
    }

    [SkippableFact]
    public async Task An_empty_store_shows_how_to_ingest()
    {
        Skip.IfNot(File.Exists(BrowserFixture.Chromium), BrowserFixture.Chromium + " is not installed");
        await using var empty = await KabarServer.EmptyAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(empty.Url.ToString());
        await SettledAsync(page);
        Assert.True(await page.Locator("#empty").IsVisibleAsync());
        var text = await page.InnerTextAsync("#empty");
        Assert.Contains("kabar ingest --db " + empty.Db, text);
        Assert.Contains("/api/v1/documents", text);
        Assert.Matches(new Regex("No events match|Tidak ada"), await page.InnerTextAsync("#events"));
    }
}
