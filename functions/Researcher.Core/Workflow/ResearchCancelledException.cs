namespace Researcher.Core.Workflow;

/// <summary>
/// Thrown into a workflow by the research port once cancellation of the research was requested:
/// the workflow stops starting work, records that it was cancelled, and ends.
/// </summary>
public sealed class ResearchCancelledException() : Exception("The research was cancelled.");
