using Microsoft.Playwright;
using Researcher.Core.Progress;
using Researcher.EndToEnd.Tests.Support;
using Researcher.Testing;
using Xunit.Abstractions;

namespace Researcher.EndToEnd.Tests;

/// <summary>
/// A research that cites documents written to attack the page: markup, event handlers and
/// javascript: links in their titles, their text and even a file name. The page shows them as text;
/// nothing runs, and nothing of them is left in the DOM as markup or as a live link.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class HostileSourceTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTests(azurite, chromium, output), IClassFixture<ChromiumFixture>
{
    private const string Question = "How are tide tables made and what do tide tables predict?";

    private const string Script = "<script>window.__pwned=1</script>";
    private const string Image = "<img src=x onerror=\"window.__pwned=1\">";
    private const string JavaScriptUrl = "javascript:window.__pwned=1";

    /// <summary>A file name that is a javascript: URL too (the Sources list links to each source's location).</summary>
    private const string JavaScriptFileName = "javascript:window.__pwned=1;x={}.html";

    private static readonly Dictionary<string, string> Documents = new()
    {
        // HTML entities: the text (and so the title) carries the markup as characters.
        ["tide-tables.html"] = $"""
            <!doctype html>
            <html><head><title>Tide tables {Encode(Script)}{Encode(Image)}</title></head>
            <body>
            <h1>Tide tables {Encode(Script)}{Encode(Image)}</h1>
            <h2>How tide tables are made</h2>
            <p>Tide tables are made from a year of sea level records at each port {Encode(Script)} and predict the times of high and low water.</p>
            <p>Tide tables predict the height of each high tide {Encode(Image)} from the harmonic constituents of the port.</p>
            <p>Harbour masters check tide tables against [the tide table archive]({JavaScriptUrl}) before they are published.</p>
            <p>Tide tables predict the tides {Encode($"<a href=\"{JavaScriptUrl}\">for every day of the year</a>")} at each port.</p>
            </body></html>
            """,
        ["tide-gauges.md"] = $"""
            # Tide gauges `{Script}`

            ## How tide gauges feed tide tables
            Tide gauges record the sea level every few minutes, and tide tables are made from those records `{Image}` at each port.

            Tide tables predict the high tides from [the gauge records]({JavaScriptUrl}) &lt;script&gt;window.__pwned=1&lt;/script&gt; of many years.
            """,
        [JavaScriptFileName] = $"""
            <!doctype html>
            <html><head><title>Tide prediction <a href="{JavaScriptUrl}">archive</a></title></head>
            <body>
            <h2>Tide predictions</h2>
            <p>Tide tables predict high water from the Moon's and the Sun's pull, and tide tables are made by tide prediction machines {Encode(Image)}.</p>
            </body></html>
            """,
    };

    private readonly string documents = WriteDocuments();

    private protected override string DocumentsPath => documents;

    [Fact]
    public async Task Markup_and_javascript_links_in_cited_sources_are_shown_as_text_and_never_run()
    {
        var browser = await OpenPageAsync();
        await browser.GotoAsync("/");
        var researchId = await browser.StartAsync(Question);
        await browser.WaitForCompletedAsync();
        await browser.WaitForReportAsync();

        // The report and the log really carry the hostile text to the page.
        var report = await ResearchApi.ReportAsync(Server.Client, researchId);
        Assert.Contains("window.__pwned", report, StringComparison.Ordinal);
        Assert.Contains("tide-tables.html", report, StringComparison.Ordinal);
        Assert.Contains($"]({JavaScriptFileName})", report, StringComparison.Ordinal);
        var events = await ResearchApi.EventsAsync(Server.Client, researchId);
        Assert.Contains(events, e => e.Type == ProgressEventType.SourceFound && e.Data!["title"].Contains("<script>", StringComparison.Ordinal));
        await browser.AssertLogShowsExactlyAsync(events);
        await browser.AssertReportCitationsResolveAsync();
        Assert.Contains("window.__pwned", await browser.TextOfAsync("#report"), StringComparison.Ordinal);

        await AssertNothingHostileInTheDomAsync(browser);
        await ClickEveryLinkAsync(browser);
        await AssertNothingHostileInTheDomAsync(browser);

        Assert.True(await browser.Page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"), "A hostile source ran script in the page.");
        browser.AssertNoProblems();
    }

    private static async Task AssertNothingHostileInTheDomAsync(ResearchPage browser)
    {
        foreach (var region in new[] { "#report", "#log", "#sources", "#sub-questions" })
        {
            var found = await browser.Page.EvaluateAsync<string[]>("""
                region => Array.from(document.querySelectorAll(
                    `${region} script, ${region} [onerror], ${region} a[href^="javascript:" i], ${region} iframe, ${region} object, ${region} embed`))
                  .concat(Array.from(document.querySelectorAll(`${region} a[href], ${region} area[href]`)).filter(a => a.protocol === 'javascript:'))
                  .map(e => e.outerHTML)
                  .concat(Array.from(document.querySelectorAll(`${region} *`))
                    .flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => `${e.tagName} ${a.name}=${a.value}`)))
                """, region);
            Assert.True(found.Length == 0, $"{region} holds live hostile markup:\n{string.Join("\n", found)}");
        }
    }

    /// <summary>
    /// Clicks every link of the report and the sources list. A click that would leave the page is
    /// stopped at the network (the browser stays, with the page's state intact) and must go to the
    /// same origin; a javascript: link would still run, as it never reaches the network.
    /// </summary>
    private static async Task ClickEveryLinkAsync(ResearchPage browser)
    {
        var origin = new Uri(browser.Page.Url).GetLeftPart(UriPartial.Authority);
        var left = new List<string>();
        await browser.Context.RouteAsync("**/*", async route =>
        {
            if (route.Request.IsNavigationRequest)
            {
                lock (left) left.Add(route.Request.Url);
                await route.AbortAsync("aborted");
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        var links = browser.Page.Locator("#report a, #sources a");
        var count = await links.CountAsync();
        Assert.True(count > 0, "The report and the sources list have no links.");
        for (var i = 0; i < count; i++)
        {
            var link = links.Nth(i);
            if (await link.IsVisibleAsync()) await link.ClickAsync();
            else await link.DispatchEventAsync("click");
        }
        foreach (var extra in browser.Context.Pages.Where(p => p != browser.Page).ToList())
            await extra.CloseAsync();
        await browser.Context.UnrouteAllAsync();

        lock (left)
            Assert.All(left, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
    }

    private static string Encode(string markup) => System.Net.WebUtility.HtmlEncode(markup);

    private static string WriteDocuments()
    {
        var root = Directory.CreateTempSubdirectory("researcher-hostile-corpus-").FullName;
        foreach (var (name, text) in Documents)
            File.WriteAllText(Path.Combine(root, name), text);
        return root;
    }

    private protected override void CleanUp() => Directory.Delete(documents, recursive: true);
}
