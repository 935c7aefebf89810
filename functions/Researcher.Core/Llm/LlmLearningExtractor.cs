using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Text;

namespace Researcher.Core.Llm;

/// <summary>
/// Extracts a deep-research branch's learnings and follow-up queries with the fast model: given
/// the research's question, the branch's query and goal, its passages (numbered) and what the
/// branches above it already learned, the model writes what the passages teach as short,
/// self-contained, information-dense statements, each citing the passages it rests on, and
/// proposes new search queries that go deeper into what is still unknown.
/// </summary>
/// <remarks>
/// The answer is JSON read through <see cref="StructuredAnswers"/>; the code, not the model, keeps
/// the learnings honest. A learning's passage numbers become the passages' source locations
/// (distinct, in order) and those out of range are dropped; a learning left without a valid
/// number is dropped (a source is never invented), as is one that is empty, longer than
/// <see cref="MaxLearningCharacters"/>, or the same (ignoring case) as a known learning or an
/// earlier one; at most <see cref="MaxLearnings"/> are kept. Follow-ups are kept up to
/// <see cref="LearningRequest.MaxFollowUps"/> (none are asked for, and any returned are ignored,
/// at 0), without empty or overlong ones and ones repeating the branch's query or an earlier
/// follow-up; one without a goal takes its query as its goal. Without passages the model is not
/// asked. The passages and the known learnings go into the prompt as untrusted data. Output is
/// capped at <see cref="LlmOptions.LearningMaxOutputTokens"/>, which bounds <see cref="Estimate"/>.
/// </remarks>
public sealed class LlmLearningExtractor(IChatClient fastModel, ITokenCounter tokens, IOptions<LlmOptions> options) : ILearningExtractor
{
    /// <summary>Most learnings kept from one branch.</summary>
    public const int MaxLearnings = 8;

    /// <summary>Longest learning kept, in characters: as long as a note may be.</summary>
    public const int MaxLearningCharacters = LlmNoteTaker.MaxNoteCharacters;

    /// <summary>Longest follow-up query kept, in characters: as long as a planned sub-question may be.</summary>
    public const int MaxQueryCharacters = LlmResearchPlanner.MaxQuestionCharacters;

    /// <summary>Longest follow-up goal, in characters; a longer one is cut at a word.</summary>
    public const int MaxGoalCharacters = LlmResearchPlanner.MaxQuestionCharacters;

    internal const string PassageTag = "passage";
    internal const string KnownTag = "known_learnings";

    /// <summary>The answer asked of the model.</summary>
    internal sealed record LearningsAnswer(IReadOnlyList<LearnedItem> Learnings, IReadOnlyList<ProposedFollowUp>? FollowUps = null);

    /// <summary>One learning of the answer: its text and the numbers of the passages it rests on.</summary>
    internal sealed record LearnedItem(string Text, IReadOnlyList<int> Sources);

    /// <summary>One follow-up of the answer: a search query and what it is meant to find.</summary>
    internal sealed record ProposedFollowUp(string Query, string? Goal = null);

    private readonly LlmOptions settings = options.Value;

    public ResearchUsage Estimate(LearningRequest request) =>
        request.Passages.Count == 0
            ? ResearchUsage.Zero
            : CallEstimate.OfStructuredCall<LearningsAnswer>(
                tokens, Messages(request), settings.LearningMaxOutputTokens, settings.PriceOf(settings.FastModel));

    public async Task<BranchLearnings> ExtractAsync(LearningRequest request, CancellationToken cancellationToken)
    {
        if (request.Passages.Count == 0)
            return new BranchLearnings(request.Query, [], []);
        var answer = await StructuredAnswers.AskAsync<LearningsAnswer>(
            fastModel,
            Messages(request),
            // What is wrong with one learning or follow-up is dropped below, not repaired: the rest stands.
            _ => [],
            new ChatOptions { MaxOutputTokens = settings.LearningMaxOutputTokens },
            cancellationToken).ConfigureAwait(false);
        return new BranchLearnings(request.Query, Learnings(answer.Value, request), FollowUps(answer.Value, request));
    }

    private static List<ChatMessage> Messages(LearningRequest request) =>
        [new ChatMessage(ChatRole.System, Instructions(request)), new ChatMessage(ChatRole.User, Request(request))];

    private static string Instructions(LearningRequest request)
    {
        var instructions = new StringBuilder(
            "You extract research learnings. You get a research question, the search query of one branch of the research " +
            "with its goal, the passages that search found, numbered, and the learnings already known from earlier searches. " +
            "Write down what the passages teach that serves the goal and the question, as learnings: short, self-contained " +
            "statements, understandable without the passages, as dense with information as possible (keep entities, names, " +
            "numbers, versions and dates exactly as written). Each learning cites in sources the numbers of the passages it " +
            $"rests on. At most {MaxLearnings} learnings of at most {MaxLearningCharacters} characters each; no commentary, " +
            "no knowledge of your own, nothing the passages do not say, and nothing a known learning already says. " +
            "If the passages teach nothing new, give no learnings. ");
        instructions.Append(request.MaxFollowUps > 0
            ? $"Then propose at most {request.MaxFollowUps} follow-up search queries that go deeper into what is still unknown " +
              "or unclear for the goal: each a new, specific query for a search engine (not the branch's query again, not " +
              "overlapping another), with a goal saying what it is meant to find and how it advances the research. "
            : "Propose no follow-up queries: followUps is empty. ");
        instructions.Append(CultureInfo.InvariantCulture,
            $"Write in {request.Style.Language ?? "the language of the research question"}. ");
        instructions.Append(UntrustedText.Rule(PassageTag, KnownTag));
        return instructions.ToString();
    }

    private static string Request(LearningRequest request)
    {
        var text = new StringBuilder()
            .Append("Research question: ").Append(PlainText.CollapseWhitespace(request.Question)).Append('\n')
            .Append("Branch query: ").Append(PlainText.CollapseWhitespace(request.Query.Text)).Append('\n')
            .Append("Branch goal: ").Append(PlainText.CollapseWhitespace(request.Query.Title)).Append('\n')
            .Append("Follow-up queries to propose: ")
            .Append(request.MaxFollowUps > 0 ? $"at most {request.MaxFollowUps.ToString(CultureInfo.InvariantCulture)}" : "none")
            .Append("\n\n");
        if (request.Known.Count > 0)
        {
            var known = string.Join("\n", request.Known.Select(learning => "- " + PlainText.SingleLine(learning.Text)));
            text.Append("Known learnings (do not repeat them):\n").Append(UntrustedText.Block(KnownTag, known)).Append("\n\n");
        }
        text.Append("Passages:\n\n");
        for (var index = 0; index < request.Passages.Count; index++)
        {
            var passage = request.Passages[index];
            var content = new StringBuilder("Source: ").Append(PlainText.CollapseWhitespace(passage.SourceTitle)).Append('\n');
            if (!string.IsNullOrWhiteSpace(passage.Section))
                content.Append("Section: ").Append(PlainText.CollapseWhitespace(passage.Section)).Append('\n');
            content.Append('\n').Append(passage.Text.Trim());
            var number = (index + 1).ToString(CultureInfo.InvariantCulture);
            text.Append(UntrustedText.Block(PassageTag, content.ToString(), $"n=\"{number}\"")).Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>The answer's learnings that rest on given passages and say something new, with their sources' locations.</summary>
    private static List<Learning> Learnings(LearningsAnswer answer, LearningRequest request)
    {
        var seen = request.Known.Select(l => PlainText.SingleLine(l.Text)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var learnings = new List<Learning>();
        foreach (var item in answer.Learnings)
        {
            var text = PlainText.SingleLine(item.Text);
            var sources = item.Sources
                .Where(n => n >= 1 && n <= request.Passages.Count)
                .Select(n => request.Passages[n - 1].SourceLocation)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (text.Length == 0 || text.Length > MaxLearningCharacters || sources.Count == 0 || !seen.Add(text))
                continue;
            learnings.Add(new Learning(text, sources));
            if (learnings.Count == MaxLearnings)
                break;
        }
        return learnings;
    }

    /// <summary>The answer's follow-ups the branch may propose: new, non-empty queries, at most as many as asked for.</summary>
    private static List<FollowUpQuery> FollowUps(LearningsAnswer answer, LearningRequest request)
    {
        var followUps = new List<FollowUpQuery>();
        if (request.MaxFollowUps <= 0)
            return followUps;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { PlainText.SingleLine(request.Query.Text) };
        foreach (var item in answer.FollowUps ?? [])
        {
            var query = PlainText.SingleLine(item.Query);
            if (query.Length == 0 || query.Length > MaxQueryCharacters || !seen.Add(query))
                continue;
            var goal = PlainText.SingleLine(item.Goal ?? "");
            followUps.Add(new FollowUpQuery(query, goal.Length == 0 ? query : QuestionPhrasing.Shorten(goal, MaxGoalCharacters)));
            if (followUps.Count == request.MaxFollowUps)
                break;
        }
        return followUps;
    }
}
