using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Http;

/// <summary>What a Durable orchestration instance means in the research contract.</summary>
public static class ResearchStatusMapping
{
    /// <summary>
    /// The research status of a Durable runtime status: suspended still runs, terminated is
    /// cancelled. The obsolete ContinuedAsNew and Canceled values are never reported by current
    /// backends; they map to running and cancelled for completeness.
    /// </summary>
    public static ResearchRuntimeStatus ToResearchStatus(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => ResearchRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => ResearchRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => ResearchRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => ResearchRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => ResearchRuntimeStatus.Cancelled,
#pragma warning disable CS0618 // obsolete members, still part of the enum
        OrchestrationRuntimeStatus.ContinuedAsNew => ResearchRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Canceled => ResearchRuntimeStatus.Cancelled,
#pragma warning restore CS0618
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration runtime status."),
    };

    /// <summary>
    /// The status answer for a research orchestration fetched with its inputs and outputs: the
    /// question from the input, progress from the custom status (100% once completed), and the
    /// failure message when it failed.
    /// </summary>
    public static ResearchStatusResponse ToStatusResponse(this OrchestrationMetadata metadata)
    {
        var input = metadata.ReadInputAs<ResearchInput>() ?? throw new InvalidOperationException(
            $"Research orchestration {metadata.InstanceId} has no input; was it fetched with its inputs and outputs?");
        var progress = metadata.ReadCustomStatusAs<ResearchProgress>();
        var status = metadata.RuntimeStatus.ToResearchStatus();
        return new ResearchStatusResponse(
            metadata.InstanceId,
            input.Spec.Question,
            input.Spec.ReportType.ToWireName(),
            status,
            status == ResearchRuntimeStatus.Completed ? 100 : progress?.Percent ?? 0,
            progress?.Step,
            progress?.Message,
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            status == ResearchRuntimeStatus.Failed ? metadata.FailureDetails?.ErrorMessage ?? "The research failed." : null,
            ResearchLinks.For(metadata.InstanceId));
    }
}
