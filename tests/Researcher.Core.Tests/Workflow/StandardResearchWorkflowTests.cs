using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Search;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;

namespace Researcher.Core.Tests.Workflow;

public class StandardResearchWorkflowTests
{
    private const string ResearchId = "0123456789abcdef0123456789abcdef";

    private static readonly ResearchSpec Spec = new("How do I cancel a research?", ReportType.ResearchReport, 3, 2, 8, 6_000);

    /// <summary>Scripted step answers: sub-question q1 finds an unreadable source, q2 finds nothing.</summary>
    private static object AnswerStep(string step, object input) => step switch
    {
        "PrepareSources" => SourcesReadiness.Searchable,
        "Plan" => new ResearchPlan([
            new SubQuestion("q0", "How do I cancel a research?", "Cancelling"),
            new SubQuestion("q1", "What does cancel keep?", "What is kept"),
            new SubQuestion("q2", "Is there a CLI?", "CLI")]),
        "Search" => ((SearchInput)input).Query switch
        {
            "How do I cancel a research?" => new SearchResults([Hit("api.md"), Hit("overview.md")]),
            "What does cancel keep?" => new SearchResults([Hit("api.md"), Hit("broken.pdf")]),
            _ => new SearchResults([]),
        },
        "ReadSource" => ((ReadSourceInput)input).Hit.Location == "broken.pdf"
            ? new SourceReadResult(null, "Skipped broken.pdf: not text")
            : new SourceReadResult(Source(((ReadSourceInput)input).Hit.Location), null),
        "SelectPassages" => new PassageSetRef(
            ContentNames.Passages(ResearchId, ((SelectPassagesInput)input).SubQuestion.Key),
            ((SelectPassagesInput)input).Sources.Count * 2, ((SelectPassagesInput)input).Sources.Count),
        "WriteReport" => new ReportRef(ContentNames.Report(ResearchId), 420, 9, 2),
        _ => throw new InvalidOperationException(step),
    };

    private static SearchHit Hit(string location) => new(location, location, null, 1.0, "snippet");

    private static SourceRef Source(string location) => new(location, location, ContentNames.Source(ResearchId, location), 100);

    private const string SecretFailureText = "connection to 10.0.0.7 refused, key=sk-secret";

    private static async Task<(ScriptedResearchContext Context, ResearchOutcome Outcome)> RunAsync(
        Func<string, object, object>? answerStep = null, int? cancelAfterCalls = null)
    {
        var context = new ScriptedResearchContext(ResearchId, answerStep ?? AnswerStep) { CancelAfterCalls = cancelAfterCalls };
        var outcome = await StandardResearchWorkflow.RunAsync(context, new ResearchInput(ResearchId, Spec));
        return (context, outcome);
    }

    /// <summary>The scripted answers, except that <paramref name="failingStep"/> throws when <paramref name="when"/> holds for its input.</summary>
    private static Func<string, object, object> Failing(string failingStep, Func<object, bool>? when = null) => (step, input) =>
        step == failingStep && (when?.Invoke(input) ?? true)
            ? throw new HttpRequestException(SecretFailureText)
            : AnswerStep(step, input);

    private static void AssertOneFinalEventLast(ScriptedResearchContext context, ProgressEventType expected)
    {
        ProgressEventType[] finals = [ProgressEventType.ResearchCompleted, ProgressEventType.ResearchFailed, ProgressEventType.ResearchCancelled];
        Assert.Single(context.Events, e => finals.Contains(e.Type));
        Assert.Equal(expected, context.Events[^1].Type);
        Assert.Equal(Enumerable.Range(1, context.Events.Count).Select(n => (long)n), context.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_sub_question_with_its_own_query_is_searched_for_by_the_query_and_shown_as_asked()
    {
        const string query = "What does “Event log” say about how to cancel a research?";
        var searched = new List<string>();
        var (context, _) = await RunAsync((step, input) =>
        {
            if (step == "Plan")
                return new ResearchPlan([
                    new SubQuestion("q0", "How do I cancel a research?", "Cancelling"),
                    new SubQuestion("q1", "What is the event log?", "Event log", query)]);
            if (step == "Search") lock (searched) searched.Add(((SearchInput)input).Query);
            return AnswerStep(step, input);
        });

        Assert.Equal(["How do I cancel a research?", query], searched.Order());
        var planned = context.Events.Single(e => e.Type == ProgressEventType.StepCompleted && e.Step == "plan");
        Assert.Equal("What is the event log?", planned.Data!["q1"]);
    }

    [Fact]
    public async Task Progress_sequence_numbers_run_from_one_without_gaps()
    {
        var (context, _) = await RunAsync();

        Assert.Equal(Enumerable.Range(1, context.Events.Count).Select(n => (long)n), context.Events.Select(e => e.Sequence));
        Assert.All(context.Events, e => Assert.Equal(ResearchId, e.ResearchId));
        Assert.Equal(ProgressEventType.ResearchStarted, context.Events[0].Type);
        Assert.Equal(ProgressEventType.ResearchCompleted, context.Events[^1].Type);
        Assert.Equal(100, context.Events[^1].Percent);
    }

    [Fact]
    public async Task Percent_never_goes_backwards_and_status_follows_the_events()
    {
        var (context, _) = await RunAsync();

        var percents = context.Events.Select(e => e.Percent).ToList();
        Assert.Equal(percents.OrderBy(p => p), percents);
        Assert.Equal(context.Events.Select(e => e.Message), context.Statuses.Select(s => s.Message));
    }

    [Fact]
    public async Task Each_sub_question_is_researched_in_its_own_branch()
    {
        var (context, _) = await RunAsync();

        Assert.Equal(
            ["branch:SubQuestionResearch:q0", "branch:SubQuestionResearch:q1", "branch:SubQuestionResearch:q2"],
            context.Calls.Where(c => c.StartsWith("branch:", StringComparison.Ordinal)));
        Assert.Equal(3, context.Calls.Count(c => c == "step:SelectPassages"));
        Assert.Equal(1, context.Calls.Count(c => c == "step:WriteReport"));
    }

    [Fact]
    public async Task Unreadable_and_empty_results_become_warnings_not_failures()
    {
        var (context, outcome) = await RunAsync();

        Assert.Contains("Skipped broken.pdf: not text", outcome.Warnings);
        Assert.Contains(outcome.Warnings, w => w.Contains("Is there a CLI?", StringComparison.Ordinal));
        Assert.Equal(2, context.Events.Count(e => e.Type == ProgressEventType.Warning));
    }

    [Fact]
    public async Task The_report_reference_is_what_the_write_step_stored()
    {
        var (_, outcome) = await RunAsync();

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.Equal(ContentNames.Report(ResearchId), outcome.Report!.ContentName);
    }

    [Fact]
    public async Task A_failed_planning_step_fails_the_research_with_a_safe_reason_as_its_one_final_event()
    {
        var (context, outcome) = await RunAsync(Failing("Plan"));

        Assert.Equal(ResearchRuntimeStatus.Failed, outcome.Status);
        Assert.Equal(FailureCategory.Provider, outcome.Failure!.Category);
        Assert.StartsWith("Planning the sub-questions failed:", outcome.Failure.Reason);
        AssertOneFinalEventLast(context, ProgressEventType.ResearchFailed);
        Assert.Equal(outcome.Failure.Reason, context.Events[^1].Message);
        Assert.DoesNotContain(context.Events, e => e.Message.Contains("sk-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Calls, c => c.StartsWith("branch:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_writing_step_fails_the_research()
    {
        var (context, outcome) = await RunAsync(Failing("WriteReport"));

        Assert.Equal(ResearchRuntimeStatus.Failed, outcome.Status);
        Assert.StartsWith("Writing the report failed:", outcome.Failure!.Reason);
        AssertOneFinalEventLast(context, ProgressEventType.ResearchFailed);
    }

    /// <summary>The scripted answers, except that PrepareSources answers from <paramref name="readiness"/> in turn (an index being built).</summary>
    private static Func<string, object, object> Preparing(Queue<SourcesReadiness> readiness) => (step, input) =>
        step == "PrepareSources" ? readiness.Dequeue() : AnswerStep(step, input);

    private static SourcesReadiness Reading(int done) => new(false, "reading", done, 1_100);

    [Fact]
    public async Task A_research_over_an_index_being_built_records_its_progress_before_planning_and_then_completes()
    {
        var (context, outcome) = await RunAsync(Preparing(new([
            Reading(0), Reading(340), Reading(340), new SourcesReadiness(false, "writing", 0, 1), SourcesReadiness.Searchable])));

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        AssertOneFinalEventLast(context, ProgressEventType.ResearchCompleted);
        var planning = context.Events.Single(e => e.Type == ProgressEventType.StepStarted && e.Step == "plan");
        var indexing = context.Events.Where(e => e.Step == "index").ToList();
        // A round that found the build where the last one left it records nothing.
        Assert.Equal(
            [
                (ProgressEventType.StepStarted, "Indexing the documents: 0 of 1,100 files read"),
                (ProgressEventType.StepStarted, "Indexing the documents: 340 of 1,100 files read"),
                (ProgressEventType.StepStarted, "Indexing the documents: writing the index"),
                (ProgressEventType.StepCompleted, "Indexed the documents"),
            ],
            indexing.Select(e => (e.Type, e.Message)));
        Assert.All(indexing, e => Assert.True(e.Sequence < planning.Sequence));
        Assert.Equal(new Dictionary<string, string> { ["phase"] = "reading", ["done"] = "340", ["total"] = "1100" }, indexing[1].Data);
        Assert.Equal(Enumerable.Repeat("step:PrepareSources", 5).Append("step:Plan"), context.Calls.Where(c => c.StartsWith("step:", StringComparison.Ordinal)).Take(6));
    }

    [Fact]
    public async Task A_research_over_a_ready_search_costs_one_preparing_step_and_records_nothing_for_it()
    {
        var (context, outcome) = await RunAsync();

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.Equal(["step:PrepareSources", "step:Plan"], context.Calls.Where(c => c.StartsWith("step:", StringComparison.Ordinal)).Take(2));
        Assert.Single(context.Calls, c => c == "step:PrepareSources");
        Assert.DoesNotContain(context.Events, e => e.Step == "index");
    }

    [Fact]
    public async Task A_research_of_listed_pages_only_never_prepares_the_search()
    {
        var context = new ScriptedResearchContext(ResearchId, AnswerStep);
        var outcome = await StandardResearchWorkflow.RunAsync(
            context, new ResearchInput(ResearchId, Spec with { SourceUrls = ["https://example.com/a", "https://example.com/b"] }));

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.DoesNotContain("step:PrepareSources", context.Calls);
    }

    [Fact]
    public async Task A_failed_index_build_fails_the_research_with_a_safe_reason_before_planning()
    {
        var (context, outcome) = await RunAsync(Failing("PrepareSources"));

        Assert.Equal(ResearchRuntimeStatus.Failed, outcome.Status);
        Assert.Equal("PrepareSources", outcome.Failure!.Step);
        Assert.StartsWith("Indexing the documents failed:", outcome.Failure.Reason);
        AssertOneFinalEventLast(context, ProgressEventType.ResearchFailed);
        Assert.DoesNotContain("step:Plan", context.Calls);
        Assert.DoesNotContain(context.Events, e => e.Message.Contains("sk-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_branch_is_an_event_and_a_gap_the_writer_gets_and_the_research_completes()
    {
        WriteReportInput? written = null;
        var (context, outcome) = await RunAsync((step, input) =>
        {
            if (step == "WriteReport") written = (WriteReportInput)input;
            return Failing("Search", i => ((SearchInput)i).Query == "What does cancel keep?")(step, input);
        });

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        AssertOneFinalEventLast(context, ProgressEventType.ResearchCompleted);
        var gap = Assert.Single(written!.Gaps);
        Assert.Contains("\"What is kept\" was not researched: Searching failed", gap);
        Assert.DoesNotContain(written.Findings, f => f.SubQuestion.Key == "q1");
        var failed = Assert.Single(context.Events, e => e.Type == ProgressEventType.SubQuestionFailed);
        Assert.Equal(gap, failed.Message);
        Assert.Equal("q1", failed.Data!["subQuestion"]);
        Assert.Contains(gap, outcome.Warnings);
        Assert.DoesNotContain(context.Events, e => e.Message.Contains("sk-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_branch_end_is_recorded_with_its_sources_once_each_before_the_research_step_completes()
    {
        var (context, _) = await RunAsync();

        var ended = context.Events.Where(e => e.Type == ProgressEventType.SubQuestionCompleted).ToList();
        Assert.Equal(["q0", "q1", "q2"], ended.Select(e => e.Data!["subQuestion"]).Order());
        Assert.All(ended, e => Assert.True(int.Parse(e.Data!["passages"], System.Globalization.CultureInfo.InvariantCulture) >= 0));
        var sources = context.Events.Where(e => e.Type == ProgressEventType.SourceFound).Select(e => e.Data!["location"]).ToList();
        Assert.NotEmpty(sources);
        Assert.Equal(sources.Distinct(), sources);
        var researchDone = context.Events.Single(e => e.Type == ProgressEventType.StepCompleted && e.Step == "research");
        Assert.All(ended, e => Assert.True(e.Sequence < researchDone.Sequence));
        Assert.Equal(ended.Select(e => e.Percent).Order(), ended.Select(e => e.Percent));
        Assert.Equal(80, ended[^1].Percent);
    }

    [Theory]
    [InlineData(1)] // before planning
    [InlineData(3)] // while the branches run
    [InlineData(15)] // before writing
    public async Task Cancellation_ends_the_research_with_one_cancelled_event_last(int cancelAfterCalls)
    {
        var (context, outcome) = await RunAsync(cancelAfterCalls: cancelAfterCalls);

        Assert.Equal(ResearchRuntimeStatus.Cancelled, outcome.Status);
        AssertOneFinalEventLast(context, ProgressEventType.ResearchCancelled);
        Assert.DoesNotContain("step:WriteReport", context.Calls);
    }

    [Fact]
    public async Task Running_again_over_the_same_step_results_issues_the_same_calls_and_events()
    {
        var (first, _) = await RunAsync();
        var (second, _) = await RunAsync();

        Assert.Equal(first.Calls, second.Calls);
        Assert.Equal(first.Events, second.Events, new ProgressEventComparer());
    }

    private sealed class ProgressEventComparer : IEqualityComparer<ProgressEvent>
    {
        public bool Equals(ProgressEvent? x, ProgressEvent? y) =>
            x is not null && y is not null
            && (x with { Data = null }) == (y with { Data = null })
            && (x.Data ?? new Dictionary<string, string>()).OrderBy(p => p.Key)
                .SequenceEqual((y.Data ?? new Dictionary<string, string>()).OrderBy(p => p.Key));

        public int GetHashCode(ProgressEvent obj) => obj.Sequence.GetHashCode();
    }
}
