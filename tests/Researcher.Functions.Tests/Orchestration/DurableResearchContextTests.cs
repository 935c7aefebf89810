using Microsoft.DurableTask;
using Moq;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.Functions.Orchestration;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Orchestration;

public sealed class DurableResearchContextTests
{
    private const string RootId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_step_calls_the_activity_named_after_it_with_its_input_and_the_mapped_retry_policy()
    {
        var context = OrchestrationContextMock.For(RootId);
        var input = new PlanInput(RootId, "Why is the sky blue?", 3);
        var plan = new ResearchPlan([new SubQuestion("q0", "What scatters light?", "Scattering")]);
        TaskOptions? options = null;
        context.Setup(c => c.CallActivityAsync<ResearchPlan>(It.Is<TaskName>(n => n.Name == "Plan"), input, It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? _, TaskOptions? o) => options = o)
            .ReturnsAsync(plan);
        var retry = new StepRetryPolicy(5, TimeSpan.FromSeconds(3), 1.5, TimeSpan.FromMinutes(2));

        var result = await new DurableResearchContext(context.Object).RunStepAsync(ResearchSteps.Plan, input, retry);

        Assert.Same(plan, result);
        var policy = options?.Retry?.Policy;
        Assert.NotNull(policy);
        Assert.Equal(5, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.FirstRetryInterval);
        Assert.Equal(1.5, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromMinutes(2), policy.MaxRetryInterval);
    }

    [Fact]
    public async Task A_step_without_a_retry_policy_passes_no_options()
    {
        var context = OrchestrationContextMock.For(RootId);
        var input = new SearchInput(RootId, "light", 2);
        context.Setup(c => c.CallActivityAsync<SearchResults>(It.IsAny<TaskName>(), input, null)).ReturnsAsync(new SearchResults([]));

        await new DurableResearchContext(context.Object).RunStepAsync(ResearchSteps.Search, input);

        context.Verify(c => c.CallActivityAsync<SearchResults>(It.Is<TaskName>(n => n.Name == "Search"), input, null), Times.Once);
    }

    [Fact]
    public async Task A_branch_calls_the_sub_orchestrator_with_a_deterministic_child_instance_id()
    {
        var context = OrchestrationContextMock.For(RootId);
        var input = new SubQuestionInput(RootId, new SubQuestion("q1", "text", "title"), Spec());
        var findings = new SubQuestionFindings(input.SubQuestion, new PassageSetRef("p", 1, 1), []);
        TaskOptions? options = null;
        context.Setup(c => c.CallSubOrchestratorAsync<SubQuestionFindings>(
                It.Is<TaskName>(n => n.Name == "SubQuestionResearch"), input, It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? _, TaskOptions? o) => options = o)
            .ReturnsAsync(findings);

        var result = await new DurableResearchContext(context.Object).RunBranchAsync(ResearchWorkflows.SubQuestion, input, "q1");

        Assert.Same(findings, result);
        var subOrchestration = Assert.IsType<SubOrchestrationOptions>(options);
        Assert.Equal($"{RootId}:q1", subOrchestration.InstanceId);
    }

    [Theory]
    [InlineData(RootId, RootId)]
    [InlineData(RootId + ":q2", RootId)]
    [InlineData(RootId + ":q2:deeper", RootId)]
    public void The_research_id_is_the_root_instance_id(string instanceId, string researchId) =>
        Assert.Equal(researchId, new DurableResearchContext(OrchestrationContextMock.For(instanceId).Object).ResearchId);

    [Fact]
    public void Time_and_replay_state_come_from_the_orchestration()
    {
        var context = new DurableResearchContext(OrchestrationContextMock.For(RootId, isReplaying: true).Object);

        Assert.Equal(OrchestrationContextMock.Now, context.CurrentUtcDateTime);
        Assert.True(context.IsReplaying);
    }

    [Fact]
    public void The_status_becomes_the_custom_status()
    {
        var context = OrchestrationContextMock.For(RootId);
        var status = new ResearchProgress(42, "research", "Reading sources");

        new DurableResearchContext(context.Object).SetStatus(status);

        context.Verify(c => c.SetCustomStatus(status), Times.Once);
    }

    [Fact]
    public async Task Progress_is_recorded_by_the_record_progress_activity_with_the_storage_retry_policy()
    {
        var context = OrchestrationContextMock.For(RootId);
        var progressEvent = new ProgressEvent(RootId, 1, OrchestrationContextMock.Now, ProgressEventType.ResearchStarted, "start", "Go", 0);
        TaskOptions? options = null;
        context.Setup(c => c.CallActivityAsync<Done>(It.Is<TaskName>(n => n.Name == "RecordProgress"), progressEvent, It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? _, TaskOptions? o) => options = o)
            .ReturnsAsync(Done.Instance);

        await new DurableResearchContext(context.Object).RecordProgressAsync(progressEvent);

        Assert.Equal(StepRetryPolicy.Storage.MaxAttempts, options?.Retry?.Policy?.MaxNumberOfAttempts);
        Assert.Equal(StepRetryPolicy.Storage.FirstRetryInterval, options?.Retry?.Policy?.FirstRetryInterval);
    }

    [Fact]
    public async Task A_failed_activity_surfaces_as_a_step_failure()
    {
        var context = OrchestrationContextMock.For(RootId);
        var failure = new TaskFailedException("WriteReport", 7,
            new TaskFailureDetails("System.TimeoutException", "The model did not answer.", null, null, null));
        context.Setup(c => c.CallActivityAsync<ReportRef>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(failure);
        var input = new WriteReportInput(RootId, "q", ReportType.ResearchReport, [], []);

        var thrown = await Assert.ThrowsAsync<StepFailedException>(() =>
            new DurableResearchContext(context.Object).RunStepAsync(ResearchSteps.WriteReport, input, StepRetryPolicy.Provider));

        Assert.Equal("WriteReport", thrown.StepName);
        Assert.Equal("System.TimeoutException", thrown.ErrorType);
        Assert.Equal("The model did not answer.", thrown.ErrorMessage);
        Assert.Same(failure, thrown.InnerException);
    }

    [Fact]
    public async Task A_failed_branch_surfaces_as_a_step_failure_of_the_innermost_error_type()
    {
        var context = OrchestrationContextMock.For(RootId);
        var activityFailure = new TaskFailureDetails("System.Net.Http.HttpRequestException", "refused", null, null, null);
        context.Setup(c => c.CallSubOrchestratorAsync<SubQuestionFindings>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException("SubQuestionResearch", 3,
                new TaskFailureDetails("Researcher.Core.Workflow.StepFailedException", "Step 'Search' failed", null, activityFailure, null)));
        var input = new SubQuestionInput(RootId, new SubQuestion("q0", "t", "t"), Spec());

        var thrown = await Assert.ThrowsAsync<StepFailedException>(() =>
            new DurableResearchContext(context.Object).RunBranchAsync(ResearchWorkflows.SubQuestion, input, "q0"));

        Assert.Equal("SubQuestionResearch", thrown.StepName);
        Assert.Equal("System.Net.Http.HttpRequestException", thrown.ErrorType);
    }

    [Fact]
    public async Task After_the_cancel_event_the_running_step_ends_normally_and_the_next_step_throws()
    {
        var cancellation = new TaskCompletionSource<string?>();
        var context = OrchestrationContextMock.For(RootId, cancellation: cancellation);
        var plan = new TaskCompletionSource<ResearchPlan>();
        context.Setup(c => c.CallActivityAsync<ResearchPlan>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(plan.Task);
        var research = new DurableResearchContext(context.Object);
        var running = research.RunStepAsync(ResearchSteps.Plan, new PlanInput(RootId, "q", 2));

        cancellation.SetResult(ResearchWorkflows.CancelEvent);
        plan.SetResult(new ResearchPlan([]));

        Assert.Empty((await running).SubQuestions);
        Assert.True(research.IsCancellationRequested);
        await Assert.ThrowsAsync<ResearchCancelledException>(() => research.RunStepAsync(ResearchSteps.Search, new SearchInput(RootId, "x", 1)));
        context.Verify(c => c.CallActivityAsync<SearchResults>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task A_branch_awaited_when_the_cancel_event_arrives_is_told_and_awaited_to_its_end()
    {
        var cancellation = new TaskCompletionSource<string?>();
        var context = OrchestrationContextMock.For(RootId, cancellation: cancellation);
        var branchEnds = new Dictionary<string, TaskCompletionSource<SubQuestionFindings>> { ["q0"] = new(), ["q1"] = new() };
        context.Setup(c => c.CallSubOrchestratorAsync<SubQuestionFindings>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? _, TaskOptions? options) => branchEnds[((SubOrchestrationOptions)options!).InstanceId![^2..]].Task);
        var research = new DurableResearchContext(context.Object);
        var branches = branchEnds.Keys.Select(key => research.RunBranchAsync(
            ResearchWorkflows.SubQuestion, new SubQuestionInput(RootId, new SubQuestion(key, "t", "t"), Spec()), key)).ToList();

        cancellation.SetResult(ResearchWorkflows.CancelEvent);

        context.Verify(c => c.SendEvent($"{RootId}:q0", ResearchWorkflows.CancelEvent, It.IsAny<object>()), Times.Once);
        context.Verify(c => c.SendEvent($"{RootId}:q1", ResearchWorkflows.CancelEvent, It.IsAny<object>()), Times.Once);
        Assert.All(branches, branch => Assert.False(branch.IsCompleted));
        branchEnds["q0"].SetException(new TaskFailedException("SubQuestionResearch", 1, new TaskFailureDetails("x", "cancelled", null, null, null)));
        branchEnds["q1"].SetResult(new SubQuestionFindings(new SubQuestion("q1", "t", "t"), null, []));
        foreach (var branch in branches)
            await Assert.ThrowsAsync<ResearchCancelledException>(() => branch);
    }

    [Fact]
    public async Task Progress_is_still_recorded_after_cancellation_was_requested()
    {
        var cancellation = new TaskCompletionSource<string?>();
        cancellation.SetResult(ResearchWorkflows.CancelEvent);
        var context = OrchestrationContextMock.For(RootId, cancellation: cancellation);
        context.Setup(c => c.CallActivityAsync<Done>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(Done.Instance);
        var cancelled = new ProgressEvent(RootId, 5, OrchestrationContextMock.Now, ProgressEventType.ResearchCancelled, "cancel", "Cancelled", 40);

        await new DurableResearchContext(context.Object).RecordProgressAsync(cancelled);

        context.Verify(c => c.CallActivityAsync<Done>(It.Is<TaskName>(n => n.Name == "RecordProgress"), cancelled, It.IsAny<TaskOptions?>()), Times.Once);
    }

    internal static ResearchSpec Spec() => new("Why is the sky blue?", ReportType.ResearchReport, 2, 3, 8, 6_000);
}
