using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;
using Researcher.Core.Contracts;

namespace Researcher.Functions.Tests.Support;

/// <summary>
/// HTTP requests and responses as the worker hands them to a function, built on mocks of the
/// worker's abstract types so the same tests run against the real packages and the facade.
/// </summary>
internal static class HttpFakes
{
    private static readonly FunctionContext Context = new Mock<FunctionContext>().Object;

    /// <summary>A request to <paramref name="pathAndQuery"/> whose responses are kept in memory.</summary>
    public static HttpRequestData Request(string method, string pathAndQuery, string? body = null, string? contentType = "application/json")
    {
        var headers = new HttpHeadersCollection();
        if (contentType is not null) headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new Mock<HttpRequestData>(Context) { CallBase = true };
        request.SetupGet(r => r.Method).Returns(method);
        request.SetupGet(r => r.Url).Returns(new Uri(new Uri("http://localhost:7071"), pathAndQuery));
        request.SetupGet(r => r.Headers).Returns(headers);
        request.SetupGet(r => r.Body).Returns(new MemoryStream(Encoding.UTF8.GetBytes(body ?? "")));
        request.Setup(r => r.CreateResponse()).Returns(Response);
        return request.Object;
    }

    /// <summary>The body of <paramref name="response"/> as text.</summary>
    public static string BodyText(HttpResponseData response)
    {
        response.Body.Position = 0;
        return new StreamReader(response.Body, Encoding.UTF8).ReadToEnd();
    }

    /// <summary>The body of <paramref name="response"/> read with the contract's JSON options.</summary>
    public static T BodyJson<T>(HttpResponseData response) =>
        JsonSerializer.Deserialize<T>(BodyText(response), ResearchJson.Options)!;

    /// <summary>The single value of header <paramref name="name"/>, or null.</summary>
    public static string? Header(HttpResponseData response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static HttpResponseData Response()
    {
        var response = new Mock<HttpResponseData>(Context) { CallBase = true };
        response.SetupProperty(r => r.StatusCode);
        response.SetupProperty(r => r.Headers, new HttpHeadersCollection());
        response.SetupProperty(r => r.Body, new MemoryStream());
        return response.Object;
    }
}
