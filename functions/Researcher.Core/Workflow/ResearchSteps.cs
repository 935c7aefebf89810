using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Search;

namespace Researcher.Core.Workflow;

// Step inputs and outputs cross the engine's serialization boundary (the Durable history): they
// hold names and small values only; text lives in the content store.

public sealed record PrepareSourcesInput(string ResearchId);

/// <summary>
/// Whether the research's search can search now; when not (the documents' index is being built),
/// where the build is: its phase (<see cref="IndexPhase"/>'s name, lower case) and how much of it
/// is done (files read, for <c>reading</c>).
/// </summary>
public sealed record SourcesReadiness(bool Ready, string? Phase, int Done, int Total)
{
    public static SourcesReadiness Searchable { get; } = new(true, null, 0, 0);

    public static SourcesReadiness Building(IndexProgress progress) =>
        new(false, progress.Phase.ToString().ToLowerInvariant(), progress.Done, progress.Total);
}

public sealed record PlanInput(string ResearchId, string Question, int MaxSubQuestions)
{
    /// <summary>When not empty, the research's only sources: the plan is made from them, not from a search.</summary>
    public IReadOnlyList<string> SourceUrls { get; init; } = [];
}

public sealed record SearchInput(string ResearchId, string Query, int MaxResults)
{
    /// <summary>When not empty, the results are these pages, whatever the query.</summary>
    public IReadOnlyList<string> SourceUrls { get; init; } = [];
}

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits);

public sealed record ReadSourceInput(string ResearchId, SearchHit Hit);

/// <summary>A source read and stored under <see cref="ContentName"/>.</summary>
public sealed record SourceRef(string Location, string Title, string ContentName, int CharacterCount);

/// <summary>Either the stored source, or why it could not be read (a warning, not a failure).</summary>
public sealed record SourceReadResult(SourceRef? Source, string? Warning);

public sealed record SelectPassagesInput(
    string ResearchId, SubQuestion SubQuestion, IReadOnlyList<SourceRef> Sources, int MaxPassages, int MaxCharacters)
{
    /// <summary>When set, the result estimates what taking notes from each source would cost, in this style.</summary>
    public WritingStyle? NoteStyle { get; init; }
}

/// <summary>
/// The passages chosen for a sub-question, stored under <see cref="ContentName"/>; with
/// <see cref="NoteEstimates"/> (best source first) when notes are to be taken, and the
/// <see cref="Usage"/> of any model the selection called (embeddings).
/// </summary>
public sealed record PassageSetRef(string ContentName, int PassageCount, int SourceCount)
{
    public IReadOnlyList<NoteEstimate> NoteEstimates { get; init; } = [];

    public ResearchUsage? Usage { get; init; }
}

/// <summary>The most taking notes from one source's passages can cost.</summary>
public sealed record NoteEstimate(string SourceLocation, ResearchUsage Estimate);

/// <summary>Take notes from the passages of one source (<see cref="SourceLocation"/>) in a sub-question's stored passage set.</summary>
public sealed record TakeNotesInput(string ResearchId, SubQuestion SubQuestion, string PassagesContentName, string SourceLocation, WritingStyle Style);

/// <summary>A source's notes, stored under <see cref="ContentName"/>, and what taking them cost.</summary>
public sealed record NotesRef(string SourceLocation, string ContentName, int NoteCount, ResearchUsage Usage);

/// <summary>
/// What the writer gets: the findings of every branch that ended (a deep research's in
/// <see cref="Tree"/> instead), and the gaps (branches that failed, a limit that ended exploration) it must name.
/// </summary>
public sealed record WriteReportInput(
    string ResearchId, string Question, ReportType ReportType, IReadOnlyList<SubQuestionFindings> Findings, IReadOnlyList<string> Gaps)
{
    /// <summary>A deep research's explored branches, in path order: one section per top-level branch, with everything its subtree found.</summary>
    public IReadOnlyList<ExploredBranch> Tree { get; init; } = [];

    public WritingStyle Style { get; init; } = WritingStyle.Default;

    /// <summary>True when notes were taken: the writer works from the notes alone (a source without notes is left out).</summary>
    public bool FromNotes { get; init; }

    /// <summary>The research's whole budget; the writer may spend what <see cref="SpentBefore"/> left of it.</summary>
    public ResearchBudget Budget { get; init; } = ResearchBudget.Unlimited;

    /// <summary>What the research spent before writing, for the report's account of its costs.</summary>
    public ResearchUsage SpentBefore { get; init; } = ResearchUsage.Zero;

    /// <summary>True when gathering stopped at its budget: the report says so.</summary>
    public bool BudgetReached { get; init; }

    /// <summary>The currency costs are shown in.</summary>
    public string Currency { get; init; } = "USD";
}

/// <summary>A deep research's branch as the writer needs it: its query (key: its path), where its passages and learnings are stored, its warnings.</summary>
public sealed record ExploredBranch(SubQuestion Query, string PassagesContentName, string LearningsContentName, IReadOnlyList<string> Warnings);

/// <summary>The stored report, and what writing it cost.</summary>
public sealed record ReportRef(string ContentName, int WordCount, int CitationCount, int SourceCount)
{
    public ResearchUsage? Usage { get; init; }
}

/// <summary>
/// What one sub-question's branch found: its passages and the sources it read, or the failure that
/// ended it (a gap the report names).
/// </summary>
public sealed record SubQuestionFindings(
    SubQuestion SubQuestion,
    PassageSetRef? Passages,
    IReadOnlyList<string> Warnings,
    ResearchFailure? Failure = null,
    IReadOnlyList<SourceRef>? Sources = null)
{
    /// <summary>The notes taken from the branch's sources (best first); empty without a language model.</summary>
    public IReadOnlyList<NotesRef> Notes { get; init; } = [];

    /// <summary>What the branch spent on models.</summary>
    public ResearchUsage Usage { get; init; } = ResearchUsage.Zero;

    /// <summary>True when the branch left sources without notes because its share of the budget was spent.</summary>
    public bool BudgetReached { get; init; }

    public static SubQuestionFindings Failed(SubQuestion subQuestion, ResearchFailure failure) => new(subQuestion, null, [], failure);
}

public sealed record SubQuestionInput(string ResearchId, SubQuestion SubQuestion, ResearchSpec Spec)
{
    /// <summary>What this branch may spend on models (its share of the gathering budget).</summary>
    public ResearchBudget Allowance { get; init; } = ResearchBudget.Unlimited;
}

/// <summary>
/// The input of a whole research: its id, its validated request, and who started it (the verified
/// user's id when an identity is configured; null when the id alone is the capability).
/// </summary>
public sealed record ResearchInput(string ResearchId, ResearchSpec Spec, string? Owner = null);

/// <summary>
/// How a whole research ended, as its workflow decided: completed with its report, failed with a
/// safe reason, or cancelled. The Durable orchestration completes normally in all three cases.
/// </summary>
public sealed record ResearchOutcome(ResearchRuntimeStatus Status, ReportRef? Report, ResearchFailure? Failure, IReadOnlyList<string> Warnings)
{
    /// <summary>What the research spent on models, in all, and whether its budget cut gathering short.</summary>
    public ResearchUsage Usage { get; init; } = ResearchUsage.Zero;

    public bool BudgetReached { get; init; }

    public static ResearchOutcome Completed(ReportRef report, IReadOnlyList<string> warnings) =>
        new(ResearchRuntimeStatus.Completed, report, null, warnings);

    public static ResearchOutcome Failed(ResearchFailure failure) => new(ResearchRuntimeStatus.Failed, null, failure, []);

    public static ResearchOutcome Cancelled() => new(ResearchRuntimeStatus.Cancelled, null, null, []);
}

/// <summary>Acknowledges a step that has nothing to return (the JSON of an empty object).</summary>
public sealed record Done
{
    public static Done Instance { get; } = new();
}

/// <summary>The steps of a research. Their names are the Durable activity names.</summary>
public static class ResearchSteps
{
    public static StepDefinition<PrepareSourcesInput, SourcesReadiness> PrepareSources { get; } = new("PrepareSources");
    public static StepDefinition<PlanInput, ResearchPlan> Plan { get; } = new("Plan");
    public static StepDefinition<SearchInput, SearchResults> Search { get; } = new("Search");
    public static StepDefinition<ReadSourceInput, SourceReadResult> ReadSource { get; } = new("ReadSource");
    public static StepDefinition<SelectPassagesInput, PassageSetRef> SelectPassages { get; } = new("SelectPassages");
    public static StepDefinition<TakeNotesInput, NotesRef> TakeNotes { get; } = new("TakeNotes");
    public static StepDefinition<ExtractLearningsInput, LearningsRef> ExtractLearnings { get; } = new("ExtractLearnings");
    public static StepDefinition<WriteReportInput, ReportRef> WriteReport { get; } = new("WriteReport");
    public static StepDefinition<ProgressEvent, Done> RecordProgress { get; } = new("RecordProgress");
}

/// <summary>The workflows of a research. Their names are the Durable orchestrator names.</summary>
public static class ResearchWorkflows
{
    public const string Standard = "StandardResearch";

    /// <summary>The external event that asks a research (and each of its branches) to cancel.</summary>
    public const string CancelEvent = "CancelResearch";

    public static BranchDefinition<SubQuestionInput, SubQuestionFindings> SubQuestion { get; } = new("SubQuestionResearch");

    public static BranchDefinition<DeepBranchInput, DeepBranchFindings> DeepBranch { get; } = new("DeepResearchBranch");
}
