namespace Researcher.Core.Planning;

/// <summary>
/// One question the research answers on the way to the main one. <see cref="Key"/> is stable
/// within the research (q0, q1, ...) and names the sub-question's branch and stored passages;
/// <see cref="Text"/> is the question as a person would ask it (shown in the plan);
/// <see cref="Title"/> is the heading of its section in the report; <see cref="Query"/>, when the
/// planner gives one, is what the research searches and ranks for instead of the text (the offline
/// planner's keeps the main question's words, which a short question about one topic leaves out).
/// </summary>
public sealed record SubQuestion(string Key, string Text, string Title, string? Query = null)
{
    /// <summary>What the research searches for and ranks passages and sentences against: <see cref="Query"/>, else <see cref="Text"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string SearchText => Query ?? Text;
}

/// <summary>The planner's output: the sub-questions to research, in report order.</summary>
public sealed record ResearchPlan(IReadOnlyList<SubQuestion> SubQuestions)
{
    /// <summary>What planning spent on models (set by the planning step; null offline).</summary>
    public Contracts.ResearchUsage? Usage { get; init; }
}

/// <summary>Turns a question into sub-questions (an LLM when configured; extractively from a first search offline).</summary>
public interface IResearchPlanner
{
    Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, CancellationToken cancellationToken);

    /// <summary>
    /// Plans from <paramref name="firstResults"/> instead of a search of its own: for a research
    /// limited to a list of pages, whose first results are those pages.
    /// </summary>
    Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, IReadOnlyList<Search.SearchHit> firstResults, CancellationToken cancellationToken);
}
