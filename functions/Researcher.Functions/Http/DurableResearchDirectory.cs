using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Researcher.Core.Api;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Http;

/// <summary>The research directory over Durable Functions' client: a research is the standard orchestration whose instance id is its id.</summary>
public sealed class DurableResearchDirectory(DurableTaskClient client) : IResearchDirectory
{
    public Task StartAsync(ResearchInput input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            ResearchWorkflows.Standard, input, new StartOrchestrationOptions(input.ResearchId), cancellationToken);

    public async Task<ResearchInstance?> FindAsync(string researchId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(researchId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || !string.Equals(metadata.Name, ResearchWorkflows.Standard, StringComparison.OrdinalIgnoreCase))
            return null;
        var input = metadata.ReadInputAs<ResearchInput>() ?? throw new InvalidOperationException(
            $"Research orchestration {metadata.InstanceId} has no input.");
        var status = ToEngineStatus(metadata.RuntimeStatus);
        return ResearchInstance.FromEngine(
            metadata.InstanceId, input, status, metadata.ReadCustomStatusAs<ResearchProgress>(),
            status == EngineStatus.Completed ? metadata.ReadOutputAs<ResearchOutcome>() : null,
            metadata.CreatedAt, metadata.LastUpdatedAt);
    }

    public Task RequestCancelAsync(string researchId, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(researchId, ResearchWorkflows.CancelEvent, ResearchWorkflows.CancelEvent, cancellationToken);

    /// <summary>Suspended still runs; the obsolete ContinuedAsNew and Canceled values map to running and terminated.</summary>
    public static EngineStatus ToEngineStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => EngineStatus.Pending,
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => EngineStatus.Running,
        OrchestrationRuntimeStatus.Completed => EngineStatus.Completed,
        OrchestrationRuntimeStatus.Failed => EngineStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => EngineStatus.Terminated,
#pragma warning disable CS0618 // obsolete members, still part of the enum
        OrchestrationRuntimeStatus.ContinuedAsNew => EngineStatus.Running,
        OrchestrationRuntimeStatus.Canceled => EngineStatus.Terminated,
#pragma warning restore CS0618
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration runtime status."),
    };
}
