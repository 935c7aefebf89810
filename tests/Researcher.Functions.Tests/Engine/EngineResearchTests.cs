using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Xunit.Abstractions;

using Researcher.Testing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>
/// The Functions app's orchestrators on the real Durable replay engine (the SDK's in-process test
/// host), over the offline engine and a small corpus: a research completes, is cancelled mid-step,
/// and its recorded events and output agree across the engine's replays.
/// </summary>
public sealed class EngineResearchTests(TestCorpus corpus, ITestOutputHelper output) : IClassFixture<TestCorpus>
{
    [Fact]
    public async Task A_research_completes_with_a_cited_report_and_a_whole_event_log()
    {
        using var offline = new OfflineProviders(corpus.Root);
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers);
        using var timeout = new CancellationTokenSource(EngineTimeouts.Research);
        var clock = Stopwatch.StartNew();

        var researchId = await engine.StartResearchAsync(TestCorpus.FourSubQuestionsQuestion, timeout.Token);
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);
        output.WriteLine($"Research completed in {clock.Elapsed.TotalSeconds:F1} s.");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<ResearchOutcome>();
        Assert.NotNull(outcome);
        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.Null(outcome.Failure);
        var report = Assert.IsType<ReportRef>(outcome.Report);
        var markdown = await engine.Content.GetTextAsync(report.ContentName);
        Assert.NotNull(markdown);
        ReportCitations.AssertResolve(markdown, corpus);
        Assert.Contains("](tides.md)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("sourdough", markdown, StringComparison.OrdinalIgnoreCase);

        var events = await engine.Events.AllAsync(researchId);
        var completed = EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchCompleted);
        Assert.Equal(100, completed.Percent);
        Assert.All(events, e => Assert.Equal(researchId, e.ResearchId));
        Assert.Equal(0, engine.Events.RefusedAppends);
    }

    [Fact]
    public async Task A_research_cancelled_inside_a_step_completes_as_cancelled_with_one_final_event()
    {
        using var offline = new OfflineProviders(corpus.Root);
        var planner = new HeldPlanner(offline.Providers.Planner, EngineTimeouts.Signal);
        var search = new CountingSearchProvider(offline.Providers.Search);
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers with { Planner = planner, Search = search });
        using var timeout = new CancellationTokenSource(EngineTimeouts.Research);

        var researchId = await engine.StartResearchAsync(TestCorpus.FourSubQuestionsQuestion, timeout.Token);
        try
        {
            await planner.Entered.WaitAsync(EngineTimeouts.Signal, timeout.Token);
            await engine.Client.RaiseEventAsync(researchId, ResearchWorkflows.CancelEvent, ResearchWorkflows.CancelEvent, timeout.Token);
        }
        finally
        {
            // The step already running ends normally; the workflow observes the cancellation at its next step or branch.
            planner.Release();
        }
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);
        await planner.Exited.WaitAsync(EngineTimeouts.Signal, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<ResearchOutcome>();
        Assert.NotNull(outcome);
        Assert.Equal(ResearchRuntimeStatus.Cancelled, outcome.Status);
        Assert.Null(outcome.Report);
        Assert.Null(outcome.Failure);

        var events = await engine.Events.AllAsync(researchId);
        var cancelled = EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchCancelled);
        Assert.Equal("cancel", cancelled.Step);
        // The event was raised before the plan step could end, so no branch started after it.
        Assert.Equal(0, search.Searches);
        Assert.DoesNotContain(events, e => e.Step == "write");
        Assert.Null(await engine.Content.GetTextAsync(Core.Storage.ContentNames.Report(researchId)));
    }

    [Fact]
    public async Task The_outcome_and_events_are_the_engines_and_agree_across_its_replays()
    {
        using var offline = new OfflineProviders(corpus.Root);
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers);
        using var timeout = new CancellationTokenSource(EngineTimeouts.Research);
        var researchId = await engine.StartResearchAsync(TestCorpus.FourSubQuestionsQuestion, timeout.Token);
        var ended = await engine.WaitForEndAsync(researchId, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);

        // The outcome as the engine stored it, read back through the client with the one converter the worker wrote it with.
        Assert.Same(ResearchEngineHost.Converter,
            engine.Services.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(Options.DefaultName).DataConverter);
        var metadata = await engine.Client.GetInstanceAsync(researchId, getInputsAndOutputs: true, timeout.Token);
        Assert.NotNull(metadata);
        Assert.Equal(ended.SerializedOutput, metadata.SerializedOutput);
        var outcome = metadata.ReadOutputAs<ResearchOutcome>();
        Assert.NotNull(outcome);
        Assert.Equal(metadata.SerializedOutput, ResearchEngineHost.Converter.Serialize(outcome));
        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        var report = Assert.IsType<ReportRef>(outcome.Report);
        Assert.NotNull(await engine.Content.GetTextAsync(report.ContentName));

        // Each event crossed the engine once: no step recorded an event twice or a different one under a taken number.
        var events = await engine.Events.AllAsync(researchId);
        var completed = EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchCompleted);
        Assert.Equal(0, engine.Events.RepeatedAppends);
        Assert.Equal(0, engine.Events.RefusedAppends);

        // The output is computed by the final replay, the events by earlier episodes: they agree only when replay is deterministic.
        Assert.Equal($"Report written: {report.WordCount} words, {report.CitationCount} citations, {report.SourceCount} sources", completed.Message);
        Assert.Equal(
            events.Where(e => e.Type is ProgressEventType.Warning or ProgressEventType.SubQuestionFailed).Select(e => e.Message).Order(),
            outcome.Warnings.Order());
        var status = metadata.ReadCustomStatusAs<ResearchProgress>();
        Assert.Equal(new ResearchProgress(completed.Percent, completed.Step, completed.Message), status);

        // Timestamps come from the orchestration's replay-safe clock: in order and within the instance's lifetime.
        Assert.Equal(events.Select(e => e.Timestamp).Order(), events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.InRange(new DateTimeOffset(e.Timestamp), metadata.CreatedAt, metadata.LastUpdatedAt));

        // A second research of the same question on the same engine takes the same steps and writes the same report.
        var againId = await engine.StartResearchAsync(TestCorpus.FourSubQuestionsQuestion, timeout.Token);
        var again = await engine.WaitForEndAsync(againId, timeout.Token);
        var againOutcome = again.ReadOutputAs<ResearchOutcome>();
        Assert.NotNull(againOutcome);
        Assert.Equal(
            ResearchEngineHost.Converter.Serialize(outcome with { Report = report with { ContentName = "" } }),
            ResearchEngineHost.Converter.Serialize(againOutcome with { Report = againOutcome.Report! with { ContentName = "" } }));
        Assert.Equal(await engine.Content.GetTextAsync(report.ContentName), await engine.Content.GetTextAsync(againOutcome.Report!.ContentName));
        AssertSameSteps(events, await engine.Events.AllAsync(againId));
        output.WriteLine($"{events.Count} events, {outcome.Warnings.Count} warnings, {report.SourceCount} sources.");
    }

    /// <summary>
    /// Two researches of the same question record the same events, apart from their ids and clocks and the
    /// order in which their branches end: each branch's end is logged as it happens (the engine's
    /// completion order, fixed in each research's own history but not the same in two researches), and a
    /// source read by two branches is announced under whichever ended first. So the events outside the
    /// branch ends agree one for one, the branch ends as a set, and the sources found as a set of locations.
    /// </summary>
    private static void AssertSameSteps(IReadOnlyList<ProgressEvent> first, IReadOnlyList<ProgressEvent> second)
    {
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(Shape(first.Where(e => !IsBranchEnd(e))), Shape(second.Where(e => !IsBranchEnd(e))));
        Assert.Equal(BranchEnds(first), BranchEnds(second));
        Assert.Equal(SourcesFound(first), SourcesFound(second));

        static bool IsBranchEnd(ProgressEvent e) =>
            e.Type is ProgressEventType.SourceFound or ProgressEventType.SubQuestionCompleted or ProgressEventType.SubQuestionFailed;
        static IEnumerable<string> BranchEnds(IEnumerable<ProgressEvent> events) => events
            .Where(e => e.Type is ProgressEventType.SubQuestionCompleted or ProgressEventType.SubQuestionFailed)
            .Select(e => $"{e.Type} {e.Step} {e.Message} {JsonSerializer.Serialize(e.Data)}")
            .Order(StringComparer.Ordinal);
        static IEnumerable<string> SourcesFound(IEnumerable<ProgressEvent> events) => events
            .Where(e => e.Type is ProgressEventType.SourceFound)
            .Select(e => e.Data!["location"])
            .Order(StringComparer.Ordinal);
        static IEnumerable<string> Shape(IEnumerable<ProgressEvent> events) =>
            events.Select(e => $"{e.Type} {e.Step} {e.Percent} {e.Message} {JsonSerializer.Serialize(e.Data)}");
    }
}
