using DurableTask.Core;
using Researcher.Core.Api;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Engine;

/// <summary>The research directory over the local engine's TaskHubClient: a research is the standard orchestration whose instance id is its id.</summary>
public sealed class TaskHubResearchDirectory(DurableEngine engine) : IResearchDirectory
{
    private static readonly DurableTask.Core.Serializing.DataConverter Json = EngineDataConverter.Core;

    public Task StartAsync(ResearchInput input, CancellationToken cancellationToken) =>
        engine.Client.CreateOrchestrationInstanceAsync(ResearchWorkflows.Standard, "", input.ResearchId, input);

    public async Task<ResearchInstance?> FindAsync(string researchId, CancellationToken cancellationToken)
    {
        var state = await engine.Client.GetOrchestrationStateAsync(researchId);
        if (state?.Name is null || !string.Equals(state.Name, ResearchWorkflows.Standard, StringComparison.OrdinalIgnoreCase))
            return null;
        var input = Json.Deserialize<ResearchInput>(state.Input) ?? throw new InvalidOperationException(
            $"Research orchestration {researchId} has no input.");
        var status = ToEngineStatus(state.OrchestrationStatus);
        return ResearchInstance.FromEngine(
            researchId, input, status,
            string.IsNullOrEmpty(state.Status) ? null : Json.Deserialize<ResearchProgress>(state.Status),
            status == EngineStatus.Completed && !string.IsNullOrEmpty(state.Output) ? Json.Deserialize<ResearchOutcome>(state.Output) : null,
            new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)));
    }

    public Task RequestCancelAsync(string researchId, CancellationToken cancellationToken) =>
        engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = researchId }, ResearchWorkflows.CancelEvent, ResearchWorkflows.CancelEvent);

    /// <summary>Suspended still runs; ContinuedAsNew is a running orchestration; the obsolete Canceled is terminated.</summary>
    public static EngineStatus ToEngineStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => EngineStatus.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.Suspended or OrchestrationStatus.ContinuedAsNew => EngineStatus.Running,
        OrchestrationStatus.Completed => EngineStatus.Completed,
        OrchestrationStatus.Failed => EngineStatus.Failed,
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => EngineStatus.Terminated,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };
}
