namespace Researcher.Core.Workflow;

/// <summary>
/// Names a step and fixes its input and output types, so that a workflow's call and the host's
/// handler cannot disagree. The name is the Durable activity name.
/// </summary>
public sealed record StepDefinition<TInput, TOutput>(string Name);

/// <summary>Names a branch workflow (a Durable sub-orchestration) and fixes its input and output types.</summary>
public sealed record BranchDefinition<TInput, TOutput>(string Name);
