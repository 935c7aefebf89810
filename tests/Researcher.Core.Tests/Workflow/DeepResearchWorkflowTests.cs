using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Search;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;

namespace Researcher.Core.Tests.Workflow;

/// <summary>
/// The deep research's exploration over scripted steps: the tree it grows, how branches are
/// scheduled, the limits that end it, a branch that fails, and the progress a client draws it from.
/// </summary>
public class DeepResearchWorkflowTests
{
    private const string ResearchId = "fedcba9876543210fedcba9876543210";
    private const string Question = "How does the engine resume a research?";

    private static ResearchSpec Spec(int breadth, int depth, int maxSources = 500, int maxMinutes = 240, bool sequential = false) =>
        new(Question, ReportType.DeepReport, breadth, 2, 8, 6_000)
        {
            Deep = new DeepResearchSettings(breadth, depth, maxSources, maxMinutes, MaxConcurrentBranches: 8) { SequentialSubtrees = sequential },
        };

    /// <summary>
    /// Scripted steps: the plan has as many queries as asked; every query finds two sources of its
    /// own; every branch learns two things and proposes one more follow-up than it may use.
    /// </summary>
    private sealed class Script
    {
        public WriteReportInput? Written { get; private set; }

        public List<string> SourcesRead { get; } = [];

        /// <summary>The follow-ups a branch proposes (by default "query / follow-up n").</summary>
        public Func<ExtractLearningsInput, IReadOnlyList<FollowUpQuery>> FollowUps { get; init; } = input =>
            Enumerable.Range(1, input.MaxFollowUps + 1).Select(n => new FollowUpQuery($"{input.Query.Text} / follow-up {n}", $"{input.Query.Title}, part {n}")).ToList();

        /// <summary>What extracting learnings costs, and the allowance below which it is done without the model.</summary>
        public ResearchUsage ExtractionCost { get; init; } = ResearchUsage.Zero;

        public Func<string, object, bool> Fails { get; init; } = (_, _) => false;

        public object Answer(string step, object input)
        {
            if (Fails(step, input)) throw new HttpRequestException("connection to 10.0.0.7 refused, key=sk-secret");
            switch (input)
            {
                case PrepareSourcesInput:
                    return SourcesReadiness.Searchable;
                case PlanInput plan:
                    return new ResearchPlan(Enumerable.Range(0, plan.MaxSubQuestions)
                        .Select(n => new SubQuestion($"q{n}", $"topic {n + 1}", $"Topic {n + 1}")).ToList());
                case SearchInput search:
                    return new SearchResults(Enumerable.Range(1, 2).Take(search.MaxResults)
                        .Select(n => new SearchHit($"{search.Query}#{n}", $"{search.Query} {n}", null, 1.0, "snippet")).ToList());
                case ReadSourceInput read:
                    lock (SourcesRead) SourcesRead.Add(read.Hit.Location);
                    return new SourceReadResult(new SourceRef(read.Hit.Location, read.Hit.Title, ContentNames.Source(ResearchId, read.Hit.Location), 100), null);
                case SelectPassagesInput select:
                    return new PassageSetRef(ContentNames.Passages(ResearchId, select.SubQuestion.Key), 2 * select.Sources.Count, select.Sources.Count);
                case ExtractLearningsInput extract:
                    var affordable = extract.Allowance.Fits(ExtractionCost);
                    return new LearningsRef(ContentNames.Learnings(ResearchId, extract.Query.Key), 2, FollowUps(extract),
                        affordable ? ExtractionCost : ResearchUsage.Zero) { BudgetReached = !affordable };
                case WriteReportInput write:
                    Written = write;
                    return new ReportRef(ContentNames.Report(ResearchId), 900, 12, 6);
                default:
                    throw new InvalidOperationException(step);
            }
        }
    }

    private static async Task<(ScriptedResearchContext Context, ResearchOutcome Outcome)> RunAsync(ResearchSpec spec, Script script)
    {
        var context = new ScriptedResearchContext(ResearchId, script.Answer);
        var outcome = await StandardResearchWorkflow.RunAsync(context, new ResearchInput(ResearchId, spec));
        return (context, outcome);
    }

    private static List<string> BranchesCalled(ScriptedResearchContext context) =>
        context.Calls.Where(c => c.StartsWith("branch:DeepResearchBranch:", StringComparison.Ordinal))
            .Select(c => c["branch:DeepResearchBranch:".Length..]).ToList();

    /// <summary>Every path a full tree of this shape holds: breadth at the top, each level's breadth halved (rounding up) below.</summary>
    private static IEnumerable<string> FullTree(int breadth, int depth, string parent = "")
    {
        if (depth == 0) yield break;
        for (var position = 1; position <= breadth; position++)
        {
            var path = parent.Length == 0 ? $"{position}" : $"{parent}.{position}";
            yield return path;
            foreach (var below in FullTree((breadth + 1) / 2, depth - 1, path)) yield return below;
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 1, 5)]
    [InlineData(2, 2, 4)]
    [InlineData(4, 2, 12)]
    [InlineData(1, 3, 3)]
    [InlineData(3, 3, 15)]
    [InlineData(4, 3, 20)]
    public async Task The_tree_has_breadth_branches_at_the_top_and_halved_breadth_below_while_depth_remains(int breadth, int depth, int branches)
    {
        var (context, outcome) = await RunAsync(Spec(breadth, depth), new Script());

        Assert.Equal(branches, new DeepTreeShape(breadth, depth).MaxBranches);
        Assert.Equal(FullTree(breadth, depth).Order(), BranchesCalled(context).Order());
        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        var started = context.Events.Where(e => e.Type == ProgressEventType.BranchStarted).Select(e => e.Data!["branch"]).ToList();
        Assert.Equal(BranchesCalled(context), started);
        var research = context.Events.Single(e => e.Type == ProgressEventType.StepStarted && e.Step == "research");
        Assert.Equal($"{branches}", research.Data!["expectedBranches"]);
    }

    [Fact]
    public async Task A_branch_builds_on_what_the_branches_above_it_learned_and_its_children_start_from_its_follow_ups()
    {
        var script = new Script();
        var (context, _) = await RunAsync(Spec(4, 3), script);

        var started = context.Events.Where(e => e.Type == ProgressEventType.BranchStarted).ToDictionary(e => e.Data!["branch"], e => e.Data!);
        Assert.Equal("topic 2 / follow-up 1", started["2.1"]["query"]);
        Assert.Equal("topic 2 / follow-up 1 / follow-up 1", started["2.1.1"]["query"]);
        Assert.Equal("Topic 2, part 1, part 1", started["2.1.1"]["title"]);
        Assert.Equal(("2.1", "3", "1"), (started["2.1.1"]["parent"], started["2.1.1"]["depth"], started["2.1.1"]["position"]));
        Assert.Equal("", started["2"]["parent"]);

        // The writer gets every branch in tree order; each branch's step was told its ancestors' learnings.
        Assert.Equal(FullTree(4, 3).ToList(), script.Written!.Tree.Select(b => b.Query.Key).ToList());
        Assert.Equal(ReportType.DeepReport, script.Written.ReportType);
        Assert.Empty(script.Written.Findings);
    }

    [Fact]
    public async Task A_follow_up_that_repeats_a_query_of_the_tree_is_not_explored_again()
    {
        // Every branch proposes the first top-level query again, then its own follow-ups.
        var script = new Script
        {
            FollowUps = input => [new FollowUpQuery("Topic  1", "again"), new FollowUpQuery($"{input.Query.Text} / next", "next"),
                new FollowUpQuery($"{input.Query.Text} / NEXT", "same again"), new FollowUpQuery($"{input.Query.Text} / other", "other")],
        };
        var (context, _) = await RunAsync(Spec(4, 2), script);

        var queries = context.Events.Where(e => e.Type == ProgressEventType.BranchStarted).Select(e => e.Data!["query"].ToLowerInvariant()).ToList();
        Assert.Equal(queries.Distinct().Count(), queries.Count);
        Assert.Equal(12, queries.Count);
        Assert.Contains("topic 3 / other", queries);
    }

    [Fact]
    public async Task A_branch_that_fails_is_a_named_gap_its_subtree_is_not_explored_and_the_research_completes()
    {
        var script = new Script { Fails = (step, input) => step == "Search" && ((SearchInput)input).Query == "topic 2" };
        var (context, outcome) = await RunAsync(Spec(4, 2), script);

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        var failed = Assert.Single(context.Events, e => e.Type == ProgressEventType.BranchFailed);
        Assert.Equal("2", failed.Data!["branch"]);
        Assert.DoesNotContain("sk-secret", failed.Message);
        Assert.DoesNotContain(BranchesCalled(context), path => path.StartsWith("2.", StringComparison.Ordinal));
        Assert.Equal(10, BranchesCalled(context).Count);
        var gap = Assert.Single(script.Written!.Gaps);
        Assert.Contains("Topic 2", gap);
        Assert.Contains("Searching failed", gap);
        Assert.DoesNotContain(script.Written.Tree, b => b.Query.Key == "2");
    }

    [Fact]
    public async Task Reaching_the_source_limit_stops_starting_branches_and_the_report_says_so()
    {
        var script = new Script();
        var (context, outcome) = await RunAsync(Spec(4, 2, maxSources: 5), script);

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.True(script.SourcesRead.Distinct().Count() <= 5, string.Join(", ", script.SourcesRead));
        var limit = Assert.Single(context.Events, e => e.Type == ProgressEventType.Warning && e.Data is not null && e.Data.ContainsKey("limit"));
        Assert.Equal("sources", limit.Data!["limit"]);
        // Skipped are the branches found and not explored (queued, or proposed after the limit), not the tree's whole rest.
        Assert.InRange(int.Parse(limit.Data["skipped"], System.Globalization.CultureInfo.InvariantCulture), 1, 12 - BranchesCalled(context).Count);
        Assert.Contains(script.Written!.Gaps, gap => gap.Contains("source limit (5 sources read)", StringComparison.Ordinal));
        Assert.False(outcome.BudgetReached);
    }

    [Fact]
    public async Task Reaching_the_time_limit_ends_exploration_and_the_report_is_written_from_what_was_learned()
    {
        // The scripted clock advances a second per call: a minute is a handful of branches of this 20.
        var script = new Script();
        var (context, outcome) = await RunAsync(Spec(4, 3, maxMinutes: 1), script);

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        var explored = BranchesCalled(context).Count;
        Assert.InRange(explored, 4, 19);
        var limit = Assert.Single(context.Events, e => e.Type == ProgressEventType.Warning && e.Data is not null && e.Data.ContainsKey("limit"));
        Assert.Equal("time", limit.Data!["limit"]);
        Assert.Contains(script.Written!.Gaps, gap => gap.Contains("time limit (1 minutes)", StringComparison.Ordinal));
        Assert.Equal(explored, script.Written.Tree.Count);
        Assert.Equal(ProgressEventType.ResearchCompleted, context.Events[^1].Type);
    }

    [Fact]
    public async Task Reaching_the_token_budget_ends_exploration_within_it_and_keeps_the_rest_for_writing()
    {
        // Each of the tree's 12 branches may spend an equal share of the 3,000 tokens gathering may spend
        // (60 % of 5,000), the shares of branches that cannot grow any more going back to the rest;
        // at 320 tokens a call, the top-level branches already cannot afford the model.
        var script = new Script { ExtractionCost = new ResearchUsage(270, 50, 320, 1, null) };
        var spec = Spec(4, 2) with { Budget = new ResearchBudget(5_000, null) };
        var (context, outcome) = await RunAsync(spec, script);

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.True(outcome.BudgetReached);
        Assert.True(script.Written!.BudgetReached);
        Assert.True(script.Written.SpentBefore.TotalTokens <= 3_000, $"{script.Written.SpentBefore.TotalTokens} tokens spent gathering");
        var limit = Assert.Single(context.Events, e => e.Type == ProgressEventType.Warning && e.Data is not null && e.Data.ContainsKey("limit"));
        Assert.Equal("tokens", limit.Data!["limit"]);
        Assert.Equal(["1", "2", "3", "4"], BranchesCalled(context));
        Assert.Equal("8", limit.Data["skipped"]);
        Assert.Contains(script.Written.Gaps, gap => gap.Contains("token budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reaching_the_cost_budget_ends_exploration_and_names_the_cost_limit()
    {
        // Gathering may spend 0.006 USD (60 % of 0.01), a twelfth of it per branch; a call costs 0.002.
        var script = new Script { ExtractionCost = new ResearchUsage(270, 50, 320, 1, 0.002m) };
        var spec = Spec(4, 2) with { Budget = new ResearchBudget(null, 0.01m) };
        var (context, outcome) = await RunAsync(spec, script);

        Assert.Equal(ResearchRuntimeStatus.Completed, outcome.Status);
        Assert.True(outcome.BudgetReached);
        var limit = Assert.Single(context.Events, e => e.Type == ProgressEventType.Warning && e.Data is not null && e.Data.ContainsKey("limit"));
        Assert.Equal("cost", limit.Data!["limit"]);
        Assert.Contains(script.Written!.Gaps, gap => gap.Contains("cost budget", StringComparison.Ordinal));
        Assert.True(BranchesCalled(context).Count < 12);
    }

    [Fact]
    public async Task Percent_rises_with_the_branches_ended_out_of_the_trees_known_shape_and_never_goes_back()
    {
        var (context, _) = await RunAsync(Spec(4, 2), new Script());

        var percents = context.Events.Select(e => e.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        var ends = context.Events.Where(e => e.Type == ProgressEventType.BranchCompleted).Select(e => e.Percent).ToList();
        Assert.Equal(12, ends.Count);
        // The first of 12 branches to end is 1/12 of the way from 12 % to 80 %; the last reaches 80 %.
        Assert.Equal(12 + 68 / 12, ends[0]);
        Assert.Equal(80, ends[^1]);
        Assert.Equal(100, context.Events[^1].Percent);
    }

    [Fact]
    public async Task Every_source_is_announced_once_with_the_branch_that_read_it_before_the_branch_ends()
    {
        var (context, _) = await RunAsync(Spec(2, 2), new Script());

        var found = context.Events.Where(e => e.Type == ProgressEventType.SourceFound).ToList();
        Assert.Equal(found.Select(e => e.Data!["location"]).Distinct().Count(), found.Count);
        foreach (var source in found)
        {
            var ended = context.Events.First(e => e.Type == ProgressEventType.BranchCompleted && e.Data!["branch"] == source.Data!["branch"]);
            Assert.True(source.Sequence < ended.Sequence);
            Assert.Equal(source.Data!["branch"], source.Data["subQuestion"]);
        }
        var completed = context.Events.Where(e => e.Type == ProgressEventType.BranchCompleted).ToList();
        Assert.All(completed, e => Assert.Equal(("2", "2"), (e.Data!["learnings"], e.Data["sources"])));
        // Breadth 2 halves to 1: each top-level branch gets one child, and the last level none.
        Assert.All(completed, e => Assert.Equal(e.Data!["depth"] == "1" ? "1" : "0", e.Data["followUps"]));
    }

    [Fact]
    public async Task A_branchs_children_start_as_soon_as_it_ends_while_its_siblings_still_run()
    {
        var context = new ScriptedResearchContext(ResearchId, new Script().Answer) { HoldBranches = true };
        var research = StandardResearchWorkflow.RunAsync(context, new ResearchInput(ResearchId, Spec(4, 2)));

        Assert.Equal(["1", "2", "3", "4"], context.Held);
        context.Release("3");
        Assert.Equal(["1", "2", "4", "3.1", "3.2"], context.Held);
        context.Release("3.2");
        context.Release("1");
        Assert.Equal(["2", "4", "3.1", "1.1", "1.2"], context.Held);
        while (context.Held.Count > 0) context.Release(context.Held[0]);
        Assert.Equal(ResearchRuntimeStatus.Completed, (await research).Status);
    }

    [Fact]
    public async Task No_more_branches_run_at_once_than_the_concurrency_limit_allows()
    {
        var spec = Spec(4, 2) with { Deep = Spec(4, 2).Deep! with { MaxConcurrentBranches = 3 } };
        var context = new ScriptedResearchContext(ResearchId, new Script().Answer) { HoldBranches = true };
        var research = StandardResearchWorkflow.RunAsync(context, new ResearchInput(ResearchId, spec));

        var mostAtOnce = 0;
        while (context.Held.Count > 0)
        {
            mostAtOnce = Math.Max(mostAtOnce, context.Held.Count);
            context.Release(context.Held[^1]);
        }
        Assert.Equal(3, mostAtOnce);
        Assert.Equal(12, BranchesCalled(context).Count);
        Assert.Equal(ResearchRuntimeStatus.Completed, (await research).Status);
    }

    [Fact]
    public async Task With_sequential_subtrees_one_subtree_is_explored_at_a_time_after_the_top_level()
    {
        var context = new ScriptedResearchContext(ResearchId, new Script().Answer) { HoldBranches = true };
        var research = StandardResearchWorkflow.RunAsync(context, new ResearchInput(ResearchId, Spec(4, 2, sequential: true)));

        context.Release("3");
        context.Release("1");
        // Subtree 3 was found first: it runs alone, and subtree 1 waits for it.
        Assert.Equal(["2", "4", "3.1", "3.2"], context.Held);
        context.Release("3.1");
        context.Release("3.2");
        Assert.Equal(["2", "4", "1.1", "1.2"], context.Held);
        while (context.Held.Count > 0) context.Release(context.Held[0]);
        Assert.Equal(ResearchRuntimeStatus.Completed, (await research).Status);
        Assert.Equal(12, BranchesCalled(context).Count);
    }

    [Fact]
    public async Task Cancelling_mid_exploration_waits_for_the_running_branches_and_ends_cancelled()
    {
        var script = new Script();
        var context = new ScriptedResearchContext(ResearchId, script.Answer) { CancelAfterCalls = 12 };
        var outcome = await StandardResearchWorkflow.RunAsync(context, new ResearchInput(ResearchId, Spec(4, 2)));

        Assert.Equal(ResearchRuntimeStatus.Cancelled, outcome.Status);
        Assert.Equal(ProgressEventType.ResearchCancelled, context.Events[^1].Type);
        Assert.Null(script.Written);
        Assert.Equal(Enumerable.Range(1, context.Events.Count).Select(n => (long)n), context.Events.Select(e => e.Sequence));
    }

    [Fact]
    public void Paths_sort_in_tree_order_and_read_their_place()
    {
        string[] paths = ["2", "1.10", "1.2", "10", "1", "1.2.1"];
        Assert.Equal(["1", "1.2", "1.2.1", "1.10", "2", "10"], paths.Order(TreePath.Order));
        var path = new TreePath("3.2.1");
        Assert.Equal((3, 1, "3.2", "3"), (path.Depth, path.Position, path.Parent, path.Top));
        Assert.Equal("3.2.1.4", path.Child(4).Value);
    }
}
