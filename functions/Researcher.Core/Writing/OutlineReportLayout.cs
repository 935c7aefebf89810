using Researcher.Core.Contracts;

namespace Researcher.Core.Writing;

/// <summary>The <see cref="ReportType.OutlineReport"/>: the question as title, one heading per sub-question with its key points as cited bullets.</summary>
internal static class OutlineReportLayout
{
    public static void Compose(ReportComposer report, ReportDraft draft, IReadOnlyList<EvidenceSentence> evidence,
        AnswerRanker ranker, ExtractiveWritingOptions options)
    {
        report.Heading(1, draft.Question);
        for (var index = 0; index < draft.Sections.Count; index++)
        {
            var subQuestion = draft.Sections[index].SubQuestion;
            report.Heading(2, subQuestion.Title);
            var pool = evidence.Where(s => s.SectionIndex == index && report.CanQuote(s));
            var points = ranker.Rank(pool, ExtractiveReportWriter.WithResearchQuestion(subQuestion, draft))
                .Select(r => r.Sentence)
                .Take(options.MaxKeyPointsPerSection)
                .ToList();
            if (points.Count > 0)
            {
                report.Bullets(report.CiteEach(points));
            }
            else
            {
                report.Paragraph("No passage in the documents addressed this.");
                report.AddGap($"No passage in the documents addressed \"{subQuestion.Title}\".");
            }
        }
    }
}
