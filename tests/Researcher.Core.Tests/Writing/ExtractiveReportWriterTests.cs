using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Text;
using Researcher.Core.Writing;

namespace Researcher.Core.Tests.Writing;

public sealed class ExtractiveReportWriterTests
{
    private const string Question = "How do lighthouses warn ships?";

    private static readonly ExtractiveReportWriter Writer = new(Options.Create(new ExtractiveWritingOptions()));

    private static Passage Passage(string location, string text, string? section = null) =>
        new(location, $"{location} title", section, text, 1.0);

    private static ReportDraft Draft(ReportType reportType = ReportType.ResearchReport, IReadOnlyList<string>? warnings = null) => new(
        Question, reportType,
        [
            new PassageSet(new SubQuestion("q0", Question, "Lighthouses warn ships"),
            [
                Passage("beacons.md", "Lighthouses warn ships with a bright rotating light that marks dangerous rocks at night. The keeper lit the lamp at dusk every day."),
                Passage("history.md", "The first lighthouses were simple fires on hills, e.g. the Pharos of Alexandria. They were tended by slaves."),
            ]),
            new PassageSet(new SubQuestion("q1", "How does the fog horn relate to lighthouses warn ships?", "Signals: Fog horns"),
            [
                Passage("signals.md", "In fog, lighthouses warn ships with a loud horn because the light cannot be seen. A fog horn sounds a fixed pattern of blasts every 30 seconds."),
                Passage("beacons.md", "Lighthouses warn ships with a bright rotating light that marks dangerous rocks at night."),
            ]),
        ],
        warnings ?? []);

    /// <summary>A research-report draft whose only sub-question is <paramref name="question"/> itself.</summary>
    private static ReportDraft QuestionOnlyDraft(string question, params Passage[] passages) => new(
        question, ReportType.ResearchReport, [new PassageSet(new SubQuestion("q0", question, question), passages)], []);

    private static string SummaryOf(WrittenReport report) => report.Markdown.Split("## Summary\n\n")[1];

    /// <summary>The summary paragraph alone of the report <paramref name="writer"/> writes from <paramref name="draft"/>.</summary>
    private static async Task<string> SummaryParagraphAsync(ExtractiveReportWriter writer, ReportDraft draft) =>
        SummaryOf(await writer.WriteAsync(draft, CancellationToken.None)).Split("\n\n")[0];

    [Theory]
    [InlineData(ReportType.ResearchReport)]
    [InlineData(ReportType.ResourceReport)]
    [InlineData(ReportType.OutlineReport)]
    public async Task Every_report_type_cites_only_listed_sources_and_lists_only_cited_ones(ReportType reportType)
    {
        var report = await Writer.WriteAsync(Draft(reportType), CancellationToken.None);

        ReportAssertions.CitationsResolveAndEverySourceIsCited(report);
        ReportAssertions.NoSentenceIsRepeated(report);
        ReportAssertions.WordCountMatches(report);
        Assert.StartsWith($"# {Question}\n", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("## Signals: Fog horns", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_research_report_summary_opens_with_the_best_answer_to_the_question()
    {
        var report = await Writer.WriteAsync(Draft(), CancellationToken.None);

        var summary = SummaryOf(report).Split("\n\n")[0];
        Assert.StartsWith("Lighthouses warn ships with a bright rotating light that marks dangerous rocks at night. [1]", summary, StringComparison.Ordinal);
        Assert.InRange(ReportAssertions.CitationsInText(new WrittenReport(summary, report.Sources, 0, 0)).Count, 2, 4);
        Assert.Equal(new CitedSource(1, "beacons.md", "beacons.md title"), report.Sources[0]);
    }

    [Fact]
    public async Task The_outline_has_bullets_and_the_resource_report_annotates_sources_without_repeating_itself()
    {
        var outline = await Writer.WriteAsync(Draft(ReportType.OutlineReport), CancellationToken.None);
        var resources = await Writer.WriteAsync(Draft(ReportType.ResourceReport), CancellationToken.None);

        Assert.Contains("\n- In fog, lighthouses warn ships with a loud horn", outline.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Summary", outline.Markdown, StringComparison.Ordinal);
        var fogSection = resources.Markdown.Split("## Signals: Fog horns")[1].Split("## Sources")[0];
        // beacons.md's only sentence is already the annotation above, so the fog section names signals.md alone.
        var entry = Assert.Single(fogSection.Split('\n'), line => line.StartsWith("- **", StringComparison.Ordinal));
        Assert.StartsWith("- **signals.md title**: ", entry, StringComparison.Ordinal);
        ReportAssertions.NoSentenceIsRepeated(resources);
    }

    [Fact]
    public async Task Warnings_are_listed_as_gaps()
    {
        var report = await Writer.WriteAsync(Draft(warnings: ["Skipped broken.pdf: not a readable PDF"]), CancellationToken.None);

        Assert.Contains("## Gaps\n\n- Skipped broken.pdf: not a readable PDF\n", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_evidence_says_so_plainly_and_cites_nothing()
    {
        var draft = new ReportDraft("What is the capital of Atlantis?", ReportType.ResearchReport,
            [new PassageSet(new SubQuestion("q0", "What is the capital of Atlantis?", "The capital of Atlantis"), [])],
            ["No sources found for \"What is the capital of Atlantis?\"."]);

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.Contains("do not answer this question", report.Markdown, StringComparison.Ordinal);
        Assert.Empty(report.Sources);
        Assert.Equal(0, report.CitationCount);
        Assert.Empty(ReportAssertions.CitationsInText(report));
        Assert.DoesNotContain("## Sources", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("## Gaps", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_from_sources_cannot_inject_links_or_html()
    {
        var draft = new ReportDraft("What does the evil page say about lighthouses?", ReportType.ResearchReport,
        [
            new PassageSet(new SubQuestion("q0", "What does the evil page say about lighthouses?", "Evil page"),
            [
                new Passage("evil.md", "Evil [title](javascript:alert(1))", null,
                    "Lighthouses are great, see [this link](https://evil.example) and <script>alert(1)</script> now. " +
                    "Lighthouses also use `code [kept](as-is)` in code spans safely.", 1.0),
            ]),
        ], []);

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.DoesNotMatch(@"(?<!\\)\]\(https://evil", report.Markdown);
        Assert.DoesNotContain("<script>", report.Markdown, StringComparison.Ordinal);
        Assert.Contains(@"\[this link\]", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("`code [kept](as-is)`", report.Markdown, StringComparison.Ordinal);
        Assert.Contains(@"1. [Evil \[title\](javascript:alert(1))](evil.md)", report.Markdown, StringComparison.Ordinal);
        ReportAssertions.CitationsResolveAndEverySourceIsCited(report);
    }

    [Fact]
    public async Task Fragments_headings_and_code_are_not_used_as_sentences()
    {
        var draft = new ReportDraft("How are lighthouses painted?", ReportType.OutlineReport,
        [
            new PassageSet(new SubQuestion("q0", "How are lighthouses painted?", "Painting"),
            [
                Passage("paint.md", "Lighthouse painting\n\nlighthouses painted {\n\nfor (i = 0; i < n; i++) { paint(lighthouse[i]); }\n\n" +
                    "Lighthouses are painted in bold stripes so sailors can tell them apart by day.\n\nThe steps are as follows:"),
            ]),
        ], []);

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.Equal(1, report.CitationCount);
        Assert.Contains("- Lighthouses are painted in bold stripes so sailors can tell them apart by day. [1]", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_in_a_passage_is_not_quoted_as_an_answer()
    {
        var draft = new ReportDraft("How are lighthouses painted?", ReportType.OutlineReport,
        [
            new PassageSet(new SubQuestion("q0", "How are lighthouses painted?", "Painting"),
            [
                Passage("paint.md", "Why are lighthouses painted in stripes at all, when a plain white tower would do? " +
                    "Lighthouses are painted in bold stripes so sailors can tell them apart by day."),
            ]),
        ], []);

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.Contains("- Lighthouses are painted in bold stripes so sailors can tell them apart by day. [1]", report.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("plain white tower", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentence_opened_by_the_term_it_defines_is_used_whatever_case_the_term_is_in()
    {
        var draft = new ReportDraft("How do I copy nested lists?", ReportType.OutlineReport,
        [
            new PassageSet(new SubQuestion("q0", "How do I copy nested lists?", "Copying"),
            [
                Passage("copy.md", "copy.deepcopy(x, memo): Return a deep copy of x, nested lists and all.\n\n" +
                    "and then: copies of the nested lists are made as well."),
            ]),
        ], []);

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.Contains("copy.deepcopy(x, memo): Return a deep copy of x, nested lists and all. [1]", report.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("and then", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentence_naming_what_the_best_passage_is_about_answers_though_it_shares_no_word_with_the_question()
    {
        // The second sentence has none of the question's words; "shelf", which the best passage is about, is its answer.
        const string question = "How can I store user preferences on disk?";
        var draft = QuestionOnlyDraft(question,
            new Passage("shelf.md", "Shelves", "The shelf module",
                "User preferences are stored on disk in a shelf. " +
                "A shelf opens with `shelf.open(name)` and behaves like a dictionary of shelf entries.", 2.0));
        const string naming = "A shelf opens with";

        var withFeedback = await SummaryParagraphAsync(Writer, draft);
        var withoutFeedback = await SummaryParagraphAsync(
            new ExtractiveReportWriter(Options.Create(new ExtractiveWritingOptions { FeedbackPassages = 0 })), draft);

        Assert.Contains(naming, withFeedback, StringComparison.Ordinal);
        Assert.DoesNotContain(naming, withoutFeedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentence_that_refers_to_the_one_before_it_is_quoted_with_it_once()
    {
        const string question = "What happens when I ask for the report of a failed research?";
        const string antecedent = "The report endpoint returns the finished document as Markdown.";
        const string referring = "It answers 409 Conflict when the research failed or was cancelled.";
        var draft = QuestionOnlyDraft(question,
            Passage("api.md", $"{antecedent} {referring} Reports are kept for thirty days after they are written."));

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.Contains($"{antecedent} {referring} [1]", SummaryOf(report).Split("\n\n")[0], StringComparison.Ordinal);
        Assert.Single(report.Markdown.Split(antecedent)[1..]);
    }

    [Fact]
    public async Task A_sentence_whose_antecedent_the_report_quoted_elsewhere_is_not_quoted_without_it()
    {
        const string question = "What format is the report in?";
        const string antecedent = "The report endpoint returns the finished document as Markdown.";
        const string referring = "It answers 409 Conflict when the research failed or was cancelled.";
        var draft = new ReportDraft(question, ReportType.ResearchReport,
        [
            new PassageSet(new SubQuestion("q0", question, "Report format"), [Passage("api.md", antecedent)]),
            new PassageSet(new SubQuestion("q1", "When does the report endpoint answer 409 Conflict?", "Conflicts"),
                [Passage("api.md", $"{antecedent} {referring}")]),
        ], []);
        // Feedback off, so the sentence that shares no term with the question stays out of the summary.
        var writer = new ExtractiveReportWriter(Options.Create(new ExtractiveWritingOptions { FeedbackPassages = 0 }));

        var report = await writer.WriteAsync(draft, CancellationToken.None);

        Assert.StartsWith($"{antecedent} [1]\n", SummaryOf(report), StringComparison.Ordinal);
        // Quoted in the section on its own, "It" would be the section's first word.
        Assert.DoesNotContain(referring, report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_right_after_its_antecedent_in_one_paragraph_is_quoted_after_it()
    {
        const string antecedentText = "The report endpoint returns the finished document as Markdown.";
        var passage = Passage("api.md", antecedentText);
        var antecedent = new EvidenceSentence(antecedentText, passage, 0, 0, new HashSet<string>());
        var referring = new EvidenceSentence("It answers 409 Conflict when the research failed.", passage, 0, 1, new HashSet<string>(), antecedentText);
        var other = new EvidenceSentence("Reports are kept for thirty days.", passage, 0, 2, new HashSet<string>());

        var adjacent = new ReportComposer().CiteEach([antecedent, referring]);
        var apart = new ReportComposer();
        apart.CiteEach([antecedent, other]);

        Assert.Equal([$"{antecedentText} [1]", "It answers 409 Conflict when the research failed. [1]"], adjacent);
        Assert.Empty(apart.CiteEach([referring]));
    }

    [Theory]
    [InlineData("timeit — Measure execution time of small code snippets", ": ")]
    [InlineData("Why is timing small bits of code hard?", " ")]
    public async Task A_sentence_that_opens_its_section_referring_to_the_heading_is_quoted_under_the_heading(string heading, string separator)
    {
        const string question = "How can I time small bits of my code?";
        const string opening = "This module provides a simple way to time small bits of Python code.";
        var draft = QuestionOnlyDraft(question,
            new Passage("timeit.html", "timeit", heading, $"Source code: Lib/timeit.py\n\n{opening}", 1.0, OpensSection: true));

        var summary = await SummaryParagraphAsync(Writer, draft);

        Assert.Equal($"{heading}{separator}{opening} [1]", summary);
    }

    [Theory]
    [InlineData(false, "This module provides a simple way to time small bits of Python code.")]
    [InlineData(true, "Use the `timeit` module:\n\n`timeit.timeit(stmt)`\n\nThis module provides a simple way to time small bits of Python code.")]
    [InlineData(false, "However, this module provides a simple way to time small bits of Python code.")]
    public async Task A_sentence_that_refers_back_with_nothing_to_be_quoted_with_is_left_out(bool opensSection, string text)
    {
        const string question = "How can I time small bits of my code?";
        const string heading = "timeit — Measure execution time of small code snippets";
        const string standsAlone = "The timeit module runs small bits of code many times and reports the best time.";
        var draft = QuestionOnlyDraft(question, new Passage("timeit.html", heading, heading, $"{text}\n\n{standsAlone}", 1.0, opensSection));

        var summary = await SummaryParagraphAsync(Writer, draft);

        // Not under the heading either: it does not open the section (the code before it is what it refers to).
        Assert.Equal($"{standsAlone} [1]", summary);
    }

    [Fact]
    public async Task The_second_sentence_of_a_definition_is_quoted_with_the_term_it_describes()
    {
        const string question = "How do I wait until all my tasks finish?";
        const string term = "`TaskGroup`: A context manager that holds a group of tasks.";
        const string description = "Provides a convenient and reliable way to wait until all tasks in the group finish.";
        const string plain = "Waiting for every download to finish before parsing keeps the tasks simple.";
        var draft = QuestionOnlyDraft(question, Passage("tasks.md", $"{term} {description}\n\n{plain} Then wait until all my tasks finish again."));

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        var summary = SummaryOf(report);
        Assert.Contains($"{term} {description} [1]", summary, StringComparison.Ordinal);
        // A sentence that does not follow a term stands alone.
        Assert.Contains($"{plain} [1]", summary, StringComparison.Ordinal);
        Assert.DoesNotContain($"{plain} Then", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_how_to_summary_opens_with_the_sentence_that_names_what_to_use()
    {
        const string question = "How do I measure how long code runs?";
        var draft = QuestionOnlyDraft(question,
            new Passage("timing.md", "Timing", null,
                "Measuring how long code runs is easy on a quiet machine. Call `timeit.timeit()` to measure how long code runs.", 1.0));

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.StartsWith("Call `timeit.timeit()`", SummaryOf(report));
    }

    [Fact]
    public async Task A_code_block_is_never_read_as_a_sentence()
    {
        const string question = "How do I run the tool?";
        var draft = QuestionOnlyDraft(question,
            new Passage("tool.md", "Tool", "Usage", "Run the tool with its options to see what it does.\n\n`usage: tool [options]. Run the tool again and it stops the tool you ran. exit`", 1.0));

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.Contains("Run the tool with its options", report.Markdown);
        Assert.DoesNotContain("usage:", report.Markdown);
        Assert.DoesNotContain("Run the tool again", report.Markdown);
    }

    [Theory]
    [InlineData("How do I wait for several tasks?", "Use `wait()` to wait for several tasks")]
    [InlineData("What changed in how I wait for several tasks?", "Changed in version 3.11")]
    public async Task A_version_note_leads_the_summary_only_when_the_question_is_about_changes(string question, string expectedStart)
    {
        var draft = QuestionOnlyDraft(question,
            new Passage("tasks.md", "Tasks", null,
                "Changed in version 3.11: `wait()` waits for several tasks, several tasks wait. " +
                "Use `wait()` to wait for several tasks, then read the finished ones from the set it returns to you.", 1.0));

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.StartsWith(expectedStart, SummaryOf(report));
    }

    [Fact]
    public async Task A_short_cross_reference_is_not_an_answer()
    {
        const string question = "What do I need in Azure to deploy it?";
        var draft = QuestionOnlyDraft(question,
            new Passage("index.md", "Overview", null,
                "See Deploying to Azure Functions in the deployment guide. A deployment needs a Function App on the Flex Consumption plan in Azure.", 1.0));

        var report = await Writer.WriteAsync(draft, CancellationToken.None);

        Assert.StartsWith("A deployment needs a Function App", SummaryOf(report));
        Assert.DoesNotContain("See Deploying", report.Markdown);
    }

    [Fact]
    public async Task The_summary_keeps_to_its_word_budget_passing_over_a_sentence_too_long_for_a_shorter_one()
    {
        const string best = "Lighthouses warn ships with a bright rotating light that marks the dangerous rocks and shoals along the coast at night.";
        const string secondAndLong = "Lighthouses warn ships off the rocks in thick fog with a loud horn, because their light itself cannot be seen through the fog.";
        const string thirdAndShort = "Lighthouses warn ships by radio as well.";
        var draft = QuestionOnlyDraft("How do lighthouses warn ships of rocks at night?", Passage("beacons.md", $"{best} {secondAndLong} {thirdAndShort}"));
        var budget = PlainText.CountWords(best) + PlainText.CountWords(thirdAndShort);
        ExtractiveReportWriter WithBudget(int words) =>
            new(Options.Create(new ExtractiveWritingOptions { MaxSummaryWords = words, SummaryMinRelativeScore = 0 }));

        var unbounded = await SummaryParagraphAsync(WithBudget(1000), draft);
        var bounded = await SummaryParagraphAsync(WithBudget(budget), draft);
        var belowTheFirst = await SummaryParagraphAsync(WithBudget(PlainText.CountWords(best) - 1), draft);

        Assert.Equal($"{best} [1] {secondAndLong} [1] {thirdAndShort} [1]", unbounded);
        Assert.Equal($"{best} [1] {thirdAndShort} [1]", bounded);
        Assert.Equal($"{best} [1]", belowTheFirst);
    }

    private const string ReadableQuestion = "How do I make the output readable?";
    private const string AnswersInOtherWords = "Set indent to 4 to pretty-print the JSON document.";
    private const string SharesTheWords = "The output of the readable flag is written on one long line.";

    /// <summary>A draft for <see cref="ReadableQuestion"/> whose passage holds a sentence that shares its words and one that answers it in others.</summary>
    private static ReportDraft ReadableDraft() => QuestionOnlyDraft(ReadableQuestion, Passage("json.md", $"{SharesTheWords} {AnswersInOtherWords}"));

    /// <summary>A toy model that knows pretty-printing is what <see cref="ReadableQuestion"/> means, which no shared term says.</summary>
    private static MeaningTable ReadableMeanings() => new(text => text.Contains("pretty-print", StringComparison.Ordinal) ? [1f, 0f]
        : text.StartsWith(ReadableQuestion, StringComparison.Ordinal) ? [1f, 0.1f]
        : [0.5f, 1f]);

    [Fact]
    public async Task With_embeddings_a_sentence_that_answers_in_other_words_than_the_question_reaches_the_summary()
    {
        // Feedback off: the passage's own terms would otherwise carry the sentence too. Terms and
        // meaning weigh the same, so the two sentences tie and keep their order.
        var termsOnly = Options.Create(new ExtractiveWritingOptions { FeedbackPassages = 0, SummaryDenseWeight = 0.5 });
        var byTerms = await SummaryParagraphAsync(new ExtractiveReportWriter(termsOnly), ReadableDraft());
        var byTermsAndMeaning = await SummaryParagraphAsync(new ExtractiveReportWriter(termsOnly, ReadableMeanings()), ReadableDraft());

        Assert.DoesNotContain(AnswersInOtherWords, byTerms, StringComparison.Ordinal);
        Assert.Contains(AnswersInOtherWords, byTermsAndMeaning, StringComparison.Ordinal);
        Assert.StartsWith(SharesTheWords, byTermsAndMeaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_embeddings_the_summary_weighs_meaning_by_its_own_setting()
    {
        ExtractiveReportWriter Writing(ExtractiveWritingOptions options) => new(Options.Create(options), ReadableMeanings());

        var byDefault = await SummaryParagraphAsync(Writing(new ExtractiveWritingOptions { FeedbackPassages = 0 }), ReadableDraft());
        var mostlyByTerms = await SummaryParagraphAsync(Writing(new ExtractiveWritingOptions { FeedbackPassages = 0, SummaryDenseWeight = 0.2 }), ReadableDraft());

        Assert.StartsWith(AnswersInOtherWords, byDefault, StringComparison.Ordinal);
        Assert.StartsWith(SharesTheWords, mostlyByTerms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_embeddings_a_sentence_is_understood_under_its_source_title_and_section_heading()
    {
        const string question = "How do I compute the checksum of a download?";
        const string underItsHeading = "Use sha256() to create a hash object and feed it the bytes.";
        // No sentence shares a term with the question: they are ranked by meaning alone.
        var draft = QuestionOnlyDraft(question,
            new Passage("notes.md", "Release notes", null,
                "Our mirrors publish every new release within a day. Older releases stay available for a year.", 1.0),
            new Passage("hashlib.md", "hashlib — Secure hashes and message digests", "Hash algorithms", underItsHeading, 1.0));
        // The toy model knows what hashlib is for, which the sentence alone does not say.
        var model = new MeaningTable(text => text.Contains("hashlib", StringComparison.Ordinal) ? [1f, 0f]
            : text.StartsWith(question, StringComparison.Ordinal) ? [1f, 0.1f]
            : [0.6f, 1f]);

        var summary = SummaryOf(await new ExtractiveReportWriter(Options.Create(new ExtractiveWritingOptions()), model)
            .WriteAsync(draft, CancellationToken.None));

        Assert.StartsWith(underItsHeading, summary, StringComparison.Ordinal);
    }

    /// <summary>An embedding model whose vector for each text the test computes.</summary>
    private sealed class MeaningTable(Func<string, float[]> vectorOf) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(text => new Embedding<float>(vectorOf(text)))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
