using System.Diagnostics;
using System.Text.Json;
using Researcher.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace Researcher.Reliability.Tests;

/// <summary>
/// Storage goes away mid-research (Azurite stopped with SIGTERM, its data kept) and comes back on
/// the same ports: while it is down the API says so (503 with Retry-After and a problem+json
/// body), the host stays up, and once it is back every research completes.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : ReliabilityScenario(output)
{
    private const int Researches = 4;

    /// <summary>How long storage stays down: long enough for the storage clients' own retries to give up.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    /// <summary>Status reads during the outage, at most (each answer is checked).</summary>
    private const int MaxOutageReads = 200;

    [Fact(Timeout = Bounds.Test)]
    public Task Every_research_completes_after_storage_comes_back() => RunAsync(async () =>
    {
        var host = await StartHostAsync("A", workerId: "outageworker");
        var researches = new List<WatchedResearch>();
        for (var i = 0; i < Researches; i++)
            researches.Add(new WatchedResearch(await host.Api.StartAsync(GeneratedCorpus.Question), host));

        // The first research is among its sub-questions; the others are behind it or beside it.
        await Watch.UntilSequenceAsync([researches[0]], 4, TimeSpan.FromMilliseconds(25));
        var before = await Task.WhenAll(researches.Select(r => Watch.ObserveAsync(r, new Observation(null, null, null))));
        Note($"stopping storage with {before.Count(o => !o.IsFinal)} of {Researches} researches not ended: " +
            string.Join("; ", researches.Zip(before, (r, o) => $"{r.Id} at {o.LastEvent}")));
        await Azurite.StopAsync();

        var problems = new List<string>();
        var outage = Stopwatch.StartNew();
        var reads = 0;
        while (outage.Elapsed < Outage && reads < MaxOutageReads && problems.Count == 0)
        {
            foreach (var research in researches)
            {
                reads++;
                try
                {
                    var answer = await host.Api.GetStatusAnswerAsync(research.Id);
                    if (UnavailableProblem(answer) is { } problem)
                        problems.Add($"{research}: GET status while storage was down answered {answer}; {problem}");
                }
                catch (ReliabilityException ex)
                {
                    problems.Add($"{research}: while storage was down, {ex.Message}");
                }
            }
        }
        Note($"storage down for {outage.Elapsed.TotalSeconds:F1} s, {reads} status reads; restarting it");
        if (!host.IsRunning) problems.Add($"host {host.Name} exited while storage was down");

        await Azurite.StartAsync();
        if (host.IsRunning)
        {
            try
            {
                await Watch.UntilFinalAsync(researches);
                await Assertions.AssertEndedAsync(researches, ResearchStatuses.Completed);
            }
            catch (ReliabilityException ex)
            {
                problems.Add($"after storage came back: {ex.Message}");
            }
        }
        if (problems.Count > 0)
            throw new ReliabilityException(string.Join(Environment.NewLine, problems));
    });

    /// <summary>What is wrong with an answer given while storage is down; null when it is the contract's 503.</summary>
    private static string? UnavailableProblem(ApiAnswer answer)
    {
        if (answer.StatusCode != 503) return "expected 503";
        if (answer.RetryAfter is null) return "expected a Retry-After header";
        if (answer.MediaType != "application/problem+json") return "expected an application/problem+json body";
        try
        {
            using var body = JsonDocument.Parse(answer.Body);
            if (!body.RootElement.TryGetProperty("status", out var status) || status.GetInt32() != 503)
                return "expected the problem's status to be 503";
            if (!body.RootElement.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                return "expected the problem to have a title";
        }
        catch (JsonException)
        {
            return "expected a JSON problem body";
        }
        return null;
    }
}
