using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.EndToEnd.Tests.Support;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;
using Xunit.Abstractions;

namespace Researcher.EndToEnd.Tests;

/// <summary>
/// A deep research in the web client: the form asks for its breadth and depth, and the page draws its
/// tree of branches from the log, each branch nested under its parent, the same live and after a reload.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class DeepResearchPageTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTests(azurite, chromium, output), IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_deep_option_asks_for_breadth_and_depth_instead_of_sub_questions_and_sends_only_those()
    {
        var browser = await OpenPageAsync();
        await browser.GotoAsync("/");
        var page = browser.Page;

        Assert.True(await page.Locator("#max-sub-questions").IsEnabledAsync());
        Assert.False(await page.Locator("#breadth").IsVisibleAsync());
        Assert.False(await page.Locator("#depth").IsVisibleAsync());

        await page.Locator("#report-type").SelectOptionAsync("deep");
        Assert.False(await page.Locator("#max-sub-questions").IsVisibleAsync());
        Assert.True(await page.Locator("#max-sub-questions").IsDisabledAsync());
        Assert.True(await page.GetByLabel("Breadth").IsEnabledAsync());
        Assert.True(await page.GetByLabel("Depth").IsEnabledAsync());
        Assert.Equal("4", await page.Locator("#breadth").InputValueAsync());
        Assert.Equal("2", await page.Locator("#depth").InputValueAsync());

        await page.Locator("#report-type").SelectOptionAsync("research_report");
        Assert.True(await page.Locator("#max-sub-questions").IsEnabledAsync());
        Assert.False(await page.Locator("#breadth").IsVisibleAsync());

        var researchId = "";
        var posted = await page.RunAndWaitForRequestAsync(
            async () => researchId = await browser.StartDeepAsync(TestCorpus.Question, breadth: 3, depth: 1),
            request => request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/api/research");
        var body = posted.PostDataJSON()!.Value;
        Assert.Equal("deep", body.GetProperty("reportType").GetString());
        Assert.Equal(3, body.GetProperty("breadth").GetInt32());
        Assert.Equal(1, body.GetProperty("depth").GetInt32());
        Assert.False(body.TryGetProperty("maxSubQuestions", out _), body.ToString());
        Assert.False(body.TryGetProperty("sourceUrls", out _), body.ToString());

        // The research is shown as a tree from the start, before any of its events.
        Assert.True(await page.Locator("#tree-panel").IsVisibleAsync());
        Assert.False(await page.Locator("#sub-questions-panel").IsVisibleAsync());
        Assert.Equal("deep", (await ResearchApi.StatusAsync(Server.Client, researchId)).ReportType);
        await browser.WaitForCompletedAsync();

        // A new research starts from the form's defaults: a research report, with its sub-question count.
        await page.Locator("#new-research").ClickAsync();
        Assert.Equal("research_report", await page.Locator("#report-type").InputValueAsync());
        Assert.True(await page.Locator("#max-sub-questions").IsEnabledAsync());
        Assert.False(await page.Locator("#breadth").IsVisibleAsync());
        browser.AssertNoProblems();
    }

    [Fact]
    public async Task A_deep_research_started_in_the_form_draws_every_branch_under_its_parent_and_ends_in_a_cited_report()
    {
        var browser = await OpenPageAsync();
        await browser.GotoAsync("/");

        // The test corpus answers this question with a tree two levels deep.
        var researchId = await browser.StartDeepAsync(TestCorpus.Question, breadth: 2, depth: 2);

        await browser.WaitForCompletedAsync();
        await browser.WaitForReportAsync();
        var events = await ResearchApi.EventsAsync(Server.Client, researchId);
        await browser.AssertLogShowsExactlyAsync(events);
        var tree = await AssertTreeShowsAsync(browser, events);
        Assert.All(tree, branch => Assert.InRange(int.Parse(branch.Depth!, System.Globalization.CultureInfo.InvariantCulture), 1, 2));
        Assert.InRange(tree.Count(branch => branch.Parent == ""), 1, 2);
        Assert.Contains(tree, branch => branch.Parent != "");

        var announced = events.Where(e => e.Type == ProgressEventType.SourceFound).Select(e => e.Data!["location"]).Distinct().Order().ToList();
        Assert.NotEmpty(announced);
        Assert.Equal(announced, (await browser.AttributesAsync("#sources li[data-location]", "data-location")).Order());
        await browser.AssertReportCitationsResolveAsync();
        browser.AssertNoProblems();
    }

    [Fact]
    public async Task A_deep_research_reloaded_mid_research_and_after_it_ended_draws_the_same_tree_from_the_log()
    {
        // One top-level query, which the test corpus follows up: a tree two levels deep.
        var (browser, question, researchId) = await StartHeldResearchAsync((page, held) => page.StartDeepAsync(held, breadth: 1, depth: 2));

        // Reloaded while held in its plan step: the page knows the research is deep before any branch.
        await browser.Page.ReloadAsync();
        await browser.WaitForLogRowsAsync(1);
        Assert.True(await browser.Page.Locator("#tree-panel").IsVisibleAsync());
        Assert.False(await browser.Page.Locator("#sub-questions-panel").IsVisibleAsync());
        await browser.WaitForConnectionAsync("live");
        HeldPlans.Release(question);
        await browser.WaitForCompletedAsync();
        var events = await ResearchApi.EventsAsync(Server.Client, researchId);
        await browser.AssertLogShowsExactlyAsync(events);
        var drawnLive = await AssertTreeShowsAsync(browser, events);
        Assert.Contains(drawnLive, branch => branch.Parent != "");

        // Reloaded after the end: the whole tree again, from the replayed log alone.
        await browser.Page.ReloadAsync();
        await browser.AssertLogShowsExactlyAsync(events);
        Assert.Equal(drawnLive, await AssertTreeShowsAsync(browser, events));
        await browser.WaitForReportAsync();
        await browser.AssertReportCitationsResolveAsync();
        browser.AssertNoProblems();
    }

    /// <summary>
    /// Asserts the page's tree holds exactly one item per branch the log started, nested under its
    /// parent's item, at its depth, showing its query, in the state its last event says (done with its
    /// counts, or failed with the gap it leaves). Returns the tree.
    /// </summary>
    private static async Task<IReadOnlyList<TreeBranch>> AssertTreeShowsAsync(ResearchPage browser, IReadOnlyList<ProgressEvent> events)
    {
        var started = events.Where(e => e.Type == ProgressEventType.BranchStarted).Select(e => e.Data!).ToList();
        Assert.NotEmpty(started);
        var ended = events.Where(e => e.Type is ProgressEventType.BranchCompleted or ProgressEventType.BranchFailed)
            .ToDictionary(e => e.Data!["branch"]);
        var tree = await browser.TreeAsync();
        var shown = string.Join(", ", tree.Select(branch => $"{branch.Path} under '{branch.Parent}' ({branch.State})"));

        Assert.True(started.Select(data => data["branch"]).Order().SequenceEqual(tree.Select(branch => branch.Path).Order()),
            $"The log started {string.Join(", ", started.Select(data => data["branch"]))}; the tree shows {shown}.");
        foreach (var data in started)
        {
            var branch = tree.Single(item => item.Path == data["branch"]);
            Assert.True(data["parent"] == branch.Parent, $"Branch {branch.Path} belongs under '{data["parent"]}'; the tree shows {shown}.");
            Assert.Equal(data["depth"], branch.Depth);
            Assert.Equal(data["query"].Trim(), branch.Query);
            Assert.True(ended.TryGetValue(branch.Path, out var end), $"The log never ended branch {branch.Path}.");
            if (end.Type == ProgressEventType.BranchCompleted)
            {
                Assert.Equal("done", branch.State);
                Assert.Contains(Counted(end.Data!["learnings"], "learning"), branch.Detail);
                Assert.Contains(Counted(end.Data!["sources"], "source"), branch.Detail);
            }
            else
            {
                Assert.Equal("failed", branch.State);
                Assert.Equal(end.Message, branch.Detail);
            }
        }
        return tree;
    }

    private static string Counted(string count, string noun) => count == "1" ? $"1 {noun}" : $"{count} {noun}s";
}
