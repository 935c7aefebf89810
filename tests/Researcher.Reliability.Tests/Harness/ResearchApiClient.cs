using System.Net.Http.Json;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// The research HTTP contract as a client uses it, against one host. Each call is bounded by
/// <see cref="Bounds.Request"/>; an unexpected answer throws with the host, the call, the research
/// and the answer in its message.
/// </summary>
public sealed class ResearchApiClient(string hostName, HttpClient http)
{
    /// <summary>Starts a research with the largest plan the contract allows; returns its id (asserting 202).</summary>
    public async Task<string> StartAsync(string question, int maxSubQuestions = 8, int maxSourcesPerSubQuestion = 10)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/research", $"POST /api/research ({question})",
            JsonContent.Create(new { question, maxSubQuestions, maxSourcesPerSubQuestion }));
        if (answer.StatusCode != 202)
            throw new ReliabilityException($"host {hostName}: POST /api/research answered {answer}, expected 202.");
        return ResearchState.Parse(answer.Body).Id;
    }

    public Task<ApiAnswer> GetStatusAnswerAsync(string researchId) =>
        SendAsync(HttpMethod.Get, $"/api/research/{researchId}", $"GET status of research {researchId}");

    /// <summary>The research's status (asserting 200).</summary>
    public async Task<ResearchState> GetStatusAsync(string researchId)
    {
        var answer = await GetStatusAnswerAsync(researchId);
        if (answer.StatusCode != 200)
            throw new ReliabilityException($"host {hostName}: GET /api/research/{researchId} answered {answer}, expected 200.");
        return ResearchState.Parse(answer.Body);
    }

    public Task<ApiAnswer> GetEventsAnswerAsync(string researchId, long after, int limit) =>
        SendAsync(HttpMethod.Get, EventsPath(researchId, after, limit), $"GET events of research {researchId}");

    /// <summary>The events after <paramref name="after"/>, at most <paramref name="limit"/> (asserting 200).</summary>
    public async Task<EventsPage> GetEventsAsync(string researchId, long after, int limit)
    {
        var answer = await GetEventsAnswerAsync(researchId, after, limit);
        if (answer.StatusCode != 200)
            throw new ReliabilityException($"host {hostName}: GET {EventsPath(researchId, after, limit)} answered {answer}, expected 200.");
        return EventsPage.Parse(answer.Body);
    }

    private static string EventsPath(string researchId, long after, int limit) => $"/api/research/{researchId}/events?after={after}&limit={limit}";

    public Task<ApiAnswer> GetReportAsync(string researchId) =>
        SendAsync(HttpMethod.Get, $"/api/research/{researchId}/report", $"GET report of research {researchId}");

    public Task<ApiAnswer> CancelAsync(string researchId) =>
        SendAsync(HttpMethod.Post, $"/api/research/{researchId}/cancel", $"POST cancel of research {researchId}");

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string what, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var timeout = new CancellationTokenSource(Bounds.Request);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter?.ToString(), body);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new ReliabilityException($"host {hostName}: {what} did not answer within {Bounds.Request}.");
        }
        catch (HttpRequestException ex)
        {
            throw new ReliabilityException($"host {hostName}: {what} failed: {ex.Message}", ex);
        }
    }
}
