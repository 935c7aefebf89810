using System.Net.Http.Headers;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;

namespace Researcher.EndToEnd.Tests.Support;

/// <summary>The research API as a test reads it back, with an optional bearer token.</summary>
internal static class ResearchApi
{
    /// <summary>The whole event log of a research, every page of it, in order.</summary>
    public static async Task<IReadOnlyList<ProgressEvent>> EventsAsync(HttpClient client, string researchId, string? token = null)
    {
        var events = new List<ProgressEvent>();
        long after = 0;
        while (true)
        {
            var response = await client.SendAsync(Request(HttpMethod.Get, $"/api/research/{researchId}/events?after={after}", token));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var page = await ApiJson.ReadAsync<ResearchEventsResponse>(response);
            if (page.Events.Count == 0) return events;
            events.AddRange(page.Events);
            after = page.LastSequence;
        }
    }

    public static async Task<ResearchStatusResponse> StatusAsync(HttpClient client, string researchId, string? token = null)
    {
        var response = await client.SendAsync(Request(HttpMethod.Get, $"/api/research/{researchId}", token));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await ApiJson.ReadAsync<ResearchStatusResponse>(response);
    }

    public static async Task<string> ReportAsync(HttpClient client, string researchId, string? token = null)
    {
        var response = await client.SendAsync(Request(HttpMethod.Get, $"/api/research/{researchId}/report", token));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
