using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Search;

namespace Researcher.Core.Writing;

/// <summary>
/// Learnings and follow-ups without a language model. The learnings are the passages' sentences
/// that best answer the branch's query (the offline writer's sentence extraction and ranking, at
/// most <see cref="ExtractiveWritingOptions.MaxSentencesPerSection"/>), leaving out what a branch
/// above already learned. The follow-ups are planned from the passages found, as the offline
/// planner plans from a first search: each section heading that adds a topic to the research's
/// question becomes a query about that section, so a branch goes deeper into what its sources
/// cover. As the planner does with a first search, it proposes
/// <see cref="ExtractivePlanningOptions.CandidatesPerSubQuestion"/> candidates per follow-up it may
/// have, best first: sibling branches read overlapping passages, and the tree skips a candidate
/// another branch already explores, so the next one takes its place. Deterministic for given passages.
/// </summary>
public sealed class ExtractiveLearningExtractor(
    ExtractivePlanner planner, IOptions<ExtractiveWritingOptions> options, IOptions<ExtractivePlanningOptions> planning) : ILearningExtractor
{
    private readonly ExtractiveWritingOptions settings = options.Value;
    private readonly int candidatesPerFollowUp = planning.Value.CandidatesPerSubQuestion;

    public ResearchUsage Estimate(LearningRequest request) => ResearchUsage.Zero;

    public async Task<BranchLearnings> ExtractAsync(LearningRequest request, CancellationToken cancellationToken)
    {
        var known = request.Known.Select(l => l.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sentences = SentenceExtractor.Extract([new PassageSet(request.Query, request.Passages)], settings);
        var learnings = new AnswerRanker(sentences, settings).Rank(sentences, request.Query.SearchText)
            .Where(r => r.Score > 0 && !known.Contains(r.Sentence.Text))
            .Take(settings.MaxSentencesPerSection)
            .Select(r => new Learning(r.Sentence.Text, [r.Sentence.Passage.SourceLocation]))
            .ToList();

        var followUps = new List<FollowUpQuery>();
        if (request.MaxFollowUps > 0 && request.Passages.Count > 0)
        {
            // The passages, best first, as the results of a first search; the planner's first sub-question is the question itself.
            var found = request.Passages
                .Select(p => new SearchHit(p.SourceLocation, p.SourceTitle, p.Section, p.Score, p.Text))
                .ToList();
            var plan = await planner.PlanAsync(request.Question, request.MaxFollowUps * candidatesPerFollowUp + 1, found, cancellationToken);
            followUps.AddRange(plan.SubQuestions.Skip(1)
                .Where(q => !string.Equals(q.SearchText, request.Query.SearchText, StringComparison.OrdinalIgnoreCase))
                .Select(q => new FollowUpQuery(q.SearchText, q.Title, q.Query is null ? null : q.Text)));
        }
        return new BranchLearnings(request.Query, learnings, followUps);
    }
}
