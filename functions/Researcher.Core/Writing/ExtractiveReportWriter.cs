using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;

namespace Researcher.Core.Writing;

/// <summary>
/// Writes reports without a language model, from sentences taken verbatim from the selected
/// passages (white space collapsed, markdown escaped), each followed by the number of its source.
/// Every [n] resolves to the sources list, which lists sources in order of first citation and only
/// cited ones; no sentence appears twice; warnings are listed under "Gaps". When the evidence holds
/// no usable sentence, the report says so plainly and cites nothing. A detailed or deep report is written as
/// a research report, and a tone, language or instructions asked for are named as a gap: only a
/// language model can honour them. With an embedding model, sentences are ranked by their meaning's
/// similarity to each question as well as by its terms (<see cref="AnswerRanker"/>).
/// </summary>
/// <param name="embeddings">The local embedding model (null: sentences are ranked by their terms alone).</param>
public sealed class ExtractiveReportWriter(IOptions<ExtractiveWritingOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    : IReportWriter
{
    private readonly ExtractiveWritingOptions settings = options.Value;

    public async Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken)
    {
        var report = new ReportComposer();
        var evidence = SentenceExtractor.Extract(draft.Sections, settings);
        if (evidence.Count == 0)
        {
            report.Heading(1, draft.Question);
            report.Heading(2, "Summary");
            report.Paragraph(
                "The documents searched do not answer this question: no passage in them matched it, so this report cites nothing. " +
                "Try asking in the words the documents would use, or research a folder of documents that covers the topic.");
        }
        else
        {
            Action<ReportComposer, ReportDraft, IReadOnlyList<EvidenceSentence>, AnswerRanker, ExtractiveWritingOptions> layout = draft.ReportType switch
            {
                // Offline, a detailed report is the research report (there is no model to write its
                // sections); a custom report reaches this writer only when a model's budget ran out.
                ReportType.ResearchReport or ReportType.DetailedReport or ReportType.DeepReport or ReportType.CustomReport => ResearchReportLayout.Compose,
                ReportType.ResourceReport => ResourceReportLayout.Compose,
                ReportType.OutlineReport => OutlineReportLayout.Compose,
                _ => throw new ArgumentOutOfRangeException(nameof(draft), draft.ReportType, "Unknown report type."),
            };
            var meanings = await SentenceMeanings.EmbedAsync(embeddings, evidence, Questions(draft), cancellationToken);
            layout(report, draft, evidence, new AnswerRanker(evidence, settings, meanings), settings);
        }
        if (draft.Style.AsksForModel)
            report.AddGap("The tone, language or instructions asked for need a language model; this report quotes its sources as they are.");
        foreach (var warning in draft.Warnings)
            report.AddGap(warning);
        return report.Finish();
    }

    /// <summary>Every question the layouts rank sentences against: the research's, each sub-question's, and each with the research's appended.</summary>
    private static IEnumerable<string> Questions(ReportDraft draft) =>
        draft.Sections.SelectMany(section => new[] { section.SubQuestion.SearchText, WithResearchQuestion(section.SubQuestion, draft) }).Prepend(draft.Question);

    /// <summary>What a layout that lists a sub-question's sources or points ranks them against: its search text with the research's question after it (embedded in advance by <see cref="Questions"/>).</summary>
    internal static string WithResearchQuestion(Planning.SubQuestion subQuestion, ReportDraft draft) => $"{subQuestion.SearchText} {draft.Question}";
}
