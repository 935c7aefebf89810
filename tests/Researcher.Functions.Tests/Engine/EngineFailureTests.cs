using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Text;
using Researcher.Core.Workflow;
using Researcher.Functions.Orchestration;
using Xunit.Abstractions;

using Researcher.Testing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>
/// A sub-question whose search always fails becomes a gap, and the research still completes. Its
/// own class so that its ~31 s of real-time retry timers overlap the other engine tests.
/// </summary>
public sealed class EngineBranchFailureTests(TestCorpus corpus, ITestOutputHelper output) : IClassFixture<TestCorpus>
{
    [Fact]
    public async Task A_sub_question_whose_search_always_fails_is_a_gap_and_the_research_completes()
    {
        using var offline = new OfflineProviders(corpus.Root);
        var spec = ResearchEngineHost.Spec(TestCorpus.FourSubQuestionsQuestion);
        var plan = await offline.Providers.Planner.PlanAsync(spec.Question, spec.MaxSubQuestions, CancellationToken.None);
        Assert.True(plan.SubQuestions.Count >= 2, "The corpus should give the question more than one sub-question.");
        var failing = plan.SubQuestions[^1];
        var search = new FailingSearchProvider(offline.Providers.Search, failing.SearchText);
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers with { Search = search });
        using var timeout = new CancellationTokenSource(EngineTimeouts.RetriedResearch);
        var clock = Stopwatch.StartNew();

        var researchId = await engine.StartResearchAsync(spec.Question, timeout.Token);
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);
        output.WriteLine($"Research with a failing branch ended in {clock.Elapsed.TotalSeconds:F1} s ({search.FailedAttempts} search attempts).");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<ResearchOutcome>();
        Assert.NotNull(outcome);
        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.Equal(StepRetryPolicy.Provider.MaxAttempts, search.FailedAttempts);
        Assert.Contains(outcome.Warnings, w => w.Contains(failing.Title, StringComparison.Ordinal));

        var markdown = await engine.Content.GetTextAsync(outcome.Report!.ContentName);
        Assert.NotNull(markdown);
        var gaps = EngineAssertions.Section(markdown, "Gaps");
        Assert.NotNull(gaps);
        Assert.Contains(MarkdownText.Escape(failing.Title), gaps, StringComparison.Ordinal);
        Assert.Contains("Searching failed", gaps, StringComparison.Ordinal);
        ReportCitations.AssertResolve(markdown, corpus);

        var events = await engine.Events.AllAsync(researchId);
        EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchCompleted);
        var failed = Assert.Single(events, e => e.Type == ProgressEventType.SubQuestionFailed);
        Assert.Contains(failing.Title, failed.Message, StringComparison.Ordinal);
        Assert.Contains("was not researched", failed.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// Writing the report fails on every attempt: the research fails with a safe reason that names the
/// step. Its own class so that its ~31 s of real-time retry timers overlap the other engine tests.
/// </summary>
public sealed class EngineWritingFailureTests(TestCorpus corpus, ITestOutputHelper output) : IClassFixture<TestCorpus>
{
    [Fact]
    public async Task A_report_that_cannot_be_written_fails_the_research_with_a_safe_reason_and_one_final_event()
    {
        using var offline = new OfflineProviders(corpus.Root);
        var writer = new FailingReportWriter();
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers with { Writer = writer });
        using var timeout = new CancellationTokenSource(EngineTimeouts.RetriedResearch);
        var clock = Stopwatch.StartNew();

        var researchId = await engine.StartResearchAsync(TestCorpus.FourSubQuestionsQuestion, timeout.Token);
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);
        output.WriteLine($"Research with a failing writer ended in {clock.Elapsed.TotalSeconds:F1} s ({writer.Attempts} write attempts).");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<ResearchOutcome>();
        Assert.NotNull(outcome);
        Assert.Equal(ResearchRuntimeStatus.Failed, outcome.Status);
        Assert.Null(outcome.Report);
        var failure = Assert.IsType<ResearchFailure>(outcome.Failure);
        Assert.Equal(DurableFunctionNames.WriteReport, failure.Step);
        Assert.Equal(FailureCategory.Provider, failure.Category);
        Assert.StartsWith("Writing the report failed: ", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(StepRetryPolicy.Provider.MaxAttempts, writer.Attempts);

        var events = await engine.Events.AllAsync(researchId);
        var failed = EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchFailed);
        Assert.StartsWith("Writing the report failed: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(failure.Reason, failed.Message);

        // The exception's own text stays out of everything a client can read.
        Assert.All(engine.Events.StoredJson(researchId), json => Assert.DoesNotContain(FailingReportWriter.SecretMessage, json, StringComparison.Ordinal));
        Assert.DoesNotContain(FailingReportWriter.SecretMessage, metadata.SerializedOutput ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(FailingReportWriter.SecretMessage, metadata.SerializedCustomStatus ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("writer-secret", metadata.SerializedOutput ?? "", StringComparison.Ordinal);
    }
}
