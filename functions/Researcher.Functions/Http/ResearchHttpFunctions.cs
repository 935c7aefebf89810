using System.Globalization;
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
        var maxEvents = options.Value.MaxEventsPerPage;
        var after = request.Query["after"];
        if (!TryParseQuery(after, 0, out var afterSequence))
            return await HttpResponses.ProblemAsync(request, Problem.BadRequest(
                $"'after' must be a sequence number of 0 or more (got '{after}').",
                new Dictionary<string, string[]> { ["after"] = ["Must be an integer of 0 or more."] }), cancellationToken);
        var limit = request.Query["limit"];
        if (!TryParseQuery(limit, maxEvents, out var requestedCount) || requestedCount < 1)
            return await HttpResponses.ProblemAsync(request, Problem.BadRequest(
                $"'limit' must be a positive number of events (got '{limit}').",
                new Dictionary<string, string[]> { ["limit"] = [$"Must be an integer from 1; at most {maxEvents} are returned."] }), cancellationToken);

        var (research, problem) = await FindAsync(client, id, cancellationToken);
        if (research is null) return await HttpResponses.ProblemAsync(request, problem!, cancellationToken);

        var events = await eventLog.ReadAsync(id, afterSequence, (int)Math.Min(requestedCount, maxEvents), cancellationToken);
        var lastSequence = events.Count > 0 ? events[^1].Sequence : afterSequence;
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
                return await HttpResponses.ProblemAsync(request, Problem.Conflict(
                    $"The research is {Describe(status.Status)} and has no report." +
                    (status.Failure is { } failure ? $" {failure}" : "")), cancellationToken);
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
            return await HttpResponses.ProblemAsync(request, Problem.Conflict(
                $"The research is already {Describe(status.Status)}; only a pending or running research can be cancelled."), cancellationToken);

        // Recursive: the research's branches are sub-orchestrations and stop with it.
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Recursive: true), cancellationToken);
        return await HttpResponses.AcceptedAsync(request, status.Links.Status, status, null, cancellationToken);
    }

    /// <summary>The research orchestration with that id, or the problem to answer with: 400 for a malformed id, 404 for an unknown one.</summary>
    private static async Task<(OrchestrationMetadata? Research, Problem? Problem)> FindAsync(
        DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (!ResearchIds.IsWellFormed(id))
            return (null, Problem.BadRequest(
                $"'{Truncate(id)}' is not a research id; ids are {ResearchIds.Length} lowercase hexadecimal digits."));
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        return metadata is not null && string.Equals(metadata.Name, ResearchWorkflows.Standard, StringComparison.OrdinalIgnoreCase)
            ? (metadata, null)
            : (null, Problem.NotFound($"No research has the id {id}."));
    }

    private static string? ContentType(HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;

    private static bool TryParseQuery(string? value, long whenAbsent, out long number)
    {
        number = whenAbsent;
        return value is null || long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static string Describe(ResearchRuntimeStatus status) => status.ToString().ToLowerInvariant();

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
