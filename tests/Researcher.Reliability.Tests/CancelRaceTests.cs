using System.Collections.Concurrent;
using Researcher.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace Researcher.Reliability.Tests;

/// <summary>
/// Cancel racing the research: right after it was started, and right around its completion. Each
/// research ends in exactly one final state (cancelled or completed, never both, never stuck), and
/// an event served once is served the same ever after (the suite records every page it reads).
/// </summary>
public sealed class CancelRaceTests(ITestOutputHelper output) : ReliabilityScenario(output)
{
    private const int ImmediateCancels = 15;
    private const int LateCancels = 4;
    private const int LatePercent = 80;

    private static readonly TimeSpan QuickPoll = TimeSpan.FromMilliseconds(20);

    [Fact(Timeout = Bounds.Test)]
    public Task A_research_cancelled_right_after_it_starts_ends_once() => RunAsync(async () =>
    {
        var host = await StartHostAsync("A", workerId: "cancelworker");
        var researches = new List<WatchedResearch>();
        var cancelAnswers = new Dictionary<string, ApiAnswer>();
        for (var i = 0; i < ImmediateCancels; i++)
        {
            var id = await host.Api.StartAsync(GeneratedCorpus.Question);
            cancelAnswers[id] = await host.Api.CancelAsync(id);
            researches.Add(new WatchedResearch(id, host));
        }

        await Watch.UntilFinalAsync(researches);
        var endings = await Assertions.AssertEndedAsync(researches, ResearchStatuses.Cancelled, ResearchStatuses.Completed);
        AssertCancelAnswersFit(endings, cancelAnswers);
        // Read everything once more: nothing may have been added after the end, nor changed.
        await Assertions.AssertEndedAsync(researches, ResearchStatuses.Cancelled, ResearchStatuses.Completed);
        Note(Tally(endings));
    });

    [Fact(Timeout = Bounds.Test)]
    public Task A_research_cancelled_right_around_its_completion_ends_once() => RunAsync(async () =>
    {
        var host = await StartHostAsync("A", workerId: "cancelworker");
        var researches = new List<WatchedResearch>();
        for (var i = 0; i < LateCancels; i++)
            researches.Add(new WatchedResearch(await host.Api.StartAsync(GeneratedCorpus.Question), host));

        var cancelAnswers = new ConcurrentDictionary<string, ApiAnswer>();
        await Task.WhenAll(researches.Select(async research =>
        {
            await Watch.UntilAsync([research], $"reached {LatePercent}%", o => o.State?.Percent >= LatePercent || o.IsFinal, QuickPoll);
            cancelAnswers[research.Id] = await host.Api.CancelAsync(research.Id);
        }));

        await Watch.UntilFinalAsync(researches);
        var endings = await Assertions.AssertEndedAsync(researches, ResearchStatuses.Cancelled, ResearchStatuses.Completed);
        AssertCancelAnswersFit(endings, cancelAnswers);
        await Assertions.AssertEndedAsync(researches, ResearchStatuses.Cancelled, ResearchStatuses.Completed);
        Note(Tally(endings));
    });

    /// <summary>A cancel answers 202 (cancelling) or 409 (already ended); a research cancelled was cancelled by a 202.</summary>
    private static void AssertCancelAnswersFit(IReadOnlyList<ResearchEnding> endings, IReadOnlyDictionary<string, ApiAnswer> cancelAnswers)
    {
        var faults = new List<string>();
        foreach (var ending in endings)
        {
            var answer = cancelAnswers[ending.Id];
            if (answer.StatusCode is not (202 or 409))
                faults.Add($"research {ending.Id}: POST cancel answered {answer}; expected 202 or 409");
            else if (answer.StatusCode == 409 && ending.Status != ResearchStatuses.Completed)
                faults.Add($"research {ending.Id}: POST cancel answered 409 (already ended) but the research ended {ending.Status}");
        }
        if (faults.Count > 0) throw new ReliabilityException(string.Join(Environment.NewLine, faults));
    }

    private static string Tally(IReadOnlyList<ResearchEnding> endings) =>
        string.Join(", ", endings.GroupBy(e => e.Status).Select(g => $"{g.Count()} {g.Key}"));
}
