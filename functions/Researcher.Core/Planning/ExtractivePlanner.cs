using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Search;
using Researcher.Core.Text;

namespace Researcher.Core.Planning;

/// <summary>
/// Plans without a language model. Sub-question q0 is the question itself. The others come from a
/// first search for the question: each result whose section (or document) adds a topic to the
/// question's own is a candidate, titled "&lt;document&gt;: &lt;section&gt;" (section numbers left
/// out, and the section once when it repeats the document's title). It is asked about its topic as a
/// person would ask, by the form of the heading (<see cref="QuestionPhrasing.Ask"/>: "What is the event
/// log?", "How do I cancel a research?", or the heading itself when that is a question, as an FAQ's
/// "Why are default values shared between objects?"), and searched for with a query that keeps the
/// question's words, "What does “&lt;section&gt;” say about &lt;topic&gt;?" (for how-to questions "...
/// say about how to &lt;topic&gt;?"). A section whose heading other documents have too
/// (<see cref="SearchHit.SectionIsShared"/>: "Examples") is asked about under its full title,
/// "&lt;document&gt;: &lt;section&gt;". Topics that repeat one already planned are skipped, so the
/// plan is shorter when the documents have less to say.
/// </summary>
/// <remarks>
/// Without an embedding model, candidates are taken in the search's order while their score is at
/// least <see cref="ExtractivePlanningOptions.MinRelativeScore"/> of the best. With one, each
/// candidate's topic (its document's title, section heading and snippet, see <see cref="EmbeddedText"/>)
/// is embedded with the question, and they are chosen by maximal marginal relevance
/// (<see cref="ExtractivePlanningOptions.TopicRelevanceWeight"/>), so the plan covers the different
/// things the documents say about the question rather than one thing in several sections. There is
/// no similarity floor: the search's results are already the documents' best answers (its dense
/// ranking has its own floor), and the similarity of a right topic differs from one corpus to
/// another (0.28 and up on the shipped docs, 0.41 and up on the Python docs). Deterministic for a
/// given search and model.
/// </remarks>
public sealed class ExtractivePlanner(
    ISearchProvider searchProvider, IOptions<ExtractivePlanningOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    : IResearchPlanner
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

    public async Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, IReadOnlyList<SearchHit> firstResults, CancellationToken cancellationToken)
    {
        var subQuestions = new List<SubQuestion>
        {
            new("q0", question.Trim(), QuestionPhrasing.Title(question, settings.MaxTitleCharacters)),
        };
        if (maxSubQuestions <= 1 || firstResults.Count == 0) return new ResearchPlan(subQuestions);

        var candidates = Candidates(question, firstResults, subQuestions[0].Title);
        var chosen = embeddings is null
            ? candidates.TakeWhile(c => c.Hit.Score >= firstResults[0].Score * settings.MinRelativeScore).Take(maxSubQuestions - 1).ToList()
            : await ByMeaningAsync(question, candidates, maxSubQuestions - 1, cancellationToken);
        foreach (var candidate in chosen)
            subQuestions.Add(new SubQuestion($"q{subQuestions.Count}", candidate.Text, candidate.Title, candidate.Query));
        return new ResearchPlan(subQuestions);
    }

    /// <summary>
    /// The results that could be sub-questions, in the search's order: each adds a topic to the
    /// question's own and repeats no topic or title of one before it.
    /// </summary>
    private List<Candidate> Candidates(string question, IReadOnlyList<SearchHit> hits, string questionTitle)
    {
        var questionTerms = ResearchAnalyzer.DistinctTerms(question);
        var plannedTopics = new List<IReadOnlySet<string>> { questionTerms };
        var plannedTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { questionTitle };
        var candidates = new List<Candidate>();
        foreach (var hit in hits)
        {
            var documentTitle = QuestionPhrasing.WithoutNumbering(hit.Title);
            var section = string.IsNullOrWhiteSpace(hit.Section) ? documentTitle : QuestionPhrasing.WithoutNumbering(hit.Section);
            // A section named like its document (its first heading, usually) is titled once.
            var title = documentTitle.Contains(section, StringComparison.OrdinalIgnoreCase) ? documentTitle : $"{documentTitle}: {section}";
            // A heading other documents have too ("Examples") is asked about with its document's title;
            // a heading that is a question (an FAQ's) is asked as it is.
            var focus = hit.SectionIsShared && !section.TrimEnd().EndsWith('?') ? title : section;
            var focusTerms = ResearchAnalyzer.DistinctTerms(focus);
            // A topic inside the question's own words, or one that holds all of them, is what q0 already researches.
            if (focusTerms.Count == 0 || focusTerms.All(questionTerms.Contains) || questionTerms.All(focusTerms.Contains)) continue;
            if (plannedTopics.Any(planned => TermOverlap.Jaccard(planned, focusTerms) >= SameTopicSimilarity)) continue;

            title = QuestionPhrasing.Shorten(title, settings.MaxTitleCharacters);
            if (!plannedTitles.Add(title)) continue;

            plannedTopics.Add(focusTerms);
            // A heading that is a question is asked and searched for as it is; any other is asked in a
            // person's words and searched for with the question's words.
            var asQuestion = focus.TrimEnd().EndsWith('?');
            candidates.Add(new Candidate(hit, QuestionPhrasing.Ask(focus, question), asQuestion ? null : QuestionPhrasing.Query(focus, question),
                title, EmbeddedText.Of(documentTitle, section, hit.Snippet)));
        }
        return candidates;
    }

    /// <summary>
    /// Up to <paramref name="wanted"/> of <paramref name="candidates"/>, each next one maximising
    /// λ·(its topic's similarity to the question) − (1 − λ)·(its greatest similarity to a topic chosen
    /// before it).
    /// </summary>
    private async Task<List<Candidate>> ByMeaningAsync(string question, List<Candidate> candidates, int wanted, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return [];
        var vectors = await embeddings!.GenerateAsync([question, .. candidates.Select(c => c.Topic)], cancellationToken: cancellationToken);
        if (vectors.Count != candidates.Count + 1)
            throw new InvalidOperationException($"The embedding model answered {vectors.Count} vectors for {candidates.Count + 1} texts.");
        var topics = vectors.Skip(1).Select(embedding => embedding.Vector).ToList();
        var relevance = topics.Select(topic => PassageEmbeddings.Cosine(vectors[0].Vector, topic)).ToList();
        var marginal = new MarginalRelevance(topics, i => relevance[i], settings.TopicRelevanceWeight);
        var pool = Enumerable.Range(0, candidates.Count).ToList();
        var chosen = new List<Candidate>();
        while (chosen.Count < wanted && pool.Count > 0)
        {
            // A tie goes to the better search rank (the pool is in that order).
            var next = marginal.Best(pool);
            pool.Remove(next);
            chosen.Add(candidates[next]);
            marginal.Chosen(next, pool);
        }
        return chosen;
    }

    /// <summary>A result that could be a sub-question: its text, query (null: the text) and title, and the text its topic is embedded as.</summary>
    private sealed record Candidate(SearchHit Hit, string Text, string? Query, string Title, string Topic);
}
