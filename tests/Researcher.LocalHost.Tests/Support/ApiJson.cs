using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>Reads the API's JSON as a client would: camelCase, enums as camelCase strings.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Options)
        ?? throw new InvalidOperationException($"The response body is not a {typeof(T).Name}.");

    /// <summary>Asserts the response is a JSON problem with the given status, and returns it.</summary>
    public static async Task<Problem> AssertProblemAsync(HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(Problem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body);
        var problem = JsonSerializer.Deserialize<Problem>(body, Options)!;
        Assert.Equal(expectedStatus, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }
}
