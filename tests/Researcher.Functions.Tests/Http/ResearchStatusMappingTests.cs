using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Http;

public sealed class ResearchStatusMappingTests
{
    private const string ResearchId = ResearchMetadata.ResearchId;

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
        Assert.Equal(expected, ResearchMetadata.Of(runtimeStatus).ToStatusResponse().Status);
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
        var response = ResearchMetadata.Of(OrchestrationRuntimeStatus.Running, new ResearchProgress(42, "research", "Reading sources")).ToStatusResponse();

        Assert.Equal(ResearchId, response.Id);
        Assert.Equal("Why is the sky blue?", response.Question);
        Assert.Equal("research_report", response.ReportType);
        Assert.Equal(42, response.Percent);
        Assert.Equal("research", response.CurrentStep);
        Assert.Equal("Reading sources", response.Message);
        Assert.Equal(ResearchMetadata.Created, response.CreatedAt);
        Assert.Equal(ResearchMetadata.Updated, response.UpdatedAt);
        Assert.Null(response.Failure);
        Assert.Equal(ResearchLinks.For(ResearchId), response.Links);
    }

    [Fact]
    public void A_pending_research_without_status_is_at_zero_percent()
    {
        var response = ResearchMetadata.Of(OrchestrationRuntimeStatus.Pending).ToStatusResponse();

        Assert.Equal(0, response.Percent);
        Assert.Null(response.CurrentStep);
    }

    [Fact]
    public void A_completed_research_is_at_one_hundred_percent()
    {
        Assert.Equal(100, ResearchMetadata.Of(OrchestrationRuntimeStatus.Completed, new ResearchProgress(85, "write", "Writing")).ToStatusResponse().Percent);
    }

    [Fact]
    public void A_failed_research_says_why()
    {
        var failure = new TaskFailureDetails("Researcher.Core.Workflow.StepFailedException", "Step 'Plan' failed: no model", null, null, null);

        var response = ResearchMetadata.Of(OrchestrationRuntimeStatus.Failed, new ResearchProgress(2, "plan", "Planning"), failure).ToStatusResponse();

        Assert.Equal("Step 'Plan' failed: no model", response.Failure);
        Assert.Equal(2, response.Percent);
    }

    [Fact]
    public void A_cancelled_research_has_no_failure()
    {
        Assert.Null(ResearchMetadata.Of(OrchestrationRuntimeStatus.Terminated).ToStatusResponse().Failure);
    }
}
