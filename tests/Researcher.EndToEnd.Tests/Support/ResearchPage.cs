using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;

namespace Researcher.EndToEnd.Tests.Support;

/// <summary>Something a page reported that a working client never causes: a console error, an uncaught error or a CSP violation.</summary>
internal sealed record PageProblem(string Kind, string Text, string Where)
{
    public const string Console = "console error";
    public const string Uncaught = "uncaught error";
    public const string Csp = "CSP violation";

    public override string ToString() => $"{Kind}: {Text} ({Where})";
}

/// <summary>One row of the page's event log (<c>#log li</c>), as its data attributes say.</summary>
internal sealed record LogRow(string? Sequence, string? Type);

/// <summary>
/// One branch of a deep research's tree (<c>#research-tree li[data-branch]</c>): its path, the path of
/// the item it is nested in (through that item's child list; empty for an item directly under
/// <c>#research-tree</c>, "?" for one nested anywhere else), its data attributes, and the texts it shows.
/// </summary>
internal sealed record TreeBranch(string Path, string Parent, string? Depth, string? State, string Query, string Detail);

/// <summary>
/// The web client in a browser context of its own (one per test): every page of the context is
/// watched for console errors, uncaught errors and CSP violations (both the console's report and
/// the document's <c>securitypolicyviolation</c> events, sent back through a Playwright binding,
/// which the page's policy does not govern). An optional bearer token is put where the client reads
/// it (<c>sessionStorage["researcher.token"]</c>) before any of the page's scripts run. Every wait is
/// on a DOM condition, bounded by <see cref="TestTimeouts.Bound"/> only to turn a hang into a failure.
/// </summary>
internal sealed partial class ResearchPage : IAsyncDisposable
{
    public const string TokenKey = "researcher.token";

    private const string CspBinding = "__researcherTestCspViolation";

    private static readonly float Timeout = (float)TestTimeouts.Bound.TotalMilliseconds;

    private static readonly string[] FinalStatuses = ["completed", "failed", "cancelled"];

    private readonly List<PageProblem> problems = [];

    private ResearchPage(IBrowserContext context) => Context = context;

    public IBrowserContext Context { get; }

    /// <summary>The page the test drives (a new one after <see cref="ReopenAsync"/>).</summary>
    public IPage Page { get; private set; } = null!;

    public static async Task<ResearchPage> OpenAsync(IBrowser browser, Uri baseAddress, string? token = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = new ResearchPage(context);
        await context.ExposeBindingAsync(CspBinding, (BindingSource source, string text) =>
            page.Record(new PageProblem(PageProblem.Csp, text, source.Page?.Url ?? "?")));
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window." + CspBinding +
            "(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));");
        if (token is not null)
            await context.AddInitScriptAsync(
                $"if (location.origin === {JsonSerializer.Serialize(Origin(baseAddress))}) sessionStorage.setItem('{TokenKey}', {JsonSerializer.Serialize(token)});");
        context.Page += (_, opened) => page.Watch(opened);
        page.Page = await context.NewPageAsync();
        return page;
    }

    private static string Origin(Uri address) => address.GetLeftPart(UriPartial.Authority);

    /// <summary>Opens <paramref name="path"/> (relative to the host) in the current page.</summary>
    public async Task GotoAsync(string path = "/") => await Page.GotoAsync(path);

    /// <summary>Closes the current page and opens a new one in the same context at <paramref name="path"/>.</summary>
    public async Task ReopenAsync(string path)
    {
        if (!Page.IsClosed) await Page.CloseAsync();
        Page = await Context.NewPageAsync();
        await GotoAsync(path);
    }

    /// <summary>Fills the form, starts the research, and returns the research id once the URL carries it.</summary>
    public async Task<string> StartAsync(string question, string? reportType = null, int? maxSubQuestions = null)
    {
        await Page.Locator("#question").FillAsync(question);
        if (reportType is not null) await Page.Locator("#report-type").SelectOptionAsync(reportType);
        if (maxSubQuestions is { } max)
        {
            var input = Page.Locator("#max-sub-questions");
            var value = max.ToString(CultureInfo.InvariantCulture);
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT") await input.SelectOptionAsync(value);
            else await input.FillAsync(value);
        }
        return await SubmitAsync();
    }

    /// <summary>Fills the form for a deep research of <paramref name="breadth"/> × <paramref name="depth"/>, starts it, and returns its id.</summary>
    public async Task<string> StartDeepAsync(string question, int breadth, int depth)
    {
        await Page.Locator("#question").FillAsync(question);
        await Page.Locator("#report-type").SelectOptionAsync("deep");
        await Page.GetByLabel("Breadth").FillAsync(breadth.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Depth").FillAsync(depth.ToString(CultureInfo.InvariantCulture));
        return await SubmitAsync();
    }

    /// <summary>Submits the filled form, and returns the research id once the URL carries it.</summary>
    private async Task<string> SubmitAsync()
    {
        await Page.Locator("#start").ClickAsync();
        // The client moves to ?research=ID with history.pushState; the page's own location is waited
        // on, as Playwright's cached URL can miss a same-document navigation that raced its waiter.
        await Page.WaitForFunctionAsync("pattern => new RegExp(pattern).test(location.href)", ResearchUrl().ToString());
        return ResearchIdOf(await Page.EvaluateAsync<string>("() => location.href"));
    }

    public static string ResearchIdOf(string url) => ResearchUrl().Match(url) is { Success: true } match
        ? match.Groups["id"].Value
        : throw new InvalidOperationException($"{url} names no research.");

    /// <summary>
    /// Waits until <paramref name="condition"/> (a JavaScript function of <paramref name="argument"/>)
    /// holds in the page; past <see cref="TestTimeouts.Bound"/>, fails with what the page shows.
    /// </summary>
    public async Task WaitUntilAsync(string what, string condition, object? argument = null)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, argument, new PageWaitForFunctionOptions { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The page did not show {what} within {TestTimeouts.Bound}. It shows: {await DescribeAsync()}\n" +
                string.Join("\n", Problems));
        }
    }

    /// <summary>What the page shows, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        try
        {
            return await Page.EvaluateAsync<string>("""
                () => JSON.stringify({
                  url: location.href,
                  connection: document.querySelector('#connection-state')?.dataset.state,
                  status: document.querySelector('#status')?.dataset.status,
                  percent: document.querySelector('#progress')?.value,
                  report: document.querySelector('#report')?.dataset.ready,
                  failure: document.querySelector('#failure')?.textContent?.trim(),
                  formError: document.querySelector('#form-error')?.textContent?.trim(),
                  log: Array.from(document.querySelectorAll('#log li')).map(li => `${li.dataset.sequence}:${li.dataset.type}`).join(' '),
                  tree: Array.from(document.querySelectorAll('#research-tree li[data-branch]')).map(li => `${li.dataset.branch}:${li.dataset.state}`).join(' '),
                })
                """);
        }
        catch (PlaywrightException ex)
        {
            return $"(the page cannot be read: {ex.Message})";
        }
    }

    /// <summary>Waits until the page shows the research as ended, and returns the status it shows.</summary>
    public async Task<string> WaitForEndAsync()
    {
        await WaitUntilAsync("the research ended (#status[data-status] final)",
            "finals => finals.includes(document.querySelector('#status')?.dataset.status)", FinalStatuses);
        return (await Page.Locator("#status").GetAttributeAsync("data-status"))!;
    }

    /// <summary>Waits until the page shows the research completed (failing at once on another final status).</summary>
    public async Task WaitForCompletedAsync()
    {
        var status = await WaitForEndAsync();
        Assert.True(status == "completed",
            $"The page shows the research {status}: {await TextOfAsync("#failure")} {await TextOfAsync("#status")}");
    }

    /// <summary>Waits until <c>#connection-state</c> shows one of <paramref name="states"/>.</summary>
    public async Task WaitForConnectionAsync(params string[] states) =>
        await WaitUntilAsync($"#connection-state[data-state] in {{{string.Join(", ", states)}}}",
            "states => states.includes(document.querySelector('#connection-state')?.dataset.state)", states);

    /// <summary>Waits until the report is rendered (<c>#report[data-ready=true]</c>).</summary>
    public async Task WaitForReportAsync() =>
        await WaitUntilAsync("the report (#report[data-ready=true])", "() => document.querySelector('#report')?.dataset.ready === 'true'");

    /// <summary>Waits until the log shows at least <paramref name="count"/> rows.</summary>
    public async Task WaitForLogRowsAsync(int count) =>
        await WaitUntilAsync($"{count} or more #log rows", "n => document.querySelectorAll('#log li').length >= n", count);

    /// <summary>Waits until the last row of the log is the event numbered <paramref name="sequence"/>.</summary>
    public async Task WaitForLogThroughAsync(long sequence) =>
        await WaitUntilAsync($"event {sequence} as the last #log row",
            "n => { const rows = document.querySelectorAll('#log li'); return rows.length > 0 && rows[rows.length - 1].dataset.sequence === String(n); }",
            sequence);

    /// <summary>The log's rows, in document order.</summary>
    public async Task<IReadOnlyList<LogRow>> LogAsync()
    {
        var rows = await Page.EvaluateAsync<JsonElement>(
            "() => Array.from(document.querySelectorAll('#log li')).map(li => [li.dataset.sequence ?? null, li.dataset.type ?? null])");
        return rows.EnumerateArray().Select(row => new LogRow(row[0].GetString(), row[1].GetString())).ToList();
    }

    /// <summary>The branches of the deep research's tree, in document order.</summary>
    public async Task<IReadOnlyList<TreeBranch>> TreeAsync()
    {
        var items = await Page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('#research-tree li[data-branch]')).map(li => {
              const list = li.parentElement;
              const parent = list.id === 'research-tree' ? ''
                : list.tagName === 'OL' && list.parentElement.matches('li[data-branch]') ? list.parentElement.dataset.branch : '?';
              return [li.dataset.branch, parent, li.dataset.depth ?? null, li.dataset.state ?? null,
                li.querySelector('.branch-query')?.textContent ?? '', li.querySelector('.branch-detail')?.textContent ?? ''];
            })
            """);
        return items.EnumerateArray()
            .Select(item => new TreeBranch(item[0].GetString()!, item[1].GetString()!, item[2].GetString(), item[3].GetString(), item[4].GetString()!, item[5].GetString()!))
            .ToList();
    }

    /// <summary>
    /// Waits for the log to reach the last of <paramref name="events"/> (the whole log of an ended
    /// research, read from the API), then asserts it shows each of them exactly once, in order.
    /// </summary>
    public async Task AssertLogShowsExactlyAsync(IReadOnlyList<ProgressEvent> events)
    {
        Assert.NotEmpty(events);
        await WaitForLogThroughAsync(events[^1].Sequence);
        var rows = await LogAsync();
        var shown = string.Join(", ", rows.Select(r => $"{r.Sequence}:{r.Type}"));
        Assert.True(rows.Count == events.Count, $"The page shows {rows.Count} log rows, the API {events.Count} events: {shown}");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Sequence));
        Assert.Equal(events.Select(e => TypeName(e.Type)), rows.Select(r => r.Type));
    }

    /// <summary>The wire name of an event type, as <c>data-type</c> carries it (researchCompleted).</summary>
    public static string TypeName(ProgressEventType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>
    /// Asserts the rendered report's anatomy: an h2 "Sources" followed by a list whose items have the
    /// ids source-1..n, and at least one citation link in the body, each pointing at one of those items.
    /// Returns n.
    /// </summary>
    public async Task<int> AssertReportCitationsResolveAsync()
    {
        var anatomy = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const report = document.querySelector('#report');
              const heading = Array.from(report.querySelectorAll('h2')).find(h => h.textContent.trim() === 'Sources');
              if (!heading) return { error: 'no h2 "Sources" in #report', html: report.innerHTML.slice(0, 2000) };
              let list = heading.nextElementSibling;
              while (list && list.tagName !== 'OL' && list.tagName !== 'UL') list = list.nextElementSibling;
              if (!list) return { error: 'no list after the Sources heading', html: report.innerHTML.slice(0, 2000) };
              const ids = Array.from(list.children).filter(e => e.tagName === 'LI').map(li => li.id);
              const citations = Array.from(report.querySelectorAll('a[href^="#source-"]')).filter(a => !list.contains(a));
              const dangling = citations.map(a => a.getAttribute('href'))
                .filter(href => { const target = document.getElementById(href.slice(1)); return !target || target.parentElement !== list; });
              return { ids, citations: citations.length, dangling };
            }
            """);
        if (anatomy.TryGetProperty("error", out var error))
            Assert.Fail($"{error.GetString()}: {anatomy.GetProperty("html").GetString()}");
        var ids = anatomy.GetProperty("ids").EnumerateArray().Select(id => id.GetString()).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(n => $"source-{n}"), ids);
        Assert.True(anatomy.GetProperty("citations").GetInt32() > 0, "The report's body has no citation link a[href^=\"#source-\"].");
        Assert.Empty(anatomy.GetProperty("dangling").EnumerateArray().Select(href => href.GetString()));
        return ids.Count;
    }

    /// <summary>The value of <paramref name="attribute"/> of every element <paramref name="selector"/> matches, in document order.</summary>
    public async Task<IReadOnlyList<string?>> AttributesAsync(string selector, string attribute) =>
        await Page.Locator(selector).EvaluateAllAsync<string?[]>("(elements, name) => elements.map(e => e.getAttribute(name))", attribute);

    public async Task<string> TextOfAsync(string selector) =>
        await Page.Locator(selector).CountAsync() > 0 ? (await Page.Locator(selector).First.TextContentAsync() ?? "").Trim() : "";

    /// <summary>Every problem recorded so far, in order.</summary>
    public IReadOnlyList<PageProblem> Problems
    {
        get { lock (problems) return problems.ToList(); }
    }

    /// <summary>
    /// Asserts no page of this context reported a problem. <paramref name="expected"/> may excuse a
    /// console error the test itself provoked (a network failure while offline, an expected 404);
    /// uncaught errors and CSP violations are never excused.
    /// </summary>
    public void AssertNoProblems(Func<PageProblem, bool>? expected = null)
    {
        var unexpected = Problems.Where(p => p.Kind != PageProblem.Console || expected is null || !expected(p)).ToList();
        Assert.True(unexpected.Count == 0, "The page reported problems:\n" + string.Join("\n", unexpected));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record(new PageProblem(PageProblem.Console, message.Text, message.Location));
        };
        page.PageError += (_, error) => Record(new PageProblem(PageProblem.Uncaught, error, page.Url));
    }

    private void Record(PageProblem problem)
    {
        lock (problems) problems.Add(problem);
    }

    [GeneratedRegex(@"[?&]research=(?<id>[0-9a-f]{32})(?:&|#|$)")]
    private static partial Regex ResearchUrl();
}
