using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Researcher.Core.Api;

namespace Researcher.Functions.Http;

/// <summary>
/// The research HTTP contract's routes, each mapped to Core's <see cref="ResearchEndpoints"/> over the
/// Durable client this invocation is bound to. Anonymous, because research ids are 128-bit secrets.
/// </summary>
public sealed class ResearchHttpFunctions(ResearchEndpoints endpoints)
{
    [Function("StartResearch")]
    public async Task<HttpResponseData> StartResearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "research")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.StartAsync(new DurableResearchDirectory(client), Caller.Anonymous, request.Body, ContentType(request), cancellationToken),
            cancellationToken);

    [Function("GetResearchStatus")]
    public async Task<HttpResponseData> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "research/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(await endpoints.GetStatusAsync(new DurableResearchDirectory(client), Caller.Anonymous, id, cancellationToken), cancellationToken);

    [Function("GetResearchEvents")]
    public async Task<HttpResponseData> GetEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "research/{id}/events")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.GetEventsAsync(new DurableResearchDirectory(client), Caller.Anonymous, id, request.Query["after"], request.Query["limit"], cancellationToken),
            cancellationToken);

    [Function("GetResearchReport")]
    public async Task<HttpResponseData> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "research/{id}/report")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(await endpoints.GetReportAsync(new DurableResearchDirectory(client), Caller.Anonymous, id, cancellationToken), cancellationToken);

    [Function("CancelResearch")]
    public async Task<HttpResponseData> CancelResearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "research/{id}/cancel")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(await endpoints.CancelAsync(new DurableResearchDirectory(client), Caller.Anonymous, id, cancellationToken), cancellationToken);

    private static string? ContentType(HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
}
