using System.Net;
using System.Net.Http.Json;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>A research from POST to report, over real HTTP against the real host and Azurite.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ResearchLifecycleTests(AzuriteFixture azurite) : ServerTests(azurite)
{
    [Fact]
    public async Task A_research_is_accepted_with_its_links_and_a_location()
    {
        var response = await Server.Client.PostAsJsonAsync("/api/research", new { question = TestCorpus.Question, reportType = "research_report" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await ApiJson.ReadAsync<ResearchAccepted>(response);
        Assert.True(ResearchIds.IsWellFormed(accepted.Id));
        Assert.Equal(ResearchLinks.For(accepted.Id), accepted.Links);
        Assert.Equal($"/api/research/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Contains("\"status\":\"pending\"", await response.Content.ReadAsStringAsync());
        await Server.WaitForEndAsync(accepted.Id);
    }

    [Fact]
    public async Task A_research_completes_with_a_markdown_report_whose_citations_resolve_to_the_corpus()
    {
        var researchId = await Server.StartResearchAsync(TestCorpus.Question);

        var status = await Server.WaitForEndAsync(researchId);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        Assert.Equal(100, status.Percent);
        Assert.Equal(TestCorpus.Question, status.Question);
        Assert.Equal("research_report", status.ReportType);

        var report = await Server.Client.GetAsync($"/api/research/{researchId}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/markdown", report.Content.Headers.ContentType?.MediaType);
        ReportCitations.AssertResolve(await report.Content.ReadAsStringAsync(), Corpus);
    }

    [Fact]
    public async Task Events_come_back_in_order_from_one_without_gaps_and_page_with_after()
    {
        var researchId = await Server.StartResearchAsync(TestCorpus.Question);
        await Server.WaitForEndAsync(researchId);

        var all = await ApiJson.ReadAsync<ResearchEventsResponse>(await Server.Client.GetAsync($"/api/research/{researchId}/events"));
        Assert.Equal(Enumerable.Range(1, all.Events.Count).Select(n => (long)n), all.Events.Select(e => e.Sequence));
        Assert.Equal(ProgressEventType.ResearchStarted, all.Events[0].Type);
        Assert.Equal(ProgressEventType.ResearchCompleted, all.Events[^1].Type);
        Assert.Equal(all.Events[^1].Sequence, all.LastSequence);

        var paged = new List<ProgressEvent>();
        long after = 0;
        for (var page = 0; page <= all.Events.Count; page++)
        {
            var response = await ApiJson.ReadAsync<ResearchEventsResponse>(
                await Server.Client.GetAsync($"/api/research/{researchId}/events?after={after}&limit=3"));
            if (response.Events.Count == 0)
            {
                Assert.Equal(after, response.LastSequence);
                break;
            }
            Assert.True(response.Events.Count <= 3);
            paged.AddRange(response.Events);
            after = response.LastSequence;
        }
        Assert.Equal(all.Events.Select(e => (e.Sequence, e.Type, e.Message)), paged.Select(e => (e.Sequence, e.Type, e.Message)));
    }

    [Fact]
    public async Task A_limit_above_the_page_cap_is_capped()
    {
        await using var capped = await LocalHostServer.StartAsync(Azurite, Corpus.Root,
            new Dictionary<string, string?> { ["Research:Api:MaxEventsPerPage"] = "2" });
        var researchId = await capped.StartResearchAsync(TestCorpus.Question);
        await capped.WaitForEndAsync(researchId);

        var page = await ApiJson.ReadAsync<ResearchEventsResponse>(
            await capped.Client.GetAsync($"/api/research/{researchId}/events?after=0&limit=1000"));

        Assert.Equal([1L, 2L], page.Events.Select(e => e.Sequence));
        Assert.Equal(2, page.LastSequence);
    }
}
