using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.Functions.Tests.Support;

/// <summary>
/// HTTP requests and responses as the worker hands them to a function, built on mocks of the
/// worker's abstract types.
/// </summary>
internal static class HttpFakes
{
    private static readonly FunctionContext Context = NewContext();

    /// <summary>A request to <paramref name="pathAndQuery"/>, with <paramref name="headers"/> as well, whose responses are kept in memory.</summary>
    public static HttpRequestData Request(
        string method, string pathAndQuery, string? body = null, string? contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var requestHeaders = new HttpHeadersCollection();
        if (contentType is not null) requestHeaders.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers) requestHeaders.TryAddWithoutValidation(name, value);
        var request = new Mock<HttpRequestData>(Context) { CallBase = true };
        request.SetupGet(r => r.Method).Returns(method);
        request.SetupGet(r => r.Url).Returns(new Uri(new Uri("http://localhost:7071"), pathAndQuery));
        request.SetupGet(r => r.Headers).Returns(requestHeaders);
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

    /// <summary>A function context whose services hold what responses need: the same-origin <see cref="SecurityHeaders"/>.</summary>
    private static FunctionContext NewContext()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(new ServiceCollection().AddSingleton(SecurityHeaders.SameOrigin).BuildServiceProvider());
        return context.Object;
    }

    private static HttpResponseData Response()
    {
        var response = new Mock<HttpResponseData>(Context) { CallBase = true };
        response.SetupProperty(r => r.StatusCode);
        response.SetupProperty(r => r.Headers, new HttpHeadersCollection());
        response.SetupProperty(r => r.Body, new MemoryStream());
        return response.Object;
    }
}
