using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Orchestration;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Http;

public sealed class ResearchStatusMappingTests
{
    private const string ResearchId = "00112233445566778899aabbccddeeff";
    private static readonly DataConverter Converter = new JsonDataConverter();
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = Created.AddMinutes(3);

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending, ResearchRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running, ResearchRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended, ResearchRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed, ResearchRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed, ResearchRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated, ResearchRuntimeStatus.Cancelled)]
    public void Every_runtime_status_maps_to_a_research_status(OrchestrationRuntimeStatus runtimeStatus, ResearchRuntimeStatus expected)
    {
        Assert.Equal(expected, runtimeStatus.ToResearchStatus());
        Assert.Equal(expected, Metadata(runtimeStatus).ToStatusResponse().Status);
    }

    [Fact]
    public void Every_runtime_status_is_mapped()
    {
        foreach (var status in Enum.GetValues<OrchestrationRuntimeStatus>())
            Assert.True(Enum.IsDefined(status.ToResearchStatus()));
    }

    [Fact]
    public void A_running_research_reports_its_question_and_current_progress()
    {
        var response = Metadata(OrchestrationRuntimeStatus.Running, new ResearchProgress(42, "research", "Reading sources")).ToStatusResponse();

        Assert.Equal(ResearchId, response.Id);
        Assert.Equal("Why is the sky blue?", response.Question);
        Assert.Equal("research_report", response.ReportType);
        Assert.Equal(42, response.Percent);
        Assert.Equal("research", response.CurrentStep);
        Assert.Equal("Reading sources", response.Message);
        Assert.Equal(Created, response.CreatedAt);
        Assert.Equal(Updated, response.UpdatedAt);
        Assert.Null(response.Failure);
        Assert.Equal(ResearchLinks.For(ResearchId), response.Links);
    }

    [Fact]
    public void A_pending_research_without_status_is_at_zero_percent()
    {
        var response = Metadata(OrchestrationRuntimeStatus.Pending).ToStatusResponse();

        Assert.Equal(0, response.Percent);
        Assert.Null(response.CurrentStep);
    }

    [Fact]
    public void A_completed_research_is_at_one_hundred_percent()
    {
        Assert.Equal(100, Metadata(OrchestrationRuntimeStatus.Completed, new ResearchProgress(85, "write", "Writing")).ToStatusResponse().Percent);
    }

    [Fact]
    public void A_failed_research_says_why()
    {
        var failure = new TaskFailureDetails("Researcher.Core.Workflow.StepFailedException", "Step 'Plan' failed: no model", null, null, null);

        var response = Metadata(OrchestrationRuntimeStatus.Failed, new ResearchProgress(2, "plan", "Planning"), failure).ToStatusResponse();

        Assert.Equal("Step 'Plan' failed: no model", response.Failure);
        Assert.Equal(2, response.Percent);
    }

    [Fact]
    public void A_cancelled_research_has_no_failure()
    {
        Assert.Null(Metadata(OrchestrationRuntimeStatus.Terminated).ToStatusResponse().Failure);
    }

    private static OrchestrationMetadata Metadata(
        OrchestrationRuntimeStatus status, ResearchProgress? progress = null, TaskFailureDetails? failure = null) =>
        new(ResearchWorkflows.Standard, ResearchId)
        {
            DataConverter = Converter,
            RuntimeStatus = status,
            CreatedAt = Created,
            LastUpdatedAt = Updated,
            SerializedInput = Converter.Serialize(new ResearchInput(ResearchId, DurableResearchContextTests.Spec())),
            SerializedCustomStatus = Converter.Serialize(progress),
            FailureDetails = failure,
        };
}
