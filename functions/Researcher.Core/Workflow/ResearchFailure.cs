namespace Researcher.Core.Workflow;

/// <summary>What kind of fault ended a step: enough for a user to know what to do, nothing more.</summary>
public enum FailureCategory
{
    /// <summary>A search, reading or model provider could not be reached or kept failing.</summary>
    Provider,
    /// <summary>The research's storage (blobs, tables, queues) was unavailable.</summary>
    Storage,
    /// <summary>Content a step needed was missing or malformed.</summary>
    Content,
    /// <summary>Anything else: a fault of Researcher itself, detailed in the host's log.</summary>
    Internal,
}

/// <summary>
/// Why a step failed, in words safe to show any client: the step and the category of the fault.
/// The exception's own message never appears here (it may hold paths, URLs or secrets); it stays
/// in the host's log, where the step's failure was recorded when it happened.
/// </summary>
public sealed record ResearchFailure(string Step, FailureCategory Category, string Reason)
{
    /// <summary>Exception types (full names) by the category they fall in; anything else is internal.</summary>
    private static readonly IReadOnlyDictionary<string, FailureCategory> CategoriesByErrorType = new Dictionary<string, FailureCategory>(StringComparer.Ordinal)
    {
        ["System.Net.Http.HttpRequestException"] = FailureCategory.Provider,
        ["System.Net.Sockets.SocketException"] = FailureCategory.Provider,
        ["System.TimeoutException"] = FailureCategory.Provider,
        ["System.Threading.Tasks.TaskCanceledException"] = FailureCategory.Provider,
        ["Azure.RequestFailedException"] = FailureCategory.Storage,
        ["System.IO.IOException"] = FailureCategory.Storage,
        ["Researcher.Core.Storage.MissingContentException"] = FailureCategory.Content,
        ["System.Text.Json.JsonException"] = FailureCategory.Content,
        ["System.IO.InvalidDataException"] = FailureCategory.Content,
        ["System.FormatException"] = FailureCategory.Content,
    };

    private static readonly IReadOnlyDictionary<string, string> StepTitles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ResearchSteps.PrepareSources.Name] = "Indexing the documents",
        [ResearchSteps.Plan.Name] = "Planning the sub-questions",
        [ResearchSteps.Search.Name] = "Searching",
        [ResearchSteps.ReadSource.Name] = "Reading a source",
        [ResearchSteps.SelectPassages.Name] = "Selecting passages",
        [ResearchSteps.ExtractLearnings.Name] = "Extracting what a branch learned",
        [ResearchSteps.WriteReport.Name] = "Writing the report",
        [ResearchSteps.RecordProgress.Name] = "Recording progress",
        [ResearchWorkflows.SubQuestion.Name] = "Researching a sub-question",
        [ResearchWorkflows.DeepBranch.Name] = "Exploring a branch",
    };

    /// <summary>The safe description of a failed step or branch.</summary>
    public static ResearchFailure Of(StepFailedException failure)
    {
        var category = CategoriesByErrorType.GetValueOrDefault(failure.ErrorType, FailureCategory.Internal);
        var title = StepTitles.GetValueOrDefault(failure.StepName, $"The step {failure.StepName}");
        return new ResearchFailure(failure.StepName, category, $"{title} failed: {Describe(category)}.");
    }

    /// <summary>The failure of a research whose orchestration itself broke (not one of its steps).</summary>
    public static ResearchFailure Unexpected { get; } = new("research", FailureCategory.Internal,
        "The research failed unexpectedly: " + Describe(FailureCategory.Internal) + ".");

    private static string Describe(FailureCategory category) => category switch
    {
        FailureCategory.Provider => "a provider could not be reached or kept failing, even after retries",
        FailureCategory.Storage => "storage was unavailable, even after retries",
        FailureCategory.Content => "content it needed was missing or malformed",
        _ => "an internal error occurred (the host's log has the details)",
    };
}
