using Researcher.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace Researcher.Reliability.Tests;

/// <summary>
/// kill -9 of the host mid-research, then a restart with the same settings (same WorkerId, same
/// task hub): every research goes on where it stopped and completes once, with one report and a
/// gap-free log. Kills land at different points: while planning, while researching the
/// sub-questions (most of the ~100 steps), while writing the report; researches started in an
/// earlier round live through the later kills too.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : ReliabilityScenario(output)
{
    private const int ResearchesPerRound = 3;

    /// <summary>The event each new research must have logged before the kill: plan started (#2), sub-questions started (#4), report started (#6).</summary>
    private static readonly long[] KillPoints = [2, 4, 6];

    private static readonly TimeSpan QuickPoll = TimeSpan.FromMilliseconds(25);

    [Fact(Timeout = Bounds.Test)]
    public Task Every_research_completes_once_after_the_host_is_killed_and_restarted() => RunAsync(async () =>
    {
        var host = await StartHostAsync("A", workerId: "crashworker");
        var researches = new List<WatchedResearch>();

        for (var round = 0; round < KillPoints.Length; round++)
        {
            var killPoint = KillPoints[round];
            var batch = new List<WatchedResearch>();
            for (var i = 0; i < ResearchesPerRound; i++)
                batch.Add(new WatchedResearch(await host.Api.StartAsync(GeneratedCorpus.Question), host));
            researches.AddRange(batch);

            var seen = await Watch.UntilSequenceAsync(batch, killPoint, QuickPoll);
            await host.KillAsync();
            Note($"round {round + 1}: killed with the new researches at event #{killPoint} or later: " +
                string.Join("; ", batch.Select(r => $"{r.Id} at {seen[r.Id].LastEvent}{(seen[r.Id].IsFinal ? " (ended)" : "")}")));
            await host.StartAsync();
        }

        await Watch.UntilFinalAsync(researches);
        await Assertions.AssertEndedAsync(researches, ResearchStatuses.Completed);
    });
}
