using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.Functions.Http;

/// <summary>
/// Sends Core's <see cref="ApiAnswer"/> as the worker's response: JSON with <see cref="ResearchJson.Options"/>
/// (the worker's own serializer would write PascalCase), text as given, and the contract's headers.
/// Every response is created through <see cref="NewResponse"/>, so each carries the <see cref="SecurityHeaders"/>
/// the app registered (<see cref="Hosting.FunctionsServiceCollectionExtensions.AddFunctionsHost"/>).
/// </summary>
public static class HttpResponses
{
    public static async Task<HttpResponseData> SendAsync(this HttpRequestData request, ApiAnswer answer, CancellationToken cancellationToken)
    {
        var response = request.NewResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        if (answer.Location is { } location)
            response.Headers.Add("Location", location);
        if (answer.RetryAfterSeconds is { } seconds)
            response.Headers.Add("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));

        if (answer.Text is { } text)
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        else if (answer.Json is { } json)
            await JsonSerializer.SerializeAsync(response.Body, json, json.GetType(), ResearchJson.Options, cancellationToken);
        return response;
    }

    /// <summary>An empty response with <paramref name="status"/> and the security headers.</summary>
    public static HttpResponseData NewResponse(this HttpRequestData request, HttpStatusCode status)
    {
        var response = request.CreateResponse();
        response.StatusCode = status;
        foreach (var (name, value) in request.FunctionContext.InstanceServices.GetRequiredService<SecurityHeaders>().All)
            response.Headers.Add(name, value);
        return response;
    }

    /// <summary>The request's Content-Type, or null.</summary>
    public static string? ContentType(this HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
}
