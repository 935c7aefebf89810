using Microsoft.AspNetCore.Mvc;
using Researcher.Core.Api;

namespace Researcher.LocalHost.Api;

/// <summary>The research HTTP contract's routes, each mapped to Core's <see cref="ResearchEndpoints"/> over the local engine's directory.</summary>
public static class ResearchRoutes
{
    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/research");
        api.MapPost("", (HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, CancellationToken cancellationToken) =>
            Send(endpoints.StartAsync(directory, context.Request.Body, context.Request.ContentType, cancellationToken)));
        api.MapGet("/{id}", (string id, ResearchEndpoints endpoints, IResearchDirectory directory, CancellationToken cancellationToken) =>
            Send(endpoints.GetStatusAsync(directory, id, cancellationToken)));
        api.MapGet("/{id}/events", (string id, [FromQuery] string? after, [FromQuery] string? limit,
                ResearchEndpoints endpoints, IResearchDirectory directory, CancellationToken cancellationToken) =>
            Send(endpoints.GetEventsAsync(directory, id, after, limit, cancellationToken)));
        api.MapGet("/{id}/report", (string id, ResearchEndpoints endpoints, IResearchDirectory directory, CancellationToken cancellationToken) =>
            Send(endpoints.GetReportAsync(directory, id, cancellationToken)));
        api.MapPost("/{id}/cancel", (string id, ResearchEndpoints endpoints, IResearchDirectory directory, CancellationToken cancellationToken) =>
            Send(endpoints.CancelAsync(directory, id, cancellationToken)));
        return app;
    }

    private static async Task<IResult> Send(Task<ApiAnswer> answer) => new ApiAnswerResult(await answer);
}
