using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Text;
using Researcher.Core.Writing;

namespace Researcher.Core.Llm;

/// <summary>
/// Writes the report with the smart model: the model gets the question, the report type's layout
/// and every selected passage tagged with the number of its source, and writes Markdown that states
/// the answer first (a summary) and then one section per sub-question, citing with [n] only.
/// </summary>
/// <remarks>
/// The code, not the model, keeps the report's promises, with the offline writer's conventions
/// (<see cref="ReportComposer"/>): the question is the level-1 title; the model's citations are
/// checked against the sources it was given, those out of range are removed (no repair call: a
/// dropped citation loses nothing the sources list could show), and the others are renumbered in
/// order of first citation, so the "Sources" list, which the code appends, holds exactly the cited
/// sources numbered 1..n; a sources list, links or images the model writes anyway are taken out;
/// the draft's warnings, and sub-questions without passages, are listed under "Gaps". Without any
/// passage the model is not asked: the report says the gathered sources do not answer the
/// question, rather than let a model answer from its own memory.
/// Report types: <see cref="ReportType.ResearchReport"/>, <see cref="ReportType.ResourceReport"/>
/// and <see cref="ReportType.OutlineReport"/> each have their own layout instructions; there are
/// no other types yet (a detailed or custom report would start from the research report's).
/// TODO(costs): the tokens spent (the response's usage) are not reported yet.
/// </remarks>
public sealed partial class LlmReportWriter(IChatClient smartModel) : IReportWriter
{
    internal const string PassageTag = "passage";

    public async Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken)
    {
        var report = new ReportComposer();
        report.Heading(1, draft.Question);
        var sources = NumberSources(draft.Sections);
        if (sources.Passages.Count == 0)
        {
            report.Heading(2, "Summary");
            report.Paragraph(
                "The sources gathered for this research do not answer this question: no passage from them matched it, " +
                "so this report states no answer and cites nothing. Try asking in the words the sources would use, " +
                "or research sources that cover the topic.");
        }
        else
        {
            var response = await smartModel.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions(draft.ReportType)), new ChatMessage(ChatRole.User, Request(draft, sources))],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(response.Text))
                throw new LlmAnswerException("Markdown report", ["The answer was empty."], LlmUsage.From(response.Usage));
            var citations = 0;
            report.Paragraph(Citations(Cleaned(response.Text), sources.Passages, report, ref citations));
            if (citations == 0)
                report.AddGap("The written text cites none of the sources; treat its statements as unsupported.");
        }
        foreach (var section in draft.Sections.Where(s => s.Passages.Count == 0))
            report.AddGap($"No passage in the sources addressed \"{section.SubQuestion.Title}\".");
        foreach (var warning in draft.Warnings)
            report.AddGap(warning);
        return report.Finish();
    }

    /// <summary>The draft's distinct sources, numbered 1..n in order of first appearance (each with its first passage).</summary>
    private static (IReadOnlyList<Passage> Passages, IReadOnlyDictionary<string, int> Numbers) NumberSources(IReadOnlyList<PassageSet> sections)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new List<Passage>();
        foreach (var passage in sections.SelectMany(s => s.Passages))
        {
            if (numbers.TryAdd(passage.SourceLocation, first.Count + 1))
                first.Add(passage);
        }
        return (first, numbers);
    }

    private static string Instructions(ReportType reportType) =>
        "You write a research report in Markdown from the evidence you are given, and from nothing else: not from " +
        "your own knowledge. Every statement of fact must come from the passages and end with the citation of its " +
        "source, written as [n] with the source number of the passage; cite several sources as [1][3]. Use only the " +
        "source numbers given. Do not write links, images, HTML, a level-1 heading or a list of sources: the title " +
        "and the sources list are added to your text. Where the passages do not settle a point, say so plainly " +
        "instead of guessing. Write in the language of the question.\n\n" +
        Layout(reportType) + "\n\n" +
        "For a sub-question without passages, write its heading and one sentence saying the sources did not address it.\n\n" +
        UntrustedText.Rule(PassageTag);

    private static string Layout(ReportType reportType) => reportType switch
    {
        ReportType.ResearchReport =>
            "Layout: start with \"## Summary\": two to four sentences that answer the question directly, cited. Then " +
            "one section per sub-question, in the order given, headed \"## \" and the sub-question's title, holding one " +
            "or more paragraphs of cited prose that add to the summary rather than repeat it.",
        ReportType.ResourceReport =>
            "Layout: start with \"## Summary\": two to four sentences on what the sources, taken together, say in " +
            "answer to the question, cited. Then one section per sub-question, in the order given, headed \"## \" and " +
            "the sub-question's title, listing as bullets the sources that bear on it: each bullet names the source by " +
            "its title in plain text, says in one or two sentences what it offers on the sub-question, and ends with its citation.",
        ReportType.OutlineReport =>
            "Layout: start with \"## Summary\": one to three sentences stating the answer, cited. Then one section per " +
            "sub-question, in the order given, headed \"## \" and the sub-question's title, holding its key points as a " +
            "bulleted list of short cited statements (nested bullets for detail where useful), without paragraphs of prose.",
        _ => throw new ArgumentOutOfRangeException(nameof(reportType), reportType, "Unknown report type."),
    };

    private static string Request(ReportDraft draft, (IReadOnlyList<Passage> Passages, IReadOnlyDictionary<string, int> Numbers) sources)
    {
        var request = new StringBuilder();
        request.Append("Question: ").Append(draft.Question.Trim()).Append('\n');
        request.Append("Report type: ").Append(draft.ReportType.ToWireName()).Append("\n\n");
        request.Append("Sub-questions, in report order, each with its passages:\n\n");
        foreach (var section in draft.Sections)
        {
            var subQuestion = section.SubQuestion;
            request.Append("Sub-question ").Append(subQuestion.Key).Append(": ").Append(PlainText.CollapseWhitespace(subQuestion.Text)).Append('\n');
            request.Append("Title: ").Append(PlainText.CollapseWhitespace(subQuestion.Title)).Append("\n\n");
            if (section.Passages.Count == 0)
            {
                request.Append("(No passages were found for this sub-question.)\n\n");
                continue;
            }
            foreach (var passage in section.Passages)
            {
                var content = new StringBuilder()
                    .Append("Source title: ").Append(PlainText.CollapseWhitespace(passage.SourceTitle)).Append('\n');
                if (!string.IsNullOrWhiteSpace(passage.Section))
                    content.Append("Section: ").Append(PlainText.CollapseWhitespace(passage.Section)).Append('\n');
                content.Append('\n').Append(passage.Text.Trim());
                request.Append(UntrustedText.Block(PassageTag, content.ToString(), $"source=\"{sources.Numbers[passage.SourceLocation]}\""))
                    .Append("\n\n");
            }
        }
        return request.ToString();
    }

    /// <summary>
    /// The model's text without what the code writes itself or does not allow: an enclosing code
    /// fence, a leading level-1 heading, a sources section, images and links (their text is kept).
    /// </summary>
    internal static string Cleaned(string answer)
    {
        var text = answer.Replace("\r\n", "\n").Trim();
        var fenced = WholeFence().Match(text);
        if (fenced.Success) text = fenced.Groups["body"].Value.Trim();
        var title = LeadingTitle().Match(text);
        if (title.Success) text = text[title.Length..].TrimStart();
        var sourcesHeading = SourcesHeading().Match(text);
        if (sourcesHeading.Success) text = text[..sourcesHeading.Index].TrimEnd();
        text = Image().Replace(text, "${text}");
        text = Link().Replace(text, "${text}");
        return text;
    }

    /// <summary>
    /// The text with each citation renumbered to the report's own numbering (first cited, first
    /// listed) and out-of-range ones removed, with the space before them.
    /// </summary>
    private static string Citations(string text, IReadOnlyList<Passage> sources, ReportComposer report, ref int count)
    {
        var cited = 0;
        var result = Citation().Replace(text, match =>
        {
            var kept = new StringBuilder();
            foreach (var number in match.Groups["numbers"].Value.Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(number, out var n) && n >= 1 && n <= sources.Count)
                {
                    kept.Append(report.CitationOf(sources[n - 1]));
                    cited++;
                }
            }
            return kept.Length == 0 ? "" : match.Groups["space"].Value + kept;
        });
        count += cited;
        return result;
    }

    [GeneratedRegex(@"^```[A-Za-z]*[ \t]*\n(?<body>.*)\n```$", RegexOptions.Singleline)]
    private static partial Regex WholeFence();

    [GeneratedRegex(@"\A#[ \t][^\n]*(\n|\z)")]
    private static partial Regex LeadingTitle();

    [GeneratedRegex(@"^#{1,6}[ \t]*(?:Sources|References|Bibliography|Works cited)[ \t]*:?[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SourcesHeading();

    [GeneratedRegex(@"!\[(?<text>[^\]\n]*)\]\([^)\n]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]\n]+)\]\([^)\n]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<space>[ \t]*)\[(?<numbers>[ \t]*\d{1,6}(?:[ \t]*[,;][ \t]*\d{1,6})*[ \t]*)\]")]
    private static partial Regex Citation();
}
