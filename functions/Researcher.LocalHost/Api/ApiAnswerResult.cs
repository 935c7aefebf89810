using System.Globalization;
using System.Text.Json;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Api;

/// <summary>Sends Core's <see cref="ApiAnswer"/> as the response: its status, headers and body, JSON written with <see cref="ResearchJson.Options"/>.</summary>
public sealed class ApiAnswerResult(ApiAnswer answer) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public ApiAnswer Answer => answer;

    public int? StatusCode => answer.Status;

    public string ContentType => answer.ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        if (answer.Location is { } location)
            response.Headers.Location = location;
        if (answer.Status == StatusCodes.Status401Unauthorized)
            response.Headers.WWWAuthenticate = "Bearer";
        if (answer.RetryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        if (answer.Text is { } text)
            await response.WriteAsync(text, httpContext.RequestAborted);
        else if (answer.Json is { } json)
            await JsonSerializer.SerializeAsync(response.Body, json, json.GetType(), ResearchJson.Options, httpContext.RequestAborted);
    }
}
