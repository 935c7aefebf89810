using System.Text.RegularExpressions;
using Researcher.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace Researcher.Reliability.Tests;

/// <summary>
/// Two hosts on one task hub and one storage account (distinct WorkerIds, their own HTTP ports):
/// researches started through either complete exactly once, both hosts serve every research the
/// same way, and both hosts run steps.
/// </summary>
public sealed partial class TwoHostsTests(ITestOutputHelper output) : ReliabilityScenario(output)
{
    private const int Researches = 6;

    [Fact(Timeout = Bounds.Test)]
    public Task Researches_started_through_two_hosts_each_complete_once_and_both_hosts_work() => RunAsync(async () =>
    {
        var hostA = await StartHostAsync("A", workerId: "workera");
        var hostB = await StartHostAsync("B", workerId: "workerb");
        var researches = new List<WatchedResearch>();
        for (var i = 0; i < Researches; i++)
        {
            var host = i % 2 == 0 ? hostA : hostB;
            researches.Add(new WatchedResearch(await host.Api.StartAsync(GeneratedCorpus.Question), host));
        }

        await Watch.UntilFinalAsync(researches);
        var endings = await Assertions.AssertEndedAsync(researches, ResearchStatuses.Completed);

        // The other host serves the same status, the same log (ServedEvents compares every event with
        // what the first host served) and the same report.
        var throughOther = researches.Select(r => r with { Host = r.Host == hostA ? hostB : hostA }).ToList();
        await Assertions.AssertEndedAsync(throughOther, ResearchStatuses.Completed);
        var faults = new List<string>();
        foreach (var (research, other) in researches.Zip(throughOther))
        {
            var report = await research.Host.Api.GetReportAsync(research.Id);
            var otherReport = await other.Host.Api.GetReportAsync(research.Id);
            if (report.Body != otherReport.Body)
                faults.Add($"research {research.Id}: host {research.Host.Name} and host {other.Host.Name} serve different reports " +
                    $"({report.Body.Length} and {otherReport.Body.Length} characters)");
        }

        // Which host ran steps is visible only in the hosts' logs: the engine logs each activity it runs.
        var activityLinesA = hostA.Output.Count(IsActivityLine);
        var activityLinesB = hostB.Output.Count(IsActivityLine);
        Note($"activity log lines: host A {activityLinesA}, host B {activityLinesB}");
        if (activityLinesA + activityLinesB == 0)
            TestOutput.WriteLine("Neither host logs the activities it runs, so which host ran steps cannot be told from outside; " +
                "checked instead that both hosts serve every research identically.");
        else if (activityLinesA == 0 || activityLinesB == 0)
            faults.Add($"only one host ran steps: host A logged {activityLinesA} activity lines, host B {activityLinesB}");
        if (faults.Count > 0) throw new ReliabilityException(string.Join(Environment.NewLine, faults));
    });

    /// <summary>
    /// A log line saying this host starts running one of the research's activities: DurableTask.Core's
    /// "{instance}: Starting task activity [ReadSource#12]" or the worker's "'ReadSource' activity of
    /// orchestration ID '{instance}' started." (not "Scheduling activity", which the orchestration's host logs).
    /// </summary>
    private static bool IsActivityLine(string line) => ActivityLine().IsMatch(line);

    [GeneratedRegex(@"Starting task activity\W+(Plan|Search|ReadSource|SelectPassages|WriteReport|RecordProgress)\b|\b(Plan|Search|ReadSource|SelectPassages|WriteReport|RecordProgress)'? activity\b.*\bstarted\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex ActivityLine();
}
