namespace Researcher.Core.Workflow;

/// <summary>Thrown into a workflow when a step or branch failed after all of its retries.</summary>
public sealed class StepFailedException(string stepName, string errorType, string errorMessage, Exception? inner = null)
    : Exception($"Step '{stepName}' failed: {errorMessage}", inner)
{
    public string StepName { get; } = stepName;
    public string ErrorType { get; } = errorType;
    public string ErrorMessage { get; } = errorMessage;
}
