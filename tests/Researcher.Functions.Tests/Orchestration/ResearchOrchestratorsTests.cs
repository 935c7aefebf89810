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
                "RecordProgress", "RecordProgress", "Plan", "RecordProgress", "RecordProgress",
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
        var hit = new Core.Search.SearchHit("light.md", "Light", null, 1.0, "Rayleigh scattering");
        branch.Setup(c => c.CallActivityAsync<SearchResults>(It.Is<TaskName>(n => n.Name == "Search"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new SearchResults([hit]));
        branch.Setup(c => c.CallActivityAsync<SourceReadResult>(It.Is<TaskName>(n => n.Name == "ReadSource"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new SourceReadResult(new SourceRef("light.md", "Light", "s.json", 1200), null));
        branch.Setup(c => c.CallActivityAsync<PassageSetRef>(It.Is<TaskName>(n => n.Name == "SelectPassages"), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new PassageSetRef("q0.json", 2, 1));

        var findings = await ResearchOrchestrators.RunSubQuestionResearchAsync(branch.Object);

        Assert.Equal(new PassageSetRef("q0.json", 2, 1), findings.Passages);
        Assert.Empty(findings.Warnings);
        branch.Verify(c => c.CallActivityAsync<SourceReadResult>(
            It.IsAny<TaskName>(), It.Is<ReadSourceInput>(i => i.ResearchId == ResearchId && i.Hit == hit), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task An_orchestration_without_input_fails_clearly()
    {
        var empty = OrchestrationContextMock.For(ResearchId);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ResearchOrchestrators.RunStandardResearchAsync(empty.Object));

        Assert.Contains(nameof(ResearchInput), thrown.Message);
    }
}
