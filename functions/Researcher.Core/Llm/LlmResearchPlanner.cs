using System.Text;
using Microsoft.Extensions.AI;
using Researcher.Core.Planning;
using Researcher.Core.Search;
using Researcher.Core.Text;

namespace Researcher.Core.Llm;

/// <summary>
/// Plans with the fast model: one search of the question shows what the sources talk about, and the
/// model turns the question and those results into the sub-questions worth researching.
/// </summary>
/// <remarks>
/// As offline (<see cref="ExtractivePlanner"/>), sub-question q0 is the question itself, so the
/// main question is researched whatever the model proposes and the report's summary has evidence
/// for it; the model's sub-questions follow as q1, q2, ... in its order, at most
/// <c>maxSubQuestions - 1</c> of them (with a budget of one, neither the search nor the model is
/// asked). The answer is read through <see cref="StructuredAnswers"/>: 1 to that many items, each
/// with a question and a title within their length caps, none repeating another or the question;
/// a rejected answer gets the one repair attempt, after which <see cref="LlmAnswerException"/>
/// propagates (the planning step fails as any provider failure does). The search results go into
/// the prompt as untrusted data (see <see cref="UntrustedText"/>).
/// </remarks>
public sealed class LlmResearchPlanner(ISearchProvider searchProvider, IChatClient fastModel) : IResearchPlanner
{
    /// <summary>Results of the first search shown to the model.</summary>
    public const int SearchResults = 6;

    /// <summary>Longest sub-question the model may write, in characters.</summary>
    public const int MaxQuestionCharacters = 300;

    /// <summary>Longest section title the model may write, in characters (the offline planner's default cap).</summary>
    public const int MaxTitleCharacters = 100;

    /// <summary>Longest snippet passed to the model, in characters (a longer one is cut at a word).</summary>
    private const int MaxSnippetCharacters = 500;

    internal const string ResultTag = "search_result";

    /// <summary>The answer asked of the model.</summary>
    internal sealed record PlanAnswer(IReadOnlyList<PlannedSubQuestion> SubQuestions);

    /// <summary>One sub-question of the answer.</summary>
    internal sealed record PlannedSubQuestion(string Question, string Title);

    public async Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, CancellationToken cancellationToken)
    {
        var hits = maxSubQuestions <= 1
            ? []
            : await searchProvider.SearchAsync(question.Trim(), SearchResults, cancellationToken).ConfigureAwait(false);
        return await PlanAsync(question, maxSubQuestions, hits, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ResearchPlan> PlanAsync(
        string question, int maxSubQuestions, IReadOnlyList<SearchHit> firstResults, CancellationToken cancellationToken)
    {
        var mainQuestion = question.Trim();
        var subQuestions = new List<SubQuestion> { new("q0", mainQuestion, QuestionPhrasing.Title(question, MaxTitleCharacters)) };
        var wanted = maxSubQuestions - 1;
        if (wanted < 1) return new ResearchPlan(subQuestions);

        var hits = firstResults.Take(SearchResults).ToList();
        var answer = await StructuredAnswers.AskAsync<PlanAnswer>(
            fastModel,
            [new ChatMessage(ChatRole.System, Instructions(wanted)), new ChatMessage(ChatRole.User, Request(mainQuestion, hits))],
            plan => Faults(plan, subQuestions[0], wanted),
            cancellationToken: cancellationToken).ConfigureAwait(false);

        foreach (var planned in answer.Value.SubQuestions)
            subQuestions.Add(new SubQuestion($"q{subQuestions.Count}",
                PlainText.CollapseWhitespace(planned.Question), PlainText.CollapseWhitespace(planned.Title)));
        return new ResearchPlan(subQuestions);
    }

    private static string Instructions(int wanted) =>
        "You plan a research task. The main question will be researched as it is; your job is to add the " +
        $"sub-questions that, researched one by one, give a complete and well-supported answer to it. Propose 1 to {wanted} " +
        "sub-questions: each one self-contained (understandable without the main question), specific, answerable from " +
        "documents, and distinct from the main question and from each other. Fewer, sharper sub-questions beat many overlapping ones. " +
        $"Give each a short title (at most {MaxTitleCharacters} characters) to head its section of the report; keep each " +
        $"question under {MaxQuestionCharacters} characters. Write in the language of the main question. " +
        "The search results show what the available sources cover; use them to choose sub-questions the sources can answer. " +
        UntrustedText.Rule(ResultTag);

    private static string Request(string question, IReadOnlyList<SearchHit> hits)
    {
        var request = new StringBuilder();
        request.Append("Main question: ").Append(question).Append("\n\n");
        if (hits.Count == 0)
        {
            request.Append("The first search found no results; plan from the question alone.\n");
            return request.ToString();
        }
        request.Append("Results of a first search for the main question:\n\n");
        for (var index = 0; index < hits.Count; index++)
        {
            var hit = hits[index];
            var heading = string.IsNullOrWhiteSpace(hit.Section) ? hit.Title : $"{hit.Title} — {hit.Section}";
            var content = $"Title: {PlainText.CollapseWhitespace(heading)}\nSnippet: " +
                          QuestionPhrasing.Shorten(PlainText.CollapseWhitespace(hit.Snippet), MaxSnippetCharacters);
            request.Append(UntrustedText.Block(ResultTag, content, $"n=\"{index + 1}\"")).Append("\n\n");
        }
        return request.ToString();
    }

    /// <summary>What is wrong with a plan, in words for the model; empty when it is acceptable.</summary>
    private static IReadOnlyList<string> Faults(PlanAnswer plan, SubQuestion main, int wanted)
    {
        var faults = new List<string>();
        if (plan.SubQuestions.Count < 1 || plan.SubQuestions.Count > wanted)
            faults.Add($"subQuestions must hold 1 to {wanted} items, not {plan.SubQuestions.Count}.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { PlainText.CollapseWhitespace(main.Text) };
        var seenTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { main.Title };
        for (var index = 0; index < plan.SubQuestions.Count; index++)
        {
            var item = plan.SubQuestions[index];
            var text = PlainText.CollapseWhitespace(item.Question ?? "");
            var title = PlainText.CollapseWhitespace(item.Title ?? "");
            var where = $"subQuestions[{index}]";
            if (text.Length == 0)
                faults.Add($"{where}.question is empty.");
            else if (text.Length > MaxQuestionCharacters)
                faults.Add($"{where}.question is longer than {MaxQuestionCharacters} characters.");
            else if (!seen.Add(text))
                faults.Add($"{where}.question repeats the main question or an earlier sub-question.");
            if (title.Length == 0)
                faults.Add($"{where}.title is empty.");
            else if (title.Length > MaxTitleCharacters)
                faults.Add($"{where}.title is longer than {MaxTitleCharacters} characters.");
            else if (!seenTitles.Add(title))
                faults.Add($"{where}.title repeats the main question's title or an earlier one.");
        }
        return faults;
    }
}
