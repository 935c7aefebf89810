using Researcher.Core.Contracts;
using Researcher.Core.Text;

namespace Researcher.Core.Writing;

/// <summary>
/// The <see cref="ReportType.ResourceReport"/>: the sources found, grouped by sub-question, each
/// annotated with the one sentence of it that best shows what it offers on that sub-question. A
/// source with no sentence left to add is named by its section the first time and left out after.
/// </summary>
internal static class ResourceReportLayout
{
    public static void Compose(ReportComposer report, ReportDraft draft, IReadOnlyList<EvidenceSentence> evidence,
        AnswerRanker ranker, ExtractiveWritingOptions options)
    {
        report.Heading(1, draft.Question);
        report.Paragraph("The sources the documents offer on this question, grouped by sub-question, each with the sentence that best shows what it covers.");
        for (var index = 0; index < draft.Sections.Count; index++)
        {
            var (subQuestion, passages) = draft.Sections[index];
            report.Heading(2, subQuestion.Title);
            if (passages.Count == 0)
            {
                report.Paragraph("No source in the documents addressed this.");
                report.AddGap($"No source in the documents addressed \"{subQuestion.Title}\".");
                continue;
            }

            var question = ExtractiveReportWriter.WithResearchQuestion(subQuestion, draft);
            var entries = new List<string>();
            foreach (var passage in passages.DistinctBy(p => p.SourceLocation, StringComparer.Ordinal))
            {
                var pool = evidence.Where(s => s.SectionIndex == index && s.Passage.SourceLocation == passage.SourceLocation && report.CanQuote(s));
                var best = ranker.Rank(pool, question).Select(r => r.Sentence).FirstOrDefault();
                var name = $"**{MarkdownText.Escape(passage.SourceTitle)}**";
                if (best is not null)
                    entries.Add($"{name}: {report.Cite(best)}");
                else if (!report.IsCited(passage.SourceLocation))
                    entries.Add($"{name}: the section \"{MarkdownText.Escape(passage.Section ?? passage.SourceTitle)}\" {report.CitationOf(passage)}");
            }
            if (entries.Count > 0)
                report.Bullets(entries);
            else
                report.Paragraph("Its sources are annotated above.");
        }
    }
}
