using Microsoft.Extensions.Options;
using Researcher.Core.Search;
using Researcher.Core.Text;

namespace Researcher.Core.Planning;

/// <summary>
/// Plans without a language model. Sub-question q0 is the question itself. The others come from a
/// first search for the question: each well-ranked result whose section (or document) adds a topic
/// to the question's own becomes "What does “&lt;section&gt;” say about &lt;topic&gt;?" (for how-to
/// questions "... say about how to &lt;topic&gt;?"), titled
/// "&lt;document&gt;: &lt;section&gt;" (section numbers left out, and the section once when it
/// repeats the document's title). Topics that repeat one already planned
/// are skipped, so the plan is shorter when the documents have less to say. Deterministic for a
/// given search.
/// </summary>
public sealed class ExtractivePlanner(ISearchProvider searchProvider, IOptions<ExtractivePlanningOptions> options) : IResearchPlanner
{
    private const double SameTopicSimilarity = 0.6;
    private readonly ExtractivePlanningOptions settings = options.Value;

    public async Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, CancellationToken cancellationToken)
    {
        var hits = maxSubQuestions <= 1
            ? []
            : await searchProvider.SearchAsync(question, (maxSubQuestions - 1) * settings.CandidatesPerSubQuestion, cancellationToken);
        return await PlanAsync(question, maxSubQuestions, hits, cancellationToken);
    }

    public Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, IReadOnlyList<SearchHit> firstResults, CancellationToken cancellationToken)
    {
        var subQuestions = new List<SubQuestion>
        {
            new("q0", question.Trim(), QuestionPhrasing.Title(question, settings.MaxTitleCharacters)),
        };
        var hits = firstResults;
        if (maxSubQuestions <= 1 || hits.Count == 0) return Task.FromResult(new ResearchPlan(subQuestions));

        var questionTerms = ResearchAnalyzer.DistinctTerms(question);
        var plannedTopics = new List<IReadOnlySet<string>> { questionTerms };
        var plannedTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { subQuestions[0].Title };
        var minScore = hits[0].Score * settings.MinRelativeScore;

        foreach (var hit in hits.TakeWhile(hit => hit.Score >= minScore))
        {
            var documentTitle = QuestionPhrasing.WithoutNumbering(hit.Title);
            var focus = string.IsNullOrWhiteSpace(hit.Section) ? documentTitle : QuestionPhrasing.WithoutNumbering(hit.Section);
            var focusTerms = ResearchAnalyzer.DistinctTerms(focus);
            // A topic inside the question's own words, or one that holds all of them, is what q0 already researches.
            if (focusTerms.Count == 0 || focusTerms.All(questionTerms.Contains) || questionTerms.All(focusTerms.Contains)) continue;
            if (plannedTopics.Any(planned => TermOverlap.Jaccard(planned, focusTerms) >= SameTopicSimilarity)) continue;

            // A section named like its document (its first heading, usually) is titled once.
            var title = QuestionPhrasing.Shorten(
                documentTitle.Contains(focus, StringComparison.OrdinalIgnoreCase) ? documentTitle : $"{documentTitle}: {focus}",
                settings.MaxTitleCharacters);
            if (!plannedTitles.Add(title)) continue;

            plannedTopics.Add(focusTerms);
            subQuestions.Add(new SubQuestion($"q{subQuestions.Count}",
                QuestionPhrasing.SubQuestion(focus, question), title));
            if (subQuestions.Count >= maxSubQuestions) break;
        }
        return Task.FromResult(new ResearchPlan(subQuestions));
    }

}
