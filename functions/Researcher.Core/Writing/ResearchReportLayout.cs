using Researcher.Core.Contracts;
using Researcher.Core.Text;

namespace Researcher.Core.Writing;

/// <summary>
/// The <see cref="ReportType.ResearchReport"/>: the question as title; a summary whose first
/// sentence is the best answer to the whole question, with up to a few more that add to it; then
/// one section per sub-question made of its best remaining sentences, each cited.
/// </summary>
internal static class ResearchReportLayout
{
    private const int MinSentencesPerSection = 2;

    public static void Compose(ReportComposer report, ReportDraft draft, IReadOnlyList<EvidenceSentence> evidence,
        AnswerRanker ranker, ExtractiveWritingOptions options)
    {
        report.Heading(1, draft.Question);
        report.Heading(2, "Summary");
        var summary = Summary(ranker.Rank(evidence.Where(s => draft.SummarySections?.Contains(s.SectionIndex) ?? true), draft.Question, options.SummaryDenseWeight), options);
        report.Paragraph(summary.Count > 0
            ? string.Join(" ", report.CiteEach(summary))
            : "The documents do not answer this question directly; the passages closest to it follow.");

        for (var index = 0; index < draft.Sections.Count; index++)
        {
            var subQuestion = draft.Sections[index].SubQuestion;
            report.Heading(2, subQuestion.Title);
            var pool = evidence.Where(s => s.SectionIndex == index && report.CanQuote(s));
            var chosen = BestSentences(ranker.Rank(pool, subQuestion.SearchText), options.MaxSentencesPerSection);
            if (chosen.Count > 0)
            {
                report.Paragraph(string.Join(" ", report.CiteEach(chosen)));
            }
            else
            {
                var said = draft.Sections[index].Passages.Count > 0;
                report.Paragraph(said
                    ? "What the documents say on this is already stated above."
                    : "No passage in the documents addressed this.");
                if (!said) report.AddGap($"No passage in the documents addressed \"{subQuestion.Title}\".");
            }
        }
    }

    /// <summary>
    /// The best answer first, then others scoring close to it (the second best whatever its score), as
    /// many as fit <see cref="ExtractiveWritingOptions.MaxSummaryWords"/>: a sentence too long for what
    /// is left is passed over for the next.
    /// </summary>
    private static List<EvidenceSentence> Summary(IReadOnlyList<(EvidenceSentence Sentence, double Score)> ranked, ExtractiveWritingOptions options)
    {
        var answering = ranked.Where(r => r.Score > 0).ToList();
        if (answering.Count == 0) return [];
        var threshold = answering[0].Score * options.SummaryMinRelativeScore;
        var chosen = new List<EvidenceSentence>();
        var words = 0;
        foreach (var (sentence, _) in answering.TakeWhile((r, position) => position < 2 || r.Score >= threshold))
        {
            var length = PlainText.CountWords(sentence.Text);
            if (chosen.Count > 0 && words + length > options.MaxSummaryWords) continue;
            chosen.Add(sentence);
            words += length;
        }
        return chosen;
    }

    /// <summary>The sentences that answer, best first, topped up with the passages' leading sentences so a section says at least a little.</summary>
    private static List<EvidenceSentence> BestSentences(IReadOnlyList<(EvidenceSentence Sentence, double Score)> ranked, int maxSentences)
    {
        var answering = ranked.Where(r => r.Score > 0).Select(r => r.Sentence).Take(maxSentences).ToList();
        var topUp = ranked.Where(r => r.Score <= 0).Select(r => r.Sentence).Take(Math.Max(0, MinSentencesPerSection - answering.Count));
        return [.. answering, .. topUp];
    }
}
