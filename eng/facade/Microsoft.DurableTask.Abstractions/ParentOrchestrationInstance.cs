namespace Microsoft.DurableTask;

/// <summary>The orchestration that started a sub-orchestration.</summary>
public record ParentOrchestrationInstance(TaskName Name, string InstanceId);
