namespace Microsoft.DurableTask.Client;

/// <summary>How to terminate an orchestration: its final output and whether sub-orchestrations end too (false by default).</summary>
public record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
