using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Researcher.Core.Api;
using Researcher.LocalHost.Live;

namespace Researcher.LocalHost.Api;

/// <summary>
/// The research HTTP contract's routes, each mapped to Core's <see cref="ResearchEndpoints"/> over the
/// local engine's directory with the caller the request carries, plus the live-progress pair: negotiate
/// (a token for the local hub, in Azure SignalR Service's serverless shape) and subscribe (a connection
/// joins a research's group once Core allowed it).
/// </summary>
public static class ResearchRoutes
{
    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/research");
        api.MapPost("", async (HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, LocalCallers callers) =>
            Send(await endpoints.StartAsync(directory, await callers.ResolveAsync(context), context.Request.Body, context.Request.ContentType, context.RequestAborted)));
        api.MapGet("/{id}", async (string id, HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, LocalCallers callers) =>
            Send(await endpoints.GetStatusAsync(directory, await callers.ResolveAsync(context), id, context.RequestAborted)));
        api.MapGet("/{id}/events", async (string id, [FromQuery] string? after, [FromQuery] string? limit,
                HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, LocalCallers callers) =>
            Send(await endpoints.GetEventsAsync(directory, await callers.ResolveAsync(context), id, after, limit, context.RequestAborted)));
        api.MapGet("/{id}/report", async (string id, HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, LocalCallers callers) =>
            Send(await endpoints.GetReportAsync(directory, await callers.ResolveAsync(context), id, context.RequestAborted)));
        api.MapPost("/{id}/cancel", async (string id, HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, LocalCallers callers) =>
            Send(await endpoints.CancelAsync(directory, await callers.ResolveAsync(context), id, context.RequestAborted)));
        api.MapPost("/{id}/subscribe", SubscribeAsync);
        app.MapPost("/api/negotiate", NegotiateAsync);
        return app;
    }

    /// <summary><c>POST /api/negotiate</c>: where the hub is and a token for it (<c>{ url, accessToken }</c>), which the JS client follows.</summary>
    private static async Task<IResult> NegotiateAsync(HttpContext context, LocalCallers callers, HubTokens tokens)
    {
        var caller = await callers.ResolveAsync(context);
        if (ResearchEndpoints.SignInRequired(caller) is { } refused) return Send(refused);
        var request = context.Request;
        var hubUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{ResearchHub.Path}";
        return Send(ApiAnswer.Ok(new NegotiateResponse(hubUrl, tokens.Issue(caller))));
    }

    /// <summary><c>POST /api/research/{id}/subscribe</c>: Core decides; an allowed connection joins the research's group before the answer goes.</summary>
    private static async Task<IResult> SubscribeAsync(
        string id, HttpContext context, ResearchEndpoints endpoints, IResearchDirectory directory, LocalCallers callers, IHubContext<ResearchHub> hub)
    {
        var (answer, subscription) = await endpoints.SubscribeAsync(
            directory, await callers.ResolveAsync(context), id, context.Request.Body, context.Request.ContentType, context.RequestAborted);
        if (subscription is not null)
            await hub.Groups.AddToGroupAsync(subscription.ConnectionId, subscription.GroupName, context.RequestAborted);
        return Send(answer);
    }

    private static ApiAnswerResult Send(ApiAnswer answer) => new(answer);
}

/// <summary>The answer to <c>POST /api/negotiate</c>, in the shape of Azure SignalR Service's serverless negotiate.</summary>
public sealed record NegotiateResponse(string Url, string AccessToken);
