using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Benchmarks.Infrastructure;

/// <summary>What <c>GET /api/research/{id}</c> said (the fields the benchmark uses).</summary>
public sealed record StatusAnswer(string Status, int Percent, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, string? Failure)
{
    public bool IsFinal => Status is "completed" or "failed" or "cancelled";

    /// <summary>createdAt to updatedAt: the engine's own record of how long the research ran.</summary>
    public TimeSpan ServerDuration => (UpdatedAt ?? CreatedAt) - CreatedAt;
}

/// <summary>The research HTTP contract as the benchmark uses it, against one host.</summary>
public sealed class ResearchApi(HttpClient http)
{
    public Task<string> StartAsync(string question, int? maxSubQuestions = null, int? maxSourcesPerSubQuestion = null, CancellationToken cancellationToken = default) =>
        StartAsync(new ResearchRequest(question, MaxSubQuestions: maxSubQuestions, MaxSourcesPerSubQuestion: maxSourcesPerSubQuestion), cancellationToken);

    /// <summary>POSTs <paramref name="request"/> (its null fields left out) and returns the new research's id.</summary>
    public async Task<string> StartAsync(ResearchRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("/api/research", request, ResearchJson.Options, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"POST /api/research answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The status, or null while the host cannot answer it (not listening yet, 503).</summary>
    public async Task<StatusAnswer?> TryGetStatusAsync(string researchId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync($"/api/research/{researchId}", cancellationToken);
            if ((int)response.StatusCode != 200) return null;
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = document.RootElement;
            return new StatusAnswer(
                root.GetProperty("status").GetString()!,
                root.TryGetProperty("percent", out var percent) ? percent.GetInt32() : 0,
                root.GetProperty("createdAt").GetDateTimeOffset(),
                root.TryGetProperty("updatedAt", out var updated) && updated.ValueKind == JsonValueKind.String ? updated.GetDateTimeOffset() : null,
                root.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.String ? failure.GetString() : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The whole status as the contract defines it (spending included).</summary>
    public async Task<ResearchStatusResponse> GetStatusResponseAsync(string researchId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ResearchStatusResponse>($"/api/research/{researchId}", ResearchJson.Options, cancellationToken)
        ?? throw new InvalidOperationException($"GET /api/research/{researchId} answered no status.");

    /// <summary>Every event the research has logged, in order, read page after page (<c>?after=</c>).</summary>
    public async Task<IReadOnlyList<ProgressEvent>> GetEventsAsync(string researchId, CancellationToken cancellationToken = default)
    {
        var events = new List<ProgressEvent>();
        var after = 0L;
        while (true)
        {
            var page = await http.GetFromJsonAsync<ResearchEventsResponse>(
                $"/api/research/{researchId}/events?after={after}&limit=500", ResearchJson.Options, cancellationToken)
                ?? throw new InvalidOperationException($"GET /api/research/{researchId}/events answered no events.");
            if (page.Events.Count == 0) return events;
            events.AddRange(page.Events);
            after = page.LastSequence;
        }
    }

    /// <summary>The sequence number of the research's last logged event, or null while the host cannot answer.</summary>
    public async Task<long?> TryGetLastSequenceAsync(string researchId, long after, CancellationToken cancellationToken = default)
    {
        try
        {
            var last = after;
            while (true)
            {
                using var response = await http.GetAsync($"/api/research/{researchId}/events?after={last}&limit=500", cancellationToken);
                if ((int)response.StatusCode != 200) return null;
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var root = document.RootElement;
                if (root.GetProperty("events").GetArrayLength() == 0) return last;
                last = root.GetProperty("lastSequence").GetInt64();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Polls the status every <paramref name="interval"/> until final; returns it with the stopwatch timestamp it was seen.</summary>
    public async Task<(StatusAnswer Status, long SeenAt)> WaitForEndAsync(string researchId, TimeSpan interval, TimeSpan bound, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * bound.TotalSeconds);
        StatusAnswer? last = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            last = await TryGetStatusAsync(researchId, cancellationToken) ?? last;
            if (last is { IsFinal: true }) return (last, Stopwatch.GetTimestamp());
            await Task.Delay(interval, cancellationToken);
        }
        throw new TimeoutException($"Research {researchId} had not ended within {bound} (last seen: {last}).");
    }
}
