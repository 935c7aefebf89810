using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.EndToEnd.Tests.Support;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;
using Xunit.Abstractions;

namespace Researcher.EndToEnd.Tests;

/// <summary>
/// The web client from the form to the report, and what it shows after a reload or in a tab opened
/// later: always the research's whole log, each event once and in order, as the API holds it.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ResearchPageTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTests(azurite, chromium, output), IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_question_asked_in_the_form_ends_in_a_cited_report_and_the_whole_log_once()
    {
        var browser = await OpenPageAsync();
        await browser.GotoAsync("/");

        var researchId = await browser.StartAsync(TestCorpus.FourSubQuestionsQuestion, reportType: "research_report", maxSubQuestions: 3);

        Assert.Equal(researchId, await browser.Page.Locator("body").GetAttributeAsync("data-research-id"));
        await browser.WaitForCompletedAsync();
        await browser.WaitForReportAsync();
        var status = await ResearchApi.StatusAsync(Server.Client, researchId);
        Assert.Equal(ResearchRuntimeStatus.Completed, status.Status);
        Assert.Equal(TestCorpus.FourSubQuestionsQuestion, status.Question);
        Assert.Equal("research_report", status.ReportType);

        var events = await ResearchApi.EventsAsync(Server.Client, researchId);
        await browser.AssertLogShowsExactlyAsync(events);
        Assert.Equal(ResearchPage.TypeName(ProgressEventType.ResearchCompleted), (await browser.LogAsync())[^1].Type);
        await browser.AssertReportCitationsResolveAsync();

        // The plan the form asked for (three sub-questions), each shown done; every source the log announced, listed.
        var planned = events.Single(e => e.Type == ProgressEventType.StepCompleted && e.Step == "plan").Data!.Keys.Order().ToList();
        Assert.Equal(3, planned.Count);
        Assert.Equal(planned, (await browser.AttributesAsync("#sub-questions li[data-key]", "data-key")).Order());
        Assert.All(await browser.AttributesAsync("#sub-questions li[data-key]", "data-state"), state => Assert.Equal("done", state));
        var announced = events.Where(e => e.Type == ProgressEventType.SourceFound).Select(e => e.Data!["location"]).Order().ToList();
        Assert.NotEmpty(announced);
        Assert.Equal(announced, (await browser.AttributesAsync("#sources li[data-location]", "data-location")).Order());
        Assert.Equal("100", await browser.Page.Locator("#progress").EvaluateAsync<string>("p => String(p.value)"));
        Assert.Contains("100", await browser.TextOfAsync("#percent"));
        browser.AssertNoProblems();
    }

    [Fact]
    public async Task A_reload_mid_research_restores_the_view_and_the_log_stays_whole_and_unique()
    {
        var (browser, question, researchId) = await StartHeldResearchAsync();

        await browser.Page.ReloadAsync();

        // The reloaded page finds the research from its URL and shows what was recorded before the reload.
        Assert.Equal(researchId, ResearchPage.ResearchIdOf(browser.Page.Url));
        await browser.WaitForLogRowsAsync(1);
        Assert.Equal(researchId, await browser.Page.Locator("body").GetAttributeAsync("data-research-id"));
        await browser.WaitForConnectionAsync("live");
        HeldPlans.Release(question);
        await browser.WaitForCompletedAsync();
        await browser.WaitForReportAsync();

        await browser.AssertLogShowsExactlyAsync(await ResearchApi.EventsAsync(Server.Client, researchId));
        await browser.AssertReportCitationsResolveAsync();
        browser.AssertNoProblems();
    }

    [Fact]
    public async Task A_tab_closed_mid_research_and_its_link_opened_later_shows_the_finished_report_and_the_whole_log()
    {
        var (browser, question, researchId) = await StartHeldResearchAsync();

        await browser.Page.CloseAsync();
        HeldPlans.Release(question);
        var ended = await Server.WaitForEndAsync(researchId);
        Assert.Equal(ResearchRuntimeStatus.Completed, ended.Status);

        await browser.ReopenAsync($"/?research={researchId}");
        await browser.WaitForCompletedAsync();
        await browser.WaitForReportAsync();
        await browser.AssertLogShowsExactlyAsync(await ResearchApi.EventsAsync(Server.Client, researchId));
        await browser.AssertReportCitationsResolveAsync();
        Assert.NotEmpty(await browser.AttributesAsync("#sources li[data-location]", "data-location"));
        browser.AssertNoProblems();
    }
}
