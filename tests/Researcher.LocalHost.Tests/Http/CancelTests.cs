using System.Net;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>Cancelling researches: a running one stops at its next step and says so, researching nothing more; an ended one cannot be cancelled.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class CancelTests(AzuriteFixture azurite) : ServerTests(azurite)
{
    [Fact]
    public async Task A_running_research_reports_its_step_and_has_no_report_yet()
    {
        var researchId = await Server.StartHeldResearchAsync();

        var status = await Server.GetStatusAsync(researchId);
        Assert.Equal(ResearchRuntimeStatus.Running, status.Status);
        Assert.Equal("plan", status.CurrentStep);

        var report = await Server.Client.GetAsync($"/api/research/{researchId}/report");
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        Assert.NotNull(report.Headers.RetryAfter);
        Assert.Equal(ResearchRuntimeStatus.Running, (await ApiJson.ReadAsync<ResearchStatusResponse>(report)).Status);

        await Server.CancelHeldResearchAsync(researchId);
        await Server.WaitForEndAsync(researchId);
    }

    [Fact]
    public async Task Cancelling_a_running_research_ends_it_cancelled_with_a_final_event()
    {
        var researchId = await Server.StartHeldResearchAsync();

        var cancel = await Server.CancelHeldResearchAsync(researchId);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(ResearchRuntimeStatus.Cancelled, (await Server.WaitForEndAsync(researchId)).Status);

        var events = await ApiJson.ReadAsync<ResearchEventsResponse>(await Server.Client.GetAsync($"/api/research/{researchId}/events"));
        Assert.Equal(Enumerable.Range(1, events.Events.Count).Select(n => (long)n), events.Events.Select(e => e.Sequence));
        Assert.Equal(ProgressEventType.ResearchStarted, events.Events[0].Type);
        Assert.Equal(ProgressEventType.ResearchCancelled, events.Events[^1].Type);

        await ApiJson.AssertProblemAsync(await Server.Client.GetAsync($"/api/research/{researchId}/report"), 409);
        await ApiJson.AssertProblemAsync(await Server.Client.PostAsync($"/api/research/{researchId}/cancel", null), 409);
    }

    [Fact]
    public async Task A_research_cancelled_while_it_plans_researches_and_writes_nothing()
    {
        var researchId = await Server.StartHeldResearchAsync();

        await Server.CancelHeldResearchAsync(researchId);

        Assert.Equal(ResearchRuntimeStatus.Cancelled, (await Server.WaitForEndAsync(researchId)).Status);
        var events = await ApiJson.ReadAsync<ResearchEventsResponse>(await Server.Client.GetAsync($"/api/research/{researchId}/events"));
        Assert.Equal(ProgressEventType.ResearchCancelled, Assert.Single(events.Events, e => e.Type is
            ProgressEventType.ResearchCompleted or ProgressEventType.ResearchFailed or ProgressEventType.ResearchCancelled).Type);
        Assert.Equal(ProgressEventType.ResearchCancelled, events.Events[^1].Type);
        Assert.DoesNotContain(events.Events, e => e.Step is "write" || (e.Step is "research" && e.Type == ProgressEventType.StepCompleted));
    }
}
