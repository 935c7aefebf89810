using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.Functions.Http;

/// <summary>
/// Serves the web client: <c>GET /</c> is index.html, <c>GET /app.js</c>, <c>/lib/...</c> and the like are
/// the client's files (<see cref="WebClientFiles"/>). Anything else is a 404 problem. Its catch-all route
/// ranks below every literal <c>api/</c> route, and the host answers <c>/</c> with its own page only when
/// no function did.
/// </summary>
public sealed class WebClientFunction(WebClientFiles files)
{
    [Function("WebClient")]
    public async Task<HttpResponseData> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequestData request,
        string? path,
        CancellationToken cancellationToken)
    {
        if (files.Find(path) is not { } file)
            return await request.SendAsync(ApiAnswer.Problem(Problem.NotFound("The web client has no such file.")), cancellationToken);

        var response = request.NewResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", file.ContentType);
        response.Headers.Add("Cache-Control", "no-cache");
        await using var content = File.OpenRead(file.Path);
        await content.CopyToAsync(response.Body, cancellationToken);
        return response;
    }
}
