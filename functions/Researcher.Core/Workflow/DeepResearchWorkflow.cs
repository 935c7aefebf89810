using System.Globalization;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Text;

namespace Researcher.Core.Workflow;

/// <summary>
/// The exploration of a deep research: a tree of branches, each its own branch workflow, grown
/// from the planned top-level queries. A branch's children are the follow-ups it proposed (at most
/// the next level's breadth, none repeating a query of the tree), and they start the moment it
/// ends, so every subtree runs at once, at most <see cref="DeepResearchSettings.MaxConcurrentBranches"/>
/// branches in flight. Before a branch starts, the research's limits are checked (its time, its
/// sources, its gathering budget); the first one reached ends exploration: nothing more starts, the
/// branches running end, and the report is written from what was learned, naming the limit. A failed
/// branch is a gap. Deterministic: it decides only from branch results and the engine's clock.
/// </summary>
public static class DeepResearchWorkflow
{
    /// <summary>The planned queries as the tree's top level: paths "1", "2", ... in plan order.</summary>
    public static IReadOnlyList<SubQuestion> TopLevel(ResearchPlan plan) =>
        plan.SubQuestions.Select((query, index) => query with { Key = TreePath.Root(index + 1).Value }).ToList();

    /// <summary>
    /// Explores the tree under <paramref name="topLevel"/> and returns every branch that ended, in
    /// path order, with the gaps and warnings the report names. Progress is posted as branches
    /// start and end (percent from <paramref name="startPercent"/> to <paramref name="endPercent"/>
    /// by the tree's known shape), recorded in order behind the workflow's back: the research's next
    /// awaited event (its last, at the latest) waits for all of it.
    /// </summary>
    public static async Task<DeepExploration> ExploreAsync(
        IResearchContext context, ResearchInput input, DeepResearchSettings settings, IReadOnlyList<SubQuestion> topLevel,
        ProgressRecorder progress, int startPercent, int endPercent)
    {
        return await new Exploration(context, input, settings, topLevel, progress, startPercent, endPercent).RunAsync();
    }

    /// <summary>A branch waiting to start: its query (its key its path) and the stored learnings of the branches above it.</summary>
    private sealed record PendingBranch(SubQuestion Query, IReadOnlyList<string> Known)
    {
        public TreePath Path => new(Query.Key);
    }

    private sealed record RunningBranch(Task<DeepBranchFindings> Work, DeepBranchInput Input, ResearchUsage Reserved)
    {
        public TreePath Path => new(Input.Query.Key);
    }

    /// <summary>The state of one exploration; every decision it makes depends only on what its branches returned.</summary>
    private sealed class Exploration(
        IResearchContext context, ResearchInput input, DeepResearchSettings settings, IReadOnlyList<SubQuestion> topLevel,
        ProgressRecorder progress, int startPercent, int endPercent)
    {
        private readonly DeepTreeShape shape = new(settings.Breadth, settings.Depth);
        private readonly DateTime deadline = context.CurrentUtcDateTime.AddMinutes(settings.MaxMinutes);
        private readonly ResearchBudget gathering = input.Spec.Budget.ForGathering();
        private readonly List<PendingBranch> pending = [];
        private readonly List<RunningBranch> running = [];
        private readonly List<DeepBranchFindings> ended = [];
        private readonly HashSet<string> queries = new(StringComparer.Ordinal);
        private readonly HashSet<string> sourcesRead = new(StringComparer.Ordinal);
        private readonly HashSet<string> sourcesAnnounced = new(StringComparer.Ordinal);
        private readonly List<string> warnings = [];
        private ExplorationLimit? limitReached;
        private int skipped;

        /// <summary>With sequential subtrees: the top-level branch whose subtree is being explored (empty: none yet).</summary>
        private string activeSubtree = "";

        public async Task<DeepExploration> RunAsync()
        {
            foreach (var query in topLevel)
            {
                queries.Add(QueryKey(query.SearchText));
                pending.Add(new PendingBranch(query, []));
            }
            try
            {
                StartWhatFits();
                while (running.Count > 0)
                {
                    var next = await Task.WhenAny(running.Select(r => r.Work));
                    var branch = running.Single(r => r.Work == next);
                    running.Remove(branch);
                    var findings = await next;
                    ended.Add(findings);
                    var children = Account(branch, findings);
                    // The children start before the branch's end is recorded: progress is never on the tree's critical path.
                    StartWhatFits();
                    PostBranchEnd(findings, children);
                }
            }
            catch (ResearchCancelledException)
            {
                // The engine completes a workflow only once none of its tasks is open: the branches
                // running (told of the cancellation too) are awaited to their end first.
                foreach (var branch in running)
                {
                    try
                    {
                        await branch.Work;
                    }
                    catch (ResearchCancelledException)
                    {
                    }
                }
                throw;
            }

            var gaps = ended.Where(b => b.Failure is not null).Select(Gap).ToList();
            if (limitReached is { } limit)
            {
                var message = limit.Describe(settings, skipped);
                progress.Post(ProgressEventType.Warning, "research", message, Percent(),
                    new Dictionary<string, string> { ["limit"] = limit.Name, ["skipped"] = Invariant(skipped) });
                gaps.Add(message);
            }
            var explored = ended.OrderBy(b => b.Query.Key, TreePath.Order).ToList();
            return new DeepExploration(explored, gaps, warnings) { BudgetReached = limitReached is { IsBudget: true } };
        }

        /// <summary>Starts pending branches, in the order they were found, while the concurrency limit and the research's limits allow.</summary>
        private void StartWhatFits()
        {
            while (limitReached is null && pending.Count > 0 && running.Count < settings.MaxConcurrentBranches)
            {
                if (context.CurrentUtcDateTime >= deadline)
                {
                    Stop(ExplorationLimit.Time);
                    return;
                }
                var index = NextStartable();
                if (index < 0) return;

                var sourcesLeft = settings.MaxSources - sourcesRead.Count - running.Sum(r => r.Input.MaxSources);
                // What the research spent (planning, branches ended) and what the running branches may still spend are taken.
                var budgetLeft = gathering.Minus(progress.Spent + ResearchUsage.Sum(running.Select(r => r.Reserved)));
                var exhausted = sourcesLeft < 1 ? ExplorationLimit.Sources : ExplorationLimit.Exhausting(budgetLeft);
                if (exhausted is not null)
                {
                    // What running branches reserved may come back unused; without any, the limit is reached.
                    if (running.Count == 0) Stop(exhausted);
                    return;
                }

                var branch = pending[index];
                pending.RemoveAt(index);
                // Each branch may spend an equal share of what is left among all the branches that may still run.
                var allowance = budgetLeft.Share(1 + PotentialBranches());
                var path = branch.Path;
                var branchInput = new DeepBranchInput(input.ResearchId, branch.Query, shape.ChildrenAt(path.Depth), input.Spec)
                {
                    Known = branch.Known,
                    MaxSources = Math.Min(input.Spec.MaxSourcesPerSubQuestion, sourcesLeft),
                    Allowance = allowance,
                };
                running.Add(new RunningBranch(ExploreBranchAsync(branchInput), branchInput, ResearchUsage.Reserving(allowance)));
                if (settings.SequentialSubtrees && path.Depth > 1) activeSubtree = path.Top;
                progress.Post(ProgressEventType.BranchStarted, "research", $"Exploring \"{branch.Query.Title}\"", Percent(), BranchData(branch.Query));
            }
        }

        /// <summary>
        /// The first pending branch that may start. Normally the first of all; with sequential
        /// subtrees, below the top level only branches of the subtree being explored, until it is done.
        /// </summary>
        private int NextStartable()
        {
            if (!settings.SequentialSubtrees) return 0;
            var busy = activeSubtree.Length > 0
                && (running.Any(r => r.Path.Depth > 1 && r.Path.Top == activeSubtree) || pending.Any(p => p.Path.Depth > 1 && p.Path.Top == activeSubtree));
            return pending.FindIndex(p => p.Path.Depth == 1 || !busy || p.Path.Top == activeSubtree);
        }

        /// <summary>Adds what a branch spent and read; returns the children it gets (none once a limit is reached).</summary>
        private IReadOnlyList<SubQuestion> Account(RunningBranch branch, DeepBranchFindings findings)
        {
            progress.AddSpending(findings.Usage);
            foreach (var source in findings.Sources) sourcesRead.Add(source.Location);
            warnings.AddRange(findings.Warnings);
            if (findings.BudgetReached && limitReached is null)
                Stop(ExplorationLimit.Budget(input.Spec.Budget, gathering, progress.Spent));

            if (findings.Learnings is not { } learnings) return [];
            var path = branch.Path;
            var room = shape.ChildrenAt(path.Depth);
            if (limitReached is not null)
            {
                skipped += Math.Min(room, learnings.FollowUps.Count);
                return [];
            }
            var children = new List<SubQuestion>(room);
            foreach (var followUp in learnings.FollowUps)
            {
                if (children.Count == room) break;
                if (!queries.Add(QueryKey(followUp.Query))) continue;
                children.Add(followUp.Branch(path.Child(children.Count + 1).Value));
            }
            var known = branch.Input.Known.Append(learnings.ContentName).ToList();
            pending.AddRange(children.Select(child => new PendingBranch(child, known)));
            return children;
        }

        private void Stop(ExplorationLimit limit)
        {
            limitReached = limit;
            skipped += pending.Count;
            pending.Clear();
        }

        /// <summary>The branches that may still start: those waiting and every branch that may grow below a waiting or running one.</summary>
        private int PotentialBranches() =>
            pending.Count + pending.Sum(p => shape.DescendantsAt(p.Path.Depth)) + running.Sum(r => shape.DescendantsAt(r.Path.Depth));

        /// <summary>Branches ended out of all the tree may still hold, as a percent between the exploration's bounds.</summary>
        private int Percent()
        {
            var total = ended.Count + running.Count + PotentialBranches();
            return total == 0 ? endPercent : startPercent + (endPercent - startPercent) * ended.Count / total;
        }

        private async Task<DeepBranchFindings> ExploreBranchAsync(DeepBranchInput branchInput)
        {
            try
            {
                return await context.RunBranchAsync(ResearchWorkflows.DeepBranch, branchInput, branchInput.Query.Key);
            }
            catch (StepFailedException ex)
            {
                return DeepBranchFindings.Failed(branchInput.Query, ResearchFailure.Of(ex));
            }
        }

        /// <summary>A branch's sources not announced before (each source once per research), its warnings, then how it ended.</summary>
        private void PostBranchEnd(DeepBranchFindings findings, IReadOnlyList<SubQuestion> children)
        {
            var percent = Percent();
            var query = findings.Query;
            foreach (var source in findings.Sources.Where(s => sourcesAnnounced.Add(s.Location)))
                progress.Post(ProgressEventType.SourceFound, "research", $"Read {source.Title}", percent,
                    new Dictionary<string, string> { ["subQuestion"] = query.Key, ["branch"] = query.Key, ["location"] = source.Location, ["title"] = source.Title });
            foreach (var warning in findings.Warnings)
                progress.Post(ProgressEventType.Warning, "research", warning, percent);

            var data = BranchData(query);
            if (findings is { Learnings: { } learnings, Passages: { } passages })
            {
                data["learnings"] = Invariant(learnings.LearningCount);
                data["sources"] = Invariant(passages.SourceCount);
                data["followUps"] = Invariant(children.Count);
                progress.Post(ProgressEventType.BranchCompleted, "research",
                    $"Explored \"{query.Title}\": {learnings.LearningCount} learnings from {passages.SourceCount} sources", percent, data);
            }
            else
            {
                progress.Post(ProgressEventType.BranchFailed, "research", Gap(findings), percent, data);
            }
        }

        private static Dictionary<string, string> BranchData(SubQuestion query)
        {
            var path = new TreePath(query.Key);
            return new Dictionary<string, string>
            {
                ["branch"] = path.Value,
                ["parent"] = path.Parent,
                ["depth"] = Invariant(path.Depth),
                ["position"] = Invariant(path.Position),
                ["query"] = query.Text,
                ["title"] = query.Title,
            };
        }
    }

    /// <summary>A query as the tree compares queries: case and spacing do not make a new one.</summary>
    private static string QueryKey(string query) => PlainText.CollapseWhitespace(query).ToLowerInvariant();

    private static string Gap(DeepBranchFindings failed) =>
        $"\"{failed.Query.Title}\" (branch {failed.Query.Key}) was not explored: {failed.Failure?.Reason ?? ResearchFailure.Unexpected.Reason}";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A limit that can end a deep research's exploration, by the name its warning event carries.</summary>
public sealed record ExplorationLimit(string Name)
{
    public static ExplorationLimit Time { get; } = new("time");
    public static ExplorationLimit Sources { get; } = new("sources");
    public static ExplorationLimit Tokens { get; } = new("tokens");
    public static ExplorationLimit Cost { get; } = new("cost");

    public bool IsBudget => this == Tokens || this == Cost;

    /// <summary>The budget limit <paramref name="left"/> has reached (nothing left of it), or null.</summary>
    public static ExplorationLimit? Exhausting(ResearchBudget left) =>
        left.MaxTokens == 0 ? Tokens : left.MaxCost == 0m ? Cost : null;

    /// <summary>Which of the budget's limits a branch ran into: the one it has spent the larger share of.</summary>
    public static ExplorationLimit Budget(ResearchBudget budget, ResearchBudget gathering, ResearchUsage spent)
    {
        if (budget.MaxCost is null) return Tokens;
        if (budget.MaxTokens is null) return Cost;
        var tokenShare = gathering.MaxTokens is > 0 and var tokens ? (double)spent.TotalTokens / tokens : 1;
        var costShare = gathering.MaxCost is > 0m and var money ? (double)((spent.Cost ?? 0m) / money) : 1;
        return costShare > tokenShare ? Cost : Tokens;
    }

    /// <summary>The warning (and report gap) saying this limit ended exploration.</summary>
    public string Describe(DeepResearchSettings settings, int skipped)
    {
        var what = Name switch
        {
            "time" => $"its time limit ({settings.MaxMinutes} minutes)",
            "sources" => $"its source limit ({settings.MaxSources} sources read)",
            "tokens" => "its token budget",
            _ => "its cost budget",
        };
        return skipped switch
        {
            0 => $"Exploration reached {what} as it ended: every branch found was explored.",
            1 => $"Exploration stopped at {what}: 1 branch found was not explored. The report is written from what was learned until then.",
            _ => $"Exploration stopped at {what}: {skipped} branches found were not explored. The report is written from what was learned until then.",
        };
    }
}

/// <summary>
/// What a deep research's exploration found: the branches that ended (in path order, failed ones
/// included), the gaps the report names (failed branches, the limit that ended exploration) and
/// the warnings of the sources that could not be read.
/// </summary>
public sealed record DeepExploration(IReadOnlyList<DeepBranchFindings> Branches, IReadOnlyList<string> Gaps, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the gathering budget ended exploration.</summary>
    public bool BudgetReached { get; init; }
}
