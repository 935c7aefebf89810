using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Http;

/// <summary>
/// The research HTTP contract (ARCHITECTURE.md, "One HTTP contract") over Durable orchestrations:
/// a research is the Standard orchestration whose instance id is the research id. Anonymous,
/// because research ids are 128-bit secrets. Every error answer is a <see cref="Problem"/>.
/// </summary>
public sealed class ResearchHttpFunctions(
    ResearchRequestReader requestReader, IEventLog eventLog, IContentStore contentStore, IOptions<ResearchApiOptions> options)
{
    [Function("StartResearch")]
    public async Task<HttpResponseData> StartResearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "research")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var read = await requestReader.ReadAsync(request.Body, ContentType(request), cancellationToken);
        if (read.Spec is not { } spec) return await HttpResponses.ProblemAsync(request, read.Problem!, cancellationToken);

        var researchId = ResearchIds.New();
        await client.ScheduleNewOrchestrationInstanceAsync(
            ResearchWorkflows.Standard, new ResearchInput(researchId, spec), new StartOrchestrationOptions(researchId), cancellationToken);
        var links = ResearchLinks.For(researchId);
        return await HttpResponses.AcceptedAsync(
            request, links.Status, new ResearchAccepted(researchId, ResearchRuntimeStatus.Pending, links), null, cancellationToken);
    }

    [Function("GetResearchStatus")]
    public async Task<HttpResponseData> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "research/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (research, problem) = await FindAsync(client, id, cancellationToken);
        return research is null
            ? await HttpResponses.ProblemAsync(request, problem!, cancellationToken)
            : await HttpResponses.JsonAsync(request, HttpStatusCode.OK, research.ToStatusResponse(), cancellationToken);
    }

    [Function("GetResearchEvents")]
    public async Task<HttpResponseData> GetEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "research/{id}/events")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (page, invalid) = ResearchApiRules.ReadEventsPage(request.Query["after"], request.Query["limit"], options.Value.MaxEventsPerPage);
        if (page is null) return await HttpResponses.ProblemAsync(request, invalid!, cancellationToken);

        var (research, problem) = await FindAsync(client, id, cancellationToken);
        if (research is null) return await HttpResponses.ProblemAsync(request, problem!, cancellationToken);

        var events = await eventLog.ReadAsync(id, page.After, page.Count, cancellationToken);
        var lastSequence = events.Count > 0 ? events[^1].Sequence : page.After;
        return await HttpResponses.JsonAsync(request, HttpStatusCode.OK, new ResearchEventsResponse(id, events, lastSequence), cancellationToken);
    }

    [Function("GetResearchReport")]
    public async Task<HttpResponseData> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "research/{id}/report")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (research, problem) = await FindAsync(client, id, cancellationToken);
        if (research is null) return await HttpResponses.ProblemAsync(request, problem!, cancellationToken);

        var status = research.ToStatusResponse();
        switch (status.Status)
        {
            case ResearchRuntimeStatus.Completed:
                var name = ContentNames.Report(id);
                var markdown = await contentStore.GetTextAsync(name, cancellationToken)
                    ?? throw new InvalidOperationException($"Research {id} is completed but its report '{name}' is missing.");
                return await HttpResponses.TextAsync(request, markdown, HttpResponses.MarkdownContentType, cancellationToken);
            case ResearchRuntimeStatus.Failed or ResearchRuntimeStatus.Cancelled:
                return await HttpResponses.ProblemAsync(request, ResearchApiRules.NoReport(status.Status, status.Failure), cancellationToken);
            default:
                return await HttpResponses.AcceptedAsync(request, status.Links.Status, status, options.Value.RetryAfterSeconds, cancellationToken);
        }
    }

    [Function("CancelResearch")]
    public async Task<HttpResponseData> CancelResearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "research/{id}/cancel")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (research, problem) = await FindAsync(client, id, cancellationToken);
        if (research is null) return await HttpResponses.ProblemAsync(request, problem!, cancellationToken);

        var status = research.ToStatusResponse();
        if (status.Status.IsFinal())
            return await HttpResponses.ProblemAsync(request, ResearchApiRules.AlreadyEnded(status.Status), cancellationToken);

        // Recursive: the research's branches are sub-orchestrations and stop with it.
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Recursive: true), cancellationToken);
        return await HttpResponses.AcceptedAsync(request, status.Links.Status, status, null, cancellationToken);
    }

    /// <summary>The research orchestration with that id, or the problem to answer with: 400 for a malformed id, 404 for an unknown one.</summary>
    private static async Task<(OrchestrationMetadata? Research, Problem? Problem)> FindAsync(
        DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (ResearchApiRules.MalformedId(id) is { } malformed) return (null, malformed);
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        return metadata is not null && string.Equals(metadata.Name, ResearchWorkflows.Standard, StringComparison.OrdinalIgnoreCase)
            ? (metadata, null)
            : (null, ResearchApiRules.UnknownId(id));
    }

    private static string? ContentType(HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
}
