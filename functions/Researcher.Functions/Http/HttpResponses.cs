using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;
using Researcher.Core.Contracts;

namespace Researcher.Functions.Http;

/// <summary>
/// Writes the contract's answers: JSON with <see cref="ResearchJson.Options"/> (the worker's own
/// serializer would write PascalCase), problems as <c>application/problem+json</c>, and text.
/// </summary>
public static class HttpResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    public static async Task<HttpResponseData> JsonAsync<T>(
        HttpRequestData request, HttpStatusCode status, T value, CancellationToken cancellationToken)
    {
        var response = Create(request, status, JsonContentType);
        await JsonSerializer.SerializeAsync(response.Body, value, ResearchJson.Options, cancellationToken);
        return response;
    }

    public static async Task<HttpResponseData> ProblemAsync(HttpRequestData request, Problem problem, CancellationToken cancellationToken)
    {
        var response = Create(request, (HttpStatusCode)problem.Status, Problem.ContentType);
        await JsonSerializer.SerializeAsync(response.Body, problem, ResearchJson.Options, cancellationToken);
        return response;
    }

    public static async Task<HttpResponseData> TextAsync(
        HttpRequestData request, string text, string contentType, CancellationToken cancellationToken)
    {
        var response = Create(request, HttpStatusCode.OK, contentType);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        return response;
    }

    /// <summary>A 202 that tells the client where to look next and, when given, how long to wait.</summary>
    public static async Task<HttpResponseData> AcceptedAsync<T>(
        HttpRequestData request, string location, T value, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        var response = await JsonAsync(request, HttpStatusCode.Accepted, value, cancellationToken);
        response.Headers.Add("Location", location);
        if (retryAfterSeconds is { } seconds)
            response.Headers.Add("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private static HttpResponseData Create(HttpRequestData request, HttpStatusCode status, string contentType)
    {
        var response = request.CreateResponse();
        response.StatusCode = status;
        response.Headers.Add("Content-Type", contentType);
        return response;
    }
}
