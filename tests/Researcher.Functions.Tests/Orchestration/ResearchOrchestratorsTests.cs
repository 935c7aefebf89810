using Microsoft.DurableTask;
using Moq;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.Functions.Orchestration;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Orchestration;

/// <summary>The Standard orchestrator runs Core's workflow over a mocked orchestration that answers every call with canned results.</summary>
public sealed class ResearchOrchestratorsTests
{
    private const string ResearchId = "fedcba9876543210fedcba9876543210";

    private readonly Mock<TaskOrchestrationContext> context = OrchestrationContextMock.For(ResearchId);
    private readonly List<string> calls = [];
    private readonly List<ProgressEvent> recorded = [];

    public ResearchOrchestratorsTests()
    {
        var spec = DurableResearchContextTests.Spec();
        context.Setup(c => c.GetInput<ResearchInput>()).Returns(new ResearchInput(ResearchId, spec));
        context.Setup(c => c.CallActivityAsync<SourcesReadiness>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName name, object? _, TaskOptions? _) => calls.Add(name.Name))
            .ReturnsAsync(SourcesReadiness.Searchable);
        context.Setup(c => c.CallActivityAsync<ResearchPlan>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName name, object? _, TaskOptions? _) => calls.Add(name.Name))
            .ReturnsAsync(new ResearchPlan([new SubQuestion("q0", "What scatters light?", "Scattering"), new SubQuestion("q1", "Why not violet?", "Colour")]));
        context.Setup(c => c.CallSubOrchestratorAsync<SubQuestionFindings>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) =>
            {
                calls.Add($"{name.Name} {((SubOrchestrationOptions)options!).InstanceId}");
                var subQuestion = ((SubQuestionInput)input!).SubQuestion;
                string[] warnings = subQuestion.Key == "q1" ? ["Skipped a.html: unreadable"] : [];
                return Task.FromResult(new SubQuestionFindings(subQuestion, new PassageSetRef($"{subQuestion.Key}.json", 3, 2), warnings));
            });
        context.Setup(c => c.CallActivityAsync<ReportRef>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName name, object? _, TaskOptions? _) => calls.Add(name.Name))
            .ReturnsAsync(new ReportRef($"{ResearchId}/report.md", 900, 6, 4));
        context.Setup(c => c.CallActivityAsync<Done>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName name, object? input, TaskOptions? _) =>
            {
                calls.Add(name.Name);
                recorded.Add((ProgressEvent)input!);
            })
            .ReturnsAsync(Done.Instance);
    }

    [Fact]
    public async Task The_activities_and_branches_run_in_the_order_the_workflow_promises()
    {
        var outcome = await ResearchOrchestrators.RunStandardResearchAsync(context.Object);

        Assert.Equal(
            [
                // started, the search ready at once (nothing recorded for it), planning
                "RecordProgress", "PrepareSources", "RecordProgress", "Plan", "RecordProgress", "RecordProgress",
                $"SubQuestionResearch {ResearchId}:q0", $"SubQuestionResearch {ResearchId}:q1",
                // each branch's end, the unreadable source's warning, research done, writing
                "RecordProgress", "RecordProgress", "RecordProgress", "RecordProgress", "RecordProgress", "WriteReport", "RecordProgress",
            ],
            calls);
        Assert.Equal(["Skipped a.html: unreadable"], outcome.Warnings);
        Assert.Equal(900, outcome.Report!.WordCount);
    }

    [Fact]
    public async Task Progress_events_are_numbered_one_to_n_without_gaps_and_end_complete()
    {
        await ResearchOrchestrators.RunStandardResearchAsync(context.Object);

        Assert.Equal(Enumerable.Range(1, recorded.Count).Select(n => (long)n), recorded.Select(e => e.Sequence));
        Assert.All(recorded, e => Assert.Equal(ResearchId, e.ResearchId));
        Assert.Equal(ProgressEventType.ResearchStarted, recorded[0].Type);
        Assert.Equal(ProgressEventType.ResearchCompleted, recorded[^1].Type);
        Assert.Equal(100, recorded[^1].Percent);
        context.Verify(c => c.SetCustomStatus(It.IsAny<object?>()), Times.Exactly(recorded.Count));
    }

    [Fact]
    public async Task The_sub_question_orchestrator_runs_search_read_and_select_for_its_branch()
    {
        var branch = OrchestrationContextMock.For($"{ResearchId}:q0");
        var subQuestion = new SubQuestion("q0", "What scatters light?", "Scattering");
        branch.Setup(c => c.GetInput<SubQuestionInput>()).Returns(new SubQuestionInput(ResearchId, subQuestion, DurableResearchContextTests.Spec()));
        var hit = AnswersGathering(branch, "q0.json");

        var findings = await ResearchOrchestrators.RunSubQuestionResearchAsync(branch.Object);

        Assert.Equal(new PassageSetRef("q0.json", 2, 1), findings.Passages);
        Assert.Empty(findings.Warnings);
        branch.Verify(c => c.CallActivityAsync<SourceReadResult>(
            It.IsAny<TaskName>(), It.Is<ReadSourceInput>(i => i.ResearchId == ResearchId && i.Hit == hit), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task A_deep_research_runs_each_branch_as_a_sub_orchestration_named_by_its_path()
    {
        var deep = OrchestrationContextMock.For(ResearchId);
        var spec = DurableResearchContextTests.Spec() with
        {
            ReportType = Core.Contracts.ReportType.DeepReport,
            MaxSubQuestions = 2,
            Deep = new Core.Contracts.DeepResearchSettings(2, 2, 100, 30, 8),
        };
        var branchCalls = new List<(string Name, string InstanceId, DeepBranchInput Input)>();
        deep.Setup(c => c.GetInput<ResearchInput>()).Returns(new ResearchInput(ResearchId, spec));
        deep.Setup(c => c.CallActivityAsync<SourcesReadiness>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(SourcesReadiness.Searchable);
        deep.Setup(c => c.CallActivityAsync<ResearchPlan>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new ResearchPlan([new SubQuestion("q0", "What scatters light?", "Scattering"), new SubQuestion("q1", "Why not violet?", "Colour")]));
        deep.Setup(c => c.CallSubOrchestratorAsync<DeepBranchFindings>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) =>
            {
                var branchInput = (DeepBranchInput)input!;
                branchCalls.Add((name.Name, ((SubOrchestrationOptions)options!).InstanceId!, branchInput));
                var key = branchInput.Query.Key;
                var learnings = new LearningsRef($"{key}-learnings.json", 2,
                    branchInput.MaxFollowUps > 0 ? [new Core.Context.FollowUpQuery($"{branchInput.Query.Text} in detail", "Detail")] : [], Core.Contracts.ResearchUsage.Zero);
                return Task.FromResult(new DeepBranchFindings(branchInput.Query, new PassageSetRef($"{key}.json", 2, 1), learnings,
                    [new SourceRef($"{key}.md", key, $"{key}-source.json", 100)], []));
            });
        deep.Setup(c => c.CallActivityAsync<ReportRef>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new ReportRef($"{ResearchId}/report.md", 900, 6, 4));
        deep.Setup(c => c.CallActivityAsync<Done>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(Done.Instance);

        var outcome = await ResearchOrchestrators.RunStandardResearchAsync(deep.Object);

        Assert.Equal(Core.Contracts.ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.All(branchCalls, call => Assert.Equal(DurableFunctionNames.DeepResearchBranch, call.Name));
        Assert.Equal([$"{ResearchId}:1", $"{ResearchId}:2", $"{ResearchId}:1.1", $"{ResearchId}:2.1"], branchCalls.Select(c => c.InstanceId));
        // A child builds on its parent's learnings and may not propose children of its own at the last level.
        var child = branchCalls.Single(c => c.Input.Query.Key == "1.1").Input;
        Assert.Equal(["1-learnings.json"], child.Known);
        Assert.Equal(("What scatters light? in detail", "Detail", 0), (child.Query.Text, child.Query.Title, child.MaxFollowUps));
        deep.Verify(c => c.CallActivityAsync<ReportRef>(
            It.Is<TaskName>(n => n.Name == DurableFunctionNames.WriteReport),
            It.Is<WriteReportInput>(w => w.Tree.Select(b => b.Query.Key).SequenceEqual(new[] { "1", "1.1", "2", "2.1" })),
            It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task The_deep_branch_orchestrator_searches_reads_selects_and_extracts_learnings_within_its_share()
    {
        var branch = OrchestrationContextMock.For($"{ResearchId}:2.1");
        var query = new SubQuestion("2.1", "Why not violet?", "Colour");
        var spec = DurableResearchContextTests.Spec();
        branch.Setup(c => c.GetInput<DeepBranchInput>()).Returns(new DeepBranchInput(ResearchId, query, 1, spec)
        {
            Known = ["2-learnings.json"],
            MaxSources = 1,
        });
        AnswersGathering(branch, "2.1.json");
        var learnings = new LearningsRef("2.1-learnings.json", 2, [], Core.Contracts.ResearchUsage.Zero);
        branch.Setup(c => c.CallActivityAsync<LearningsRef>(It.Is<TaskName>(n => n.Name == "ExtractLearnings"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(learnings);

        var findings = await ResearchOrchestrators.RunDeepResearchBranchAsync(branch.Object);

        Assert.Equal(learnings, findings.Learnings);
        Assert.Equal(["light.md"], findings.Sources.Select(s => s.Location));
        branch.Verify(c => c.CallActivityAsync<SearchResults>(
            It.IsAny<TaskName>(), It.Is<SearchInput>(i => i.Query == "Why not violet?" && i.MaxResults == 1), It.IsAny<TaskOptions?>()), Times.Once);
        branch.Verify(c => c.CallActivityAsync<LearningsRef>(
            It.IsAny<TaskName>(),
            It.Is<ExtractLearningsInput>(i => i.PassagesContentName == "2.1.json" && i.Known.SequenceEqual(new[] { "2-learnings.json" }) && i.MaxFollowUps == 1),
            It.IsAny<TaskOptions?>()), Times.Once);
    }

    /// <summary>A branch's search finds one page, the page is read, and its passages are stored as <paramref name="passagesName"/>; returns the hit.</summary>
    private static Core.Search.SearchHit AnswersGathering(Mock<TaskOrchestrationContext> branch, string passagesName)
    {
        var hit = new Core.Search.SearchHit("light.md", "Light", null, 1.0, "Rayleigh scattering");
        branch.Setup(c => c.CallActivityAsync<SearchResults>(It.Is<TaskName>(n => n.Name == "Search"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new SearchResults([hit]));
        branch.Setup(c => c.CallActivityAsync<SourceReadResult>(It.Is<TaskName>(n => n.Name == "ReadSource"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new SourceReadResult(new SourceRef("light.md", "Light", "s.json", 1200), null));
        branch.Setup(c => c.CallActivityAsync<PassageSetRef>(It.Is<TaskName>(n => n.Name == "SelectPassages"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new PassageSetRef(passagesName, 2, 1));
        return hit;
    }

    [Fact]
    public async Task An_orchestration_without_input_fails_clearly()
    {
        var empty = OrchestrationContextMock.For(ResearchId);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ResearchOrchestrators.RunStandardResearchAsync(empty.Object));

        Assert.Contains(nameof(ResearchInput), thrown.Message);
    }
}
