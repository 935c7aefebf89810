namespace Researcher.Functions.Orchestration;

/// <summary>
/// The function names as constants, because attributes need constants. Each equals the name of a
/// Core step or workflow (ResearchSteps, ResearchWorkflows); a reflection test keeps them equal.
/// </summary>
public static class DurableFunctionNames
{
    public const string StandardResearch = Core.Workflow.ResearchWorkflows.Standard;
    public const string SubQuestionResearch = "SubQuestionResearch";
    public const string DeepResearchBranch = "DeepResearchBranch";

    public const string PrepareSources = "PrepareSources";
    public const string Plan = "Plan";
    public const string Search = "Search";
    public const string ReadSource = "ReadSource";
    public const string SelectPassages = "SelectPassages";
    public const string TakeNotes = "TakeNotes";
    public const string ExtractLearnings = "ExtractLearnings";
    public const string WriteReport = "WriteReport";
    public const string RecordProgress = "RecordProgress";
}
