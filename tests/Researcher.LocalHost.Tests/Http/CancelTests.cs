using System.Net;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>Cancelling researches: a running one stops and says so; a queued one never starts; an ended one cannot be cancelled.</summary>
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

        await Server.Client.PostAsync($"/api/research/{researchId}/cancel", null);
        await Server.Endings.WaitAsync(researchId);
    }

    [Fact]
    public async Task Cancelling_a_running_research_ends_it_cancelled_with_a_final_event()
    {
        var researchId = await Server.StartHeldResearchAsync();

        var cancel = await Server.Client.PostAsync($"/api/research/{researchId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(ResearchRuntimeStatus.Cancelled, await Server.Endings.WaitAsync(researchId));
        Assert.Equal(ResearchRuntimeStatus.Cancelled, (await Server.GetStatusAsync(researchId)).Status);

        var events = await ApiJson.ReadAsync<ResearchEventsResponse>(await Server.Client.GetAsync($"/api/research/{researchId}/events"));
        Assert.Equal(Enumerable.Range(1, events.Events.Count).Select(n => (long)n), events.Events.Select(e => e.Sequence));
        Assert.Equal(ProgressEventType.ResearchStarted, events.Events[0].Type);
        Assert.Equal(ProgressEventType.ResearchCancelled, events.Events[^1].Type);

        await ApiJson.AssertProblemAsync(await Server.Client.GetAsync($"/api/research/{researchId}/report"), 409);
        await ApiJson.AssertProblemAsync(await Server.Client.PostAsync($"/api/research/{researchId}/cancel", null), 409);
    }

    [Fact]
    public async Task A_queued_research_cancelled_before_it_starts_never_runs()
    {
        await using var single = await LocalHostServer.StartAsync(Azurite, Corpus.Root,
            new Dictionary<string, string?> { ["Research:Execution:MaxConcurrentResearches"] = "1" });
        var running = await single.StartHeldResearchAsync();
        var queued = await single.StartResearchAsync(TestCorpus.Question);

        Assert.Equal(ResearchRuntimeStatus.Pending, (await single.GetStatusAsync(queued)).Status);
        await single.Client.PostAsync($"/api/research/{queued}/cancel", null);
        await single.Client.PostAsync($"/api/research/{running}/cancel", null);

        Assert.Equal(ResearchRuntimeStatus.Cancelled, await single.Endings.WaitAsync(queued));
        var events = await ApiJson.ReadAsync<ResearchEventsResponse>(await single.Client.GetAsync($"/api/research/{queued}/events"));
        Assert.Equal(ProgressEventType.ResearchCancelled, Assert.Single(events.Events).Type);
        Assert.Equal(1, events.Events[0].Sequence);
        Assert.Equal(ResearchRuntimeStatus.Cancelled, await single.Endings.WaitAsync(running));
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after()
    {
        await using var tiny = await LocalHostServer.StartAsync(Azurite, Corpus.Root, new Dictionary<string, string?>
        {
            ["Research:Execution:MaxConcurrentResearches"] = "1",
            ["Research:Execution:QueueCapacity"] = "1",
        });
        var running = await tiny.StartHeldResearchAsync();
        var queued = await tiny.StartResearchAsync($"{HeldPlans.Marker} queued");

        var refused = await tiny.Client.PostAsync("/api/research",
            new StringContent("{\"question\":\"One research too many?\"}", System.Text.Encoding.UTF8, "application/json"));

        await ApiJson.AssertProblemAsync(refused, 503);
        Assert.NotNull(refused.Headers.RetryAfter);
        await tiny.Client.PostAsync($"/api/research/{queued}/cancel", null);
        await tiny.Client.PostAsync($"/api/research/{running}/cancel", null);
        Assert.Equal(ResearchRuntimeStatus.Cancelled, await tiny.Endings.WaitAsync(running));
        Assert.Equal(ResearchRuntimeStatus.Cancelled, await tiny.Endings.WaitAsync(queued));
    }
}
