using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Text;
using Researcher.Core.Writing;

namespace Researcher.Core.Llm;

/// <summary>
/// Writes the report with the smart model: the model gets the question, the report type's layout,
/// the style asked for (tone, length, language, a custom report's instructions) and the evidence of
/// every sub-question, each item tagged with the number of its source, and writes Markdown that
/// states the answer first and cites with [n] only. The evidence is the notes taken from each source
/// when notes were taken (<see cref="ReportDraft.Notes"/>), otherwise the selected passages.
/// </summary>
/// <remarks>
/// The code, not the model, keeps the report's promises, with the offline writer's conventions
/// (<see cref="ReportComposer"/>): the question is the level-1 title; the model's citations are
/// checked against the sources it was given, those out of range are removed, and the others are
/// renumbered in order of first citation, so the "Sources" list, which the code appends, holds
/// exactly the cited sources numbered 1..n; a sources list, links or images the model writes anyway
/// are taken out; the draft's warnings, and sub-questions without evidence, are listed under "Gaps".
/// Without any evidence the model is not asked: the report says the gathered sources do not answer
/// the question, rather than let a model answer from its own memory.
/// A <see cref="ReportType.DetailedReport"/> is written in several calls: one per sub-question
/// (each a section of the outline the plan is, with its share of the target length, in parallel),
/// then one for the introduction and conclusion from the written sections.
/// Budget: each call is sized to the writer's <see cref="ReportDraft.Allowance"/> (shared equally by
/// a detailed report's calls) by its prompt's token count plus its output cap; the lowest-ranked
/// evidence is dropped and the output cap lowered (to <see cref="MinOutputTokens"/>) until it fits.
/// When even that does not fit, the report is written by the offline writer from the passages,
/// saying so. Every report ends with an account of what the research spent.
/// </remarks>
public sealed partial class LlmReportWriter(
    IChatClient smartModel, ITokenCounter tokens, IOptions<LlmOptions> options, IReportWriter budgetFallback) : IReportWriter
{
    internal const string EvidenceTag = "evidence";

    /// <summary>The smallest output cap a call is sized down to before the budget gives up on it.</summary>
    public const int MinOutputTokens = 400;

    private readonly LlmOptions settings = options.Value;

    /// <summary>One piece of evidence: a note or a passage, with its source's number.</summary>
    private sealed record Evidence(int Source, string SourceTitle, string? Section, string Text);

    /// <summary>A sub-question with its evidence, best first.</summary>
    private sealed record EvidenceSection(SubQuestion SubQuestion, IReadOnlyList<Evidence> Items);

    /// <summary>A prompt sized to its budget: the messages and the output cap.</summary>
    private sealed record SizedCall(IList<ChatMessage> Messages, int MaxOutputTokens);

    public async Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken)
    {
        using var meter = UsageMeter.Start();
        var (sections, sources) = Gather(draft);
        var report = new ReportComposer();
        report.Heading(1, draft.Question);
        if (sources.Count == 0)
        {
            report.Heading(2, "Summary");
            report.Paragraph(
                "The sources gathered for this research do not answer this question: nothing in them bore on it, " +
                "so this report states no answer and cites nothing. Try asking in the words the sources would use, " +
                "or research sources that cover the topic.");
        }
        else
        {
            var text = draft.ReportType is ReportType.DetailedReport or ReportType.DeepReport
                ? await WriteDetailedAsync(draft, sections, cancellationToken).ConfigureAwait(false)
                : await WriteWholeAsync(draft, sections, cancellationToken).ConfigureAwait(false);
            if (text is null)
                return Account(await WriteWithinBudgetAsync(draft, cancellationToken).ConfigureAwait(false), draft, meter.Total);
            var citations = 0;
            report.Paragraph(Citations(text, sources, report, ref citations));
            if (citations == 0)
                report.AddGap("The written text cites none of the sources; treat its statements as unsupported.");
        }
        foreach (var section in sections.Where(s => s.Items.Count == 0))
            report.AddGap($"Nothing in the sources addressed \"{section.SubQuestion.Title}\".");
        if (draft.BudgetReached)
            report.AddGap(BudgetReachedGap);
        foreach (var warning in draft.Warnings)
            report.AddGap(warning);
        return Account(report.Finish(), draft, meter.Total);
    }

    /// <summary>The gap a report names when gathering stopped at its budget.</summary>
    private const string BudgetReachedGap =
        "The research reached its budget while gathering: some sources were left out, so this report rests on fewer sources than were found.";

    /// <summary>The report of a research whose writing budget could not pay for a model's report: the offline writer's, saying why.</summary>
    private async Task<WrittenReport> WriteWithinBudgetAsync(ReportDraft draft, CancellationToken cancellationToken)
    {
        var warnings = draft.Warnings.Prepend(
            "The budget left for writing could not pay for a written report, so this report quotes the sources' own sentences instead.");
        if (draft.BudgetReached)
            warnings = warnings.Prepend(BudgetReachedGap);
        return await budgetFallback.WriteAsync(draft with { Warnings = warnings.ToList() }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The evidence per sub-question (notes when taken, else passages) and the distinct sources, numbered 1..n in order of first appearance.</summary>
    private static (IReadOnlyList<EvidenceSection> Sections, IReadOnlyList<Passage> Sources) Gather(ReportDraft draft)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new List<Passage>();
        int Number(string location, string title)
        {
            if (numbers.TryGetValue(location, out var number)) return number;
            sources.Add(new Passage(location, title, null, "", 0));
            numbers[location] = sources.Count;
            return sources.Count;
        }

        var sections = new List<EvidenceSection>(draft.Sections.Count);
        foreach (var section in draft.Sections)
        {
            var items = draft.Notes.TryGetValue(section.SubQuestion.Key, out var notes)
                ? notes.Where(n => n.Relevant).SelectMany(n => n.Notes.Select(note =>
                    new Evidence(Number(n.SourceLocation, n.SourceTitle), n.SourceTitle, null, note))).ToList()
                : section.Passages.Select(p => new Evidence(Number(p.SourceLocation, p.SourceTitle), p.SourceTitle, p.Section, p.Text)).ToList();
            sections.Add(new EvidenceSection(section.SubQuestion, items));
        }
        return (sections, sources);
    }

    /// <summary>A whole report in one call; null when the budget cannot pay for it.</summary>
    private async Task<string?> WriteWholeAsync(ReportDraft draft, IReadOnlyList<EvidenceSection> sections, CancellationToken cancellationToken)
    {
        var call = Size(draft.Allowance, sections,
            evidence => [new ChatMessage(ChatRole.System, Instructions(draft)), new ChatMessage(ChatRole.User, Request(draft, evidence))]);
        return call is null ? null : await AskAsync(call, "Markdown report", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A detailed report: one section per sub-question with evidence, written in parallel, then the
    /// introduction and conclusion from those sections; null when the budget cannot pay for a section.
    /// </summary>
    private async Task<string?> WriteDetailedAsync(ReportDraft draft, IReadOnlyList<EvidenceSection> sections, CancellationToken cancellationToken)
    {
        var researched = sections.Where(s => s.Items.Count > 0).ToList();
        var share = draft.Allowance.Share(researched.Count + 1);
        var wordsPerSection = Math.Max(150, draft.Style.TargetWords * 4 / 5 / researched.Count);
        var calls = researched.Select(section => Size(share, [section], evidence =>
            [new ChatMessage(ChatRole.System, SectionInstructions(draft, wordsPerSection)), new ChatMessage(ChatRole.User, Request(draft, evidence))])).ToList();
        if (calls.Any(call => call is null)) return null;

        var written = await Task.WhenAll(calls.Select(call => AskAsync(call!, "report section", cancellationToken))).ConfigureAwait(false);
        var body = string.Join("\n\n", researched.Select((section, i) => Sectioned(section.SubQuestion.Title, written[i])));

        var framing = SizeText(share, body, text =>
            [new ChatMessage(ChatRole.System, FramingInstructions(draft)), new ChatMessage(ChatRole.User, FramingRequest(draft, text))]);
        if (framing is null)
            return body;
        var introductionAndConclusion = await AskAsync(framing, "introduction and conclusion", cancellationToken).ConfigureAwait(false);
        var conclusion = ConclusionHeading().Match(introductionAndConclusion);
        return conclusion.Success
            ? $"{introductionAndConclusion[..conclusion.Index].TrimEnd()}\n\n{body}\n\n{introductionAndConclusion[conclusion.Index..].Trim()}"
            : $"{introductionAndConclusion}\n\n{body}";
    }

    /// <summary>A section's (cleaned) text under its own level-2 heading (the model's heading, if it wrote one, replaced).</summary>
    private static string Sectioned(string title, string body)
    {
        var heading = LeadingSectionHeading().Match(body);
        if (heading.Success) body = body[heading.Length..].TrimStart();
        return $"## {MarkdownText.Escape(PlainText.CollapseWhitespace(title))}\n\n{body}";
    }

    /// <summary>The model's answer to <paramref name="call"/>, <see cref="Cleaned"/>; an empty answer is a failure of the step.</summary>
    private async Task<string> AskAsync(SizedCall call, string what, CancellationToken cancellationToken)
    {
        var response = await smartModel.GetResponseAsync(call.Messages, new ChatOptions { MaxOutputTokens = call.MaxOutputTokens }, cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(response.Text))
            throw new LlmAnswerException(what, ["The answer was empty."], LlmUsage.From(response.Usage));
        return Cleaned(response.Text);
    }

    /// <summary>
    /// The call over <paramref name="sections"/> that fits <paramref name="allowance"/>: all the
    /// evidence with the configured output cap if it fits; else a lower cap, down to
    /// <see cref="MinOutputTokens"/>; else the lowest-ranked item of the largest section dropped, one
    /// at a time, while every section keeps one. Null when nothing fits.
    /// </summary>
    private SizedCall? Size(ResearchBudget allowance, IReadOnlyList<EvidenceSection> sections, Func<IReadOnlyList<EvidenceSection>, IList<ChatMessage>> build)
    {
        var kept = sections.Select(s => s.Items.ToList()).ToList();
        while (true)
        {
            var messages = build(sections.Select((s, i) => s with { Items = kept[i] }).ToList());
            if (Fit(allowance, messages) is { } maxOutput)
                return new SizedCall(messages, maxOutput);
            var largest = kept.Select((items, i) => (items.Count, i)).Max();
            if (largest.Count <= 1) return null;
            kept[largest.i].RemoveAt(largest.Count - 1);
        }
    }

    /// <summary>The call over <paramref name="text"/> that fits <paramref name="allowance"/>, the text cut at paragraphs from its end; null when nothing fits.</summary>
    private SizedCall? SizeText(ResearchBudget allowance, string text, Func<string, IList<ChatMessage>> build)
    {
        var paragraphs = text.Split("\n\n").ToList();
        while (paragraphs.Count > 0)
        {
            var messages = build(string.Join("\n\n", paragraphs));
            if (Fit(allowance, messages) is { } maxOutput)
                return new SizedCall(messages, maxOutput);
            paragraphs.RemoveAt(paragraphs.Count - 1);
        }
        return null;
    }

    /// <summary>The largest output cap (at most the configured one, at least <see cref="MinOutputTokens"/>) with which <paramref name="messages"/> fit; null when none does.</summary>
    private int? Fit(ResearchBudget allowance, IList<ChatMessage> messages)
    {
        var input = CallEstimate.InputTokens(tokens, messages);
        var price = settings.PriceOf(settings.SmartModel);
        for (var output = settings.MaxOutputTokens; ; output = Math.Max(MinOutputTokens, output / 2))
        {
            if (allowance.Fits(CallEstimate.Priced(input, output, price)))
                return output;
            if (output <= MinOutputTokens) return null;
        }
    }

    /// <summary>The report's closing account: what the research spent on models, in all, and its budget.</summary>
    private static WrittenReport Account(WrittenReport report, ReportDraft draft, ResearchUsage writing)
    {
        var spent = draft.SpentBefore + writing;
        var account = new StringBuilder("\n## About this research\n\n");
        account.Append(CultureInfo.InvariantCulture,
            $"- Language models: {spent.Calls} {(spent.Calls == 1 ? "call" : "calls")}, {spent.InputTokens:N0} input and {spent.OutputTokens:N0} output tokens ({spent.TotalTokens:N0} in all)");
        account.Append(spent.Cost is { } cost
            ? string.Create(CultureInfo.InvariantCulture, $", costing {cost:0.####} {draft.Currency}.\n")
            : "; the cost is unknown (no price is configured for a model used).\n");
        if (Budget(draft.Budget, draft.Currency) is { } budget)
            account.Append("- Budget: ").Append(budget).Append(draft.BudgetReached ? "; it was reached while gathering, which stopped early." : "; gathering stayed within it.").Append('\n');
        var markdown = report.Markdown + account;
        return report with { Markdown = markdown, WordCount = PlainText.CountWords(markdown) };
    }

    /// <summary>A budget in words, or null when there is none.</summary>
    private static string? Budget(ResearchBudget budget, string currency)
    {
        var parts = new List<string>();
        if (budget.MaxTokens is { } tokens) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{tokens:N0} tokens"));
        if (budget.MaxCost is { } money) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{money:0.####} {currency}"));
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }
    /// <summary>The rules every writing call shares: evidence only, cite with [n], no links or sources list, the style asked for.</summary>
    private static string Rules(ReportDraft draft) =>
        "You write research reports in Markdown from the evidence you are given, and from nothing else: not from " +
        "your own knowledge. Every statement of fact must come from the evidence and end with the citation of its " +
        "source, written as [n] with the source number of the evidence; cite several sources as [1][3]. Use only the " +
        "source numbers given. Do not write links, images, HTML, a level-1 heading or a list of sources: the title " +
        "and the sources list are added to your text. Where the evidence does not settle a point, say so plainly " +
        "instead of guessing.\n\n" +
        $"Tone: {draft.Style.Tone.Describe()}.\n" +
        $"Language: write in {draft.Style.Language ?? "the language of the question"}.\n\n" +
        UntrustedText.Rule(EvidenceTag);

    private static string Instructions(ReportDraft draft) =>
        Rules(draft) + "\n\n" +
        $"Length: about {draft.Style.TargetWords} words.\n\n" +
        Layout(draft) + "\n\n" +
        "For a sub-question without evidence, write its heading and one sentence saying the sources did not address it.";

    private static string Layout(ReportDraft draft) => draft.ReportType switch
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
        ReportType.CustomReport =>
            "Layout: as the instructions of the user who asked for this report say (they are in the request, and they " +
            "decide the report's structure and focus; the rules above on evidence and citations still hold). Use \"## \" " +
            "headings for its sections.",
        _ => throw new ArgumentOutOfRangeException(nameof(draft), draft.ReportType, "This report type is not written in one call."),
    };

    private static string SectionInstructions(ReportDraft draft, int words) =>
        Rules(draft) + "\n\n" +
        "You write ONE section of a detailed report: the section for the sub-question in the request. Write its " +
        $"content only (about {words} words): cited paragraphs, with \"### \" subheadings where the material has parts. " +
        "Do not write the section's own heading, an introduction to the whole report, or a conclusion: other sections " +
        "and the report's introduction and conclusion are written separately.";

    private static string FramingInstructions(ReportDraft draft) =>
        Rules(draft) + "\n\n" +
        "You get the sections of a detailed report, already written and cited. Write its introduction and its conclusion " +
        "only: first \"## Introduction\" (what the question is, why it matters, and the answer in brief, cited), then " +
        "\"## Conclusion\" (what the sections establish together, what remains open, cited). Reuse the sections' citation " +
        "numbers for what you take from them. Do not repeat or rewrite the sections.";

    private static string FramingRequest(ReportDraft draft, string sections) =>
        $"Question: {draft.Question.Trim()}\n\nThe report's sections:\n\n" + UntrustedText.Block(EvidenceTag, sections, "kind=\"sections\"");

    private static string Request(ReportDraft draft, IReadOnlyList<EvidenceSection> sections)
    {
        var request = new StringBuilder();
        request.Append("Question: ").Append(draft.Question.Trim()).Append('\n');
        request.Append("Report type: ").Append(draft.ReportType.ToWireName()).Append("\n\n");
        if (draft.Style.Instructions is { } instructions)
            request.Append("Instructions from the user who asked for this report:\n").Append(instructions.Trim()).Append("\n\n");
        request.Append("Sub-questions, in report order, each with its evidence:\n\n");
        foreach (var section in sections)
        {
            var subQuestion = section.SubQuestion;
            request.Append("Sub-question ").Append(subQuestion.Key).Append(": ").Append(PlainText.CollapseWhitespace(subQuestion.Text)).Append('\n');
            request.Append("Title: ").Append(PlainText.CollapseWhitespace(subQuestion.Title)).Append("\n\n");
            if (section.Items.Count == 0)
            {
                request.Append("(No evidence was found for this sub-question.)\n\n");
                continue;
            }
            foreach (var item in section.Items)
            {
                var content = new StringBuilder()
                    .Append("Source title: ").Append(PlainText.CollapseWhitespace(item.SourceTitle)).Append('\n');
                if (!string.IsNullOrWhiteSpace(item.Section))
                    content.Append("Section: ").Append(PlainText.CollapseWhitespace(item.Section)).Append('\n');
                content.Append('\n').Append(item.Text.Trim());
                request.Append(UntrustedText.Block(EvidenceTag, content.ToString(), $"source=\"{item.Source}\"")).Append("\n\n");
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

    [GeneratedRegex(@"^##[ \t]+Conclusion\b[^\n]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ConclusionHeading();

    [GeneratedRegex(@"\A#{2,3}[ \t][^\n]*(\n|\z)")]
    private static partial Regex LeadingSectionHeading();

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
