using Researcher.Core.Contracts;
using Researcher.Core.Tests.Writing;

namespace Researcher.Core.Tests.Engine;

/// <summary>
/// The first-run promise: over the shipped documentation, with no model and no network, questions
/// asked in a user's own words get a report that states the answer and cites the right page.
/// </summary>
public sealed class ShippedDocsResearchTests(ShippedDocsEngine engine) : IClassFixture<ShippedDocsEngine>
{
    [Theory]
    [InlineData("How do I cancel a research?", "http-api.md", "POST /api/research/{id}/cancel")]
    [InlineData("Where are reports stored?", "storage.md", "{researchId}/report.md")]
    [InlineData("What happens when the browser tab closes?", "durable-execution.md", "does not stop or cancel the research")]
    [InlineData("Which kinds of files can it read?", "configuration.md", "PDF")]
    [InlineData("Will my research keep going if the server crashes?", "durable-execution.md", "replays each orchestration from its history")]
    public async Task A_question_in_the_users_words_finds_the_page_and_states_the_fact(string question, string expectedSource, string expectedFact)
    {
        var run = await engine.RunAsync(question);

        Assert.Contains(expectedSource, run.SearchedLocations);
        Assert.Contains(run.Report.Sources, source => source.Location == expectedSource);
        Assert.Contains(expectedFact, run.Report.Markdown, StringComparison.Ordinal);
        ReportAssertions.CitationsResolveAndEverySourceIsCited(run.Report);
        ReportAssertions.NoSentenceIsRepeated(run.Report);
    }

    [Theory]
    [InlineData("Where are reports stored?", "Reports are stored in Blob storage")]
    [InlineData("What happens when the browser tab closes?", "Closing the browser tab does not stop or cancel the research")]
    [InlineData("What is the event log?", "The event log is the ordered, durable list")]
    [InlineData("Which file types can Researcher read?", "Researcher reads Markdown")]
    public async Task The_summary_opens_with_the_answer(string question, string expectedOpening)
    {
        var run = await engine.RunAsync(question);

        Assert.StartsWith(expectedOpening, run.SummaryFirstSentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_how_to_summary_gives_the_instruction_among_its_first_two_sentences()
    {
        // What cancelling does ("Cancelling answers 202 ...") may come first: it answers too.
        var run = await engine.RunAsync("How do I cancel a research?");

        Assert.Contains(run.SummarySentences.Take(2), sentence => sentence.StartsWith("To cancel a research, send `POST /api/research/{id}/cancel`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_plan_starts_with_the_question_and_adds_distinct_topics_from_the_documents()
    {
        var run = await engine.RunAsync("What happens when the browser tab closes?");

        Assert.Equal("What happens when the browser tab closes?", run.Plan.SubQuestions[0].Text);
        Assert.InRange(run.Plan.SubQuestions.Count, 2, 4);
        Assert.Equal(run.Plan.SubQuestions.Count, run.Plan.SubQuestions.Select(q => q.Title).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, run.Plan.SubQuestions.Count).Select(i => $"q{i}"), run.Plan.SubQuestions.Select(q => q.Key));
    }

    [Theory]
    [InlineData(ReportType.ResourceReport)]
    [InlineData(ReportType.OutlineReport)]
    public async Task Every_report_type_is_written_from_the_shipped_docs(ReportType reportType)
    {
        var run = await engine.RunAsync("How do I cancel a research?", reportType);

        Assert.Contains("http-api.md", run.Report.Sources.Select(s => s.Location));
        ReportAssertions.CitationsResolveAndEverySourceIsCited(run.Report);
        ReportAssertions.NoSentenceIsRepeated(run.Report);
    }

    [Fact]
    public async Task A_question_the_documents_cannot_answer_gets_an_honest_report()
    {
        var run = await engine.RunAsync("What is the airspeed velocity of an unladen swallow?");

        Assert.Empty(run.Report.Sources);
        Assert.Contains("do not answer this question", run.Report.Markdown, StringComparison.Ordinal);
    }
}
