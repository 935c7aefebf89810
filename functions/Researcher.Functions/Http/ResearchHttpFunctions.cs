using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Researcher.Core.Api;

namespace Researcher.Functions.Http;

/// <summary>
/// The research HTTP contract's routes, each mapped to Core's <see cref="ResearchEndpoints"/> over the
/// Durable client this invocation is bound to, with the caller <see cref="AppServiceCallers"/> reads.
/// Anonymous at the Functions level: without an identity research ids are 128-bit secrets, and with
/// one Core checks the caller. host.json's route prefix is empty (the web client is served at
/// <c>/</c>), so every API route names its <c>api/</c>.
/// </summary>
public sealed class ResearchHttpFunctions(ResearchEndpoints endpoints, AppServiceCallers callers)
{
    [Function("StartResearch")]
    public async Task<HttpResponseData> StartResearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/research")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.StartAsync(new DurableResearchDirectory(client), callers.From(request), request.Body, request.ContentType(), cancellationToken),
            cancellationToken);

    [Function("GetResearchStatus")]
    public async Task<HttpResponseData> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/research/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.GetStatusAsync(new DurableResearchDirectory(client), callers.From(request), id, cancellationToken), cancellationToken);

    [Function("GetResearchEvents")]
    public async Task<HttpResponseData> GetEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/research/{id}/events")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.GetEventsAsync(
                new DurableResearchDirectory(client), callers.From(request), id, request.Query["after"], request.Query["limit"], cancellationToken),
            cancellationToken);

    [Function("GetResearchReport")]
    public async Task<HttpResponseData> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/research/{id}/report")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.GetReportAsync(new DurableResearchDirectory(client), callers.From(request), id, cancellationToken), cancellationToken);

    [Function("CancelResearch")]
    public async Task<HttpResponseData> CancelResearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/research/{id}/cancel")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await request.SendAsync(
            await endpoints.CancelAsync(new DurableResearchDirectory(client), callers.From(request), id, cancellationToken), cancellationToken);
}
