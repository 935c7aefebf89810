using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Search.Web;

/// <summary>Fakes and settings shared by the web search provider tests.</summary>
internal static class WebSearchTestSupport
{
    public const string UserAgent = "Researcher-Tests/1.0 (+tests@example.org)";

    public static IOptions<WebSearchOptions> WebSettings(IEnumerable<string>? include = null, IEnumerable<string>? exclude = null, int snippetCharacters = 300) =>
        Options.Create(new WebSearchOptions
        {
            UserAgent = UserAgent,
            IncludeDomains = [.. include ?? []],
            ExcludeDomains = [.. exclude ?? []],
            SnippetCharacters = snippetCharacters,
        });

    /// <summary>A fake API that answers every request with <paramref name="body"/>.</summary>
    public static Task<LoopbackHttpServer> Answering(string body, string contentType = "application/json") =>
        LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    /// <summary>A fake API that answers every request with <paramref name="status"/>, an error body and, when given, a Retry-After header.</summary>
    public static Task<LoopbackHttpServer> Failing(int status, string? retryAfter = null, string body = "{\"error\":\"secret-body-text\"}") =>
        LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });

    /// <summary>The query-string parameters of a recorded request, decoded.</summary>
    public static Dictionary<string, string> QueryOf(RecordedRequest request)
    {
        var query = request.PathAndQuery.Contains('?') ? request.PathAndQuery[(request.PathAndQuery.IndexOf('?') + 1)..] : "";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public static string PathOf(RecordedRequest request) =>
        request.PathAndQuery.Split('?')[0];
}
