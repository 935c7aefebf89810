using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Planning;

/// <summary>How the offline planner turns a first search into sub-questions. Bound from <c>Research:Planning</c>.</summary>
public sealed class ExtractivePlanningOptions
{
    public const string SectionName = "Research:Planning";

    /// <summary>Search results considered per sub-question to plan (distinct topics are taken from them in rank order).</summary>
    [Range(1, 20)]
    public int CandidatesPerSubQuestion { get; set; } = 3;

    /// <summary>Without an embedding model: a result becomes a sub-question only when its score is at least this share of the best result's.</summary>
    [Range(0.0, 1.0)]
    public double MinRelativeScore { get; set; } = 0.3;

    /// <summary>
    /// With an embedding model: λ of the maximal marginal relevance that chooses the sub-questions'
    /// topics, from 0 (only how different a topic is from those chosen) to 1 (only how similar it is to the question).
    /// </summary>
    [Range(0.0, 1.0)]
    public double TopicRelevanceWeight { get; set; } = 0.7;

    /// <summary>Longest sub-question title, in characters (a longer one is cut at a word).</summary>
    [Range(20, 1_000)]
    public int MaxTitleCharacters { get; set; } = 100;
}
