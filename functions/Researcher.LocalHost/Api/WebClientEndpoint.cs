using Microsoft.AspNetCore.Http.HttpResults;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Api;

/// <summary>Serves the web client (functions/web/index.html, copied beside the app as web/index.html) at <c>GET /</c>.</summary>
public static class WebClientEndpoint
{
    public static string IndexPath { get; } = Path.Combine(AppContext.BaseDirectory, "web", "index.html");

    public static IEndpointRouteBuilder MapWebClient(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetIndex);
        return app;
    }

    public static Results<PhysicalFileHttpResult, ApiAnswerResult> GetIndex() =>
        File.Exists(IndexPath)
            ? TypedResults.PhysicalFile(IndexPath, "text/html; charset=utf-8")
            : new ApiAnswerResult(ApiAnswer.Problem(Problem.NotFound("The web client is not installed beside the app (web/index.html).")));
}
