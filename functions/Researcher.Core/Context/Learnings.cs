using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Text;

namespace Researcher.Core.Context;

/// <summary>One thing a deep-research branch learned: a short, self-contained statement and the sources it rests on (at least one).</summary>
public sealed record Learning(string Text, IReadOnlyList<string> SourceLocations);

/// <summary>
/// A query a branch proposes to explore next, with its research goal (what it is meant to find; the
/// heading of its part of the report) and, when the query is not itself the question a person would
/// ask (the offline planner's), that question, shown instead of it.
/// </summary>
public sealed record FollowUpQuery(string Query, string Goal, string? Question = null)
{
    /// <summary>The branch this proposes: asked as <see cref="Question"/> when there is one, searched for as <see cref="Query"/>.</summary>
    public SubQuestion Branch(string key) => Question is null ? new(key, Query, Goal) : new(key, Question, Goal, Query);
}

/// <summary>What one branch learned from its passages, and where it proposes to look next (stored per branch).</summary>
public sealed record BranchLearnings(SubQuestion Query, IReadOnlyList<Learning> Learnings, IReadOnlyList<FollowUpQuery> FollowUps);

/// <summary>
/// What a deep-research branch hands to the extractor: the research's question, the branch's
/// query, its passages (best first), what the branches above it already learned (not to be
/// repeated), and how many follow-up queries it may propose (0 at the last level).
/// </summary>
public sealed record LearningRequest(
    string Question, SubQuestion Query, IReadOnlyList<Passage> Passages, IReadOnlyList<Learning> Known, int MaxFollowUps, WritingStyle Style);

/// <summary>
/// Turns a branch's passages into learnings and follow-up queries: a language model when one is
/// configured, otherwise extractively (learnings are the passages' best sentences; follow-ups come
/// from the headings of the passages found).
/// </summary>
public interface ILearningExtractor
{
    /// <summary>The most a call of <see cref="ExtractAsync"/> for <paramref name="request"/> can spend (zero offline).</summary>
    ResearchUsage Estimate(LearningRequest request);

    Task<BranchLearnings> ExtractAsync(LearningRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// The learnings of a whole tree, each once: a learning is left out when one kept before states
/// the same (the same words, or a Jaccard overlap of their distinct terms of at least
/// <see cref="NearDuplicateSimilarity"/>), so sibling branches that found the same fact report it once.
/// </summary>
public sealed class DistinctLearnings
{
    /// <summary>How alike two learnings' terms must be to count as one statement.</summary>
    public const double NearDuplicateSimilarity = 0.8;

    private readonly List<IReadOnlySet<string>> kept = [];

    /// <summary>The learnings of <paramref name="learnings"/> that no learning kept so far (these included) states already.</summary>
    public IReadOnlyList<Learning> AddNew(IEnumerable<Learning> learnings)
    {
        var added = new List<Learning>();
        foreach (var learning in learnings)
        {
            var terms = ResearchAnalyzer.DistinctTerms(learning.Text);
            if (kept.Any(k => k.SetEquals(terms) || TermOverlap.Jaccard(k, terms) >= NearDuplicateSimilarity)) continue;
            kept.Add(terms);
            added.Add(learning);
        }
        return added;
    }
}
