using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Researcher.Core.Api;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Functions.Http;

/// <summary>
/// The live-progress pair of the HTTP contract on Azure SignalR Service (serverless): negotiate hands
/// the browser the service's URL and an access token, and subscribe adds its connection to a
/// research's group once Core allowed it. The service owns every connection; the app only issues
/// tokens and group actions.
/// </summary>
public sealed class LiveProgressHttpFunctions(ResearchEndpoints endpoints, AppServiceCallers callers)
{
    /// <summary>The binding expression of the token's user id: the platform's principal id, trusted only under App Service Authentication.</summary>
    public const string TokenUserId = "{headers.x-ms-client-principal-id}";

    /// <summary>
    /// <c>POST /api/negotiate</c>: <c>{ url, accessToken }</c> (camelCase, as the binding gives it and the
    /// JS client reads it). The token's user id comes only from a verified identity: with no identity
    /// configured, a request carrying a principal id header (which only the client could have set) is
    /// refused with 400; with App Service Authentication, a request without a signed-in user gets 401.
    /// </summary>
    [Function("Negotiate")]
    public async Task<HttpResponseData> NegotiateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/negotiate")] HttpRequestData request,
        [SignalRConnectionInfoInput(HubName = LiveProgress.HubName, UserId = TokenUserId)] string connectionInfo,
        CancellationToken cancellationToken)
    {
        if (!callers.IdentityConfigured && AppServiceCallers.CarriesPrincipalId(request))
            return await request.SendAsync(ApiAnswer.Problem(ForgedPrincipal()), cancellationToken);
        if (ResearchEndpoints.SignInRequired(callers.From(request)) is { } refused)
            return await request.SendAsync(refused, cancellationToken);
        return await request.SendAsync(new ApiAnswer(200, null, connectionInfo, ApiAnswer.JsonContentType), cancellationToken);
    }

    /// <summary>
    /// <c>POST /api/research/{id}/subscribe</c> with <c>{"connectionId": "..."}</c>: Core's answer, plus the
    /// group action that adds the connection to the research's group, only when Core allowed it.
    /// </summary>
    [Function("SubscribeResearch")]
    public async Task<SubscribeResearchOutput> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/research/{id}/subscribe")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (answer, subscription) = await endpoints.SubscribeAsync(
            new DurableResearchDirectory(client), callers.From(request), id, request.Body, request.ContentType(), cancellationToken);
        var groupAction = subscription is null ? null : new SignalRGroupAction(SignalRGroupActionType.Add)
        {
            ConnectionId = subscription.ConnectionId,
            GroupName = subscription.GroupName,
        };
        return new SubscribeResearchOutput(await request.SendAsync(answer, cancellationToken), groupAction);
    }

    private static Problem ForgedPrincipal() => Problem.BadRequest(
        $"The {AppServiceCallers.PrincipalIdHeader} header is set by App Service Authentication, which this app does not use; a request must not send it.");
}

/// <summary>What <c>SubscribeResearch</c> returns: the HTTP answer, and the group action when the subscription was allowed (a null one sends nothing).</summary>
public sealed class SubscribeResearchOutput(HttpResponseData response, SignalRGroupAction? groupAction)
{
    [HttpResult]
    public HttpResponseData Response { get; } = response;

    [SignalROutput(HubName = LiveProgress.HubName)]
    public SignalRGroupAction? GroupAction { get; } = groupAction;
}
