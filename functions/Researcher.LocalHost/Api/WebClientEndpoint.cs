using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Api;

/// <summary>
/// Serves the web client (functions/web and its npm libraries, copied beside the app under web/ by
/// eng/WebClient.targets): <c>GET /</c> is index.html, and the client's own files are served as they
/// are. Nothing outside web/ is reachable.
/// </summary>
public static class WebClientEndpoint
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "web");

    public static string IndexPath { get; } = Path.Combine(Folder, "index.html");

    public static WebApplication UseWebClient(this WebApplication app)
    {
        if (Directory.Exists(Folder))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Folder) });
        app.MapGet("/", GetIndex);
        return app;
    }

    public static Results<PhysicalFileHttpResult, ApiAnswerResult> GetIndex() =>
        File.Exists(IndexPath)
            ? TypedResults.PhysicalFile(IndexPath, "text/html; charset=utf-8")
            : new ApiAnswerResult(ApiAnswer.Problem(Problem.NotFound("The web client is not installed beside the app (web/index.html).")));
}
