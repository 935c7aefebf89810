using System.Globalization;
using Researcher.Core.Planning;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Core.Workflow;

/// <summary>
/// The standard research, told top to bottom: plan sub-questions, research each in its own branch
/// (search, read, select passages), write the report with numbered citations and store it.
/// It owns the research's whole life: it records the first event and exactly one final event
/// (completed, failed with a safe reason, or cancelled), turns a failed branch into a warning and
/// a gap the report names, and fails only when planning or writing fails. Deterministic:
/// everything it learns comes from steps and branches.
/// </summary>
public static class StandardResearchWorkflow
{
    private const int BranchesStartPercent = 12;
    private const int BranchesEndPercent = 80;
    private const int IndexPercent = 1;

    /// <summary>
    /// The most rounds the research waits for its search to be prepared (about 10 minutes at the
    /// default 2 s): past them it plans anyway, and its first search waits for the index, as it
    /// would without this phase. So the wait always ends, and a build that fails fails the step.
    /// </summary>
    private const int MaxPreparationRounds = 300;

    public static async Task<ResearchOutcome> RunAsync(IResearchContext context, ResearchInput input)
    {
        var spec = input.Spec;
        var progress = new ProgressRecorder(context);
        await progress.RecordAsync(ProgressEventType.ResearchStarted, "start", $"Researching: {spec.Question}", 0);

        // The final event is recorded outside the try: a failure to record it is not a failure of the research.
        ResearchOutcome outcome;
        try
        {
            outcome = await ResearchAsync(context, input, progress);
        }
        catch (ResearchCancelledException)
        {
            outcome = ResearchOutcome.Cancelled();
        }
        catch (StepFailedException ex)
        {
            outcome = ResearchOutcome.Failed(ResearchFailure.Of(ex));
        }
        outcome = outcome with { Usage = progress.Spent };

        switch (outcome)
        {
            case { Status: ResearchRuntimeStatus.Completed, Report: { } report }:
                await progress.RecordAsync(ProgressEventType.ResearchCompleted, "complete",
                    $"Report written: {report.WordCount} words, {report.CitationCount} citations, {report.SourceCount} sources", 100,
                    outcome.Usage.IsZero ? null : SpendingData(outcome.Usage, spec.Currency));
                break;
            case { Status: ResearchRuntimeStatus.Failed, Failure: { } failure }:
                await progress.RecordAsync(ProgressEventType.ResearchFailed, failure.Step, failure.Reason, progress.LastPercent,
                    new Dictionary<string, string> { ["category"] = failure.Category.ToString() });
                break;
            default:
                await progress.RecordAsync(ProgressEventType.ResearchCancelled, "cancel", "The research was cancelled.", progress.LastPercent);
                break;
        }
        return outcome;
    }

    private static async Task<ResearchOutcome> ResearchAsync(IResearchContext context, ResearchInput input, ProgressRecorder progress)
    {
        var spec = input.Spec;
        var unit = spec.Deep is null ? "sub-questions" : "top-level queries";
        // A research limited to listed pages never searches: nothing to prepare.
        if (spec.SourceUrls.Count == 0)
            await PrepareSourcesAsync(context, input.ResearchId, progress);
        await progress.RecordAsync(ProgressEventType.StepStarted, "plan", $"Planning {unit}", 2);
        var plan = await context.RunStepAsync(
            ResearchSteps.Plan, new PlanInput(input.ResearchId, spec.Question, spec.MaxSubQuestions) { SourceUrls = spec.SourceUrls },
            StepRetryPolicy.Provider);
        progress.AddSpending(plan.Usage);
        if (spec.Deep is not null)
            plan = plan with { SubQuestions = DeepResearchWorkflow.TopLevel(plan) };
        // Posted, not awaited: the branches need not wait for the log (the next event recorded, or the last, waits for it).
        progress.Post(ProgressEventType.StepCompleted, "plan",
            $"Planned {plan.SubQuestions.Count} {unit}", 10,
            plan.SubQuestions.ToDictionary(q => q.Key, q => q.Text));

        var gathered = spec.Deep is { } deep
            ? await ExploreTreeAsync(context, input, plan, deep, progress)
            : await ResearchSubQuestionsAsync(context, input, plan, progress);

        progress.Post(ProgressEventType.StepStarted, "write", "Writing the report", 85);
        var report = await context.RunStepAsync(
            ResearchSteps.WriteReport,
            new WriteReportInput(input.ResearchId, spec.Question, spec.ReportType, gathered.Findings, gathered.Gaps)
            {
                Tree = gathered.Tree,
                Style = spec.Style,
                FromNotes = spec.TakeNotes,
                Budget = spec.Budget,
                SpentBefore = progress.Spent,
                BudgetReached = gathered.BudgetReached,
                Currency = spec.Currency,
            },
            StepRetryPolicy.Provider);
        progress.AddSpending(report.Usage);
        return ResearchOutcome.Completed(report, gathered.Warnings) with { BudgetReached = gathered.BudgetReached };
    }

    /// <summary>
    /// Waits, one short step at a time, until the research's search can search: the first research
    /// over a documents folder waits for its index to be built, and records after each step how far
    /// the build is (when it moved), so a watching client sees the build instead of a pause. An
    /// index already built (or a web search) answers the first step at once and records nothing.
    /// </summary>
    private static async Task PrepareSourcesAsync(IResearchContext context, string researchId, ProgressRecorder progress)
    {
        SourcesReadiness? reported = null;
        for (var round = 0; round < MaxPreparationRounds; round++)
        {
            var readiness = await context.RunStepAsync(ResearchSteps.PrepareSources, new PrepareSourcesInput(researchId), StepRetryPolicy.Provider);
            if (readiness.Ready)
            {
                if (reported is not null)
                    await progress.RecordAsync(ProgressEventType.StepCompleted, "index", "Indexed the documents", IndexPercent);
                return;
            }
            if (readiness == reported) continue;
            reported = readiness;
            await progress.RecordAsync(ProgressEventType.StepStarted, "index", DescribeIndexing(readiness), IndexPercent,
                new Dictionary<string, string>
                {
                    ["phase"] = readiness.Phase ?? "",
                    ["done"] = readiness.Done.ToString(CultureInfo.InvariantCulture),
                    ["total"] = readiness.Total.ToString(CultureInfo.InvariantCulture),
                });
        }
    }

    private static string DescribeIndexing(SourcesReadiness readiness) => readiness.Phase switch
    {
        "reading" => string.Create(CultureInfo.InvariantCulture, $"Indexing the documents: {readiness.Done:N0} of {readiness.Total:N0} files read"),
        "writing" => "Indexing the documents: writing the index",
        "checking" => "Indexing the documents: comparing the files with the stored index",
        _ => "Indexing the documents",
    };

    /// <summary>
    /// What the research gathered for its report: the sub-questions' findings (a deep research's
    /// explored tree instead), the gaps the report names, every warning, and whether the budget cut gathering short.
    /// </summary>
    private sealed record Gathered(
        IReadOnlyList<SubQuestionFindings> Findings, IReadOnlyList<ExploredBranch> Tree, IReadOnlyList<string> Gaps,
        IReadOnlyList<string> Warnings, bool BudgetReached);

    private static async Task<Gathered> ResearchSubQuestionsAsync(
        IResearchContext context, ResearchInput input, ResearchPlan plan, ProgressRecorder progress)
    {
        await progress.RecordAsync(ProgressEventType.StepStarted, "research",
            $"Researching {plan.SubQuestions.Count} sub-questions", BranchesStartPercent);
        // Each branch may spend an equal share of what gathering has left after planning.
        var branchAllowance = input.Spec.Budget.ForGathering().Minus(progress.Spent).Share(plan.SubQuestions.Count);
        var branches = await RunSubQuestionBranchesAsync(context, input, plan, progress, branchAllowance);
        progress.AddSpending(ResearchUsage.Sum(branches.Select(b => b.Usage)));
        var findings = branches.Where(b => b.Passages is not null).ToList();
        var gaps = branches.Where(b => b.Passages is null).Select(Gap).ToList();

        // A failed branch was recorded as it ended (subQuestionFailed); the sources a branch could not read are warnings.
        var branchWarnings = findings.SelectMany(f => f.Warnings).ToList();
        foreach (var warning in branchWarnings)
            await progress.RecordAsync(ProgressEventType.Warning, "research", warning, BranchesEndPercent);
        var passageCount = findings.Sum(f => f.Passages!.PassageCount);
        var sourceCount = findings.Sum(f => f.Passages!.SourceCount);
        await progress.RecordAsync(ProgressEventType.StepCompleted, "research",
            $"Selected {passageCount} passages from {sourceCount} sources", BranchesEndPercent);
        return new Gathered(findings, [], gaps, [.. branchWarnings, .. gaps], branches.Any(b => b.BudgetReached));
    }

    /// <summary>A deep research's tree, explored from the planned top level; each branch's progress was recorded as it went.</summary>
    private static async Task<Gathered> ExploreTreeAsync(
        IResearchContext context, ResearchInput input, ResearchPlan plan, DeepResearchSettings deep, ProgressRecorder progress)
    {
        var shape = new DeepTreeShape(deep.Breadth, deep.Depth);
        var expected = plan.SubQuestions.Count * (1 + shape.DescendantsAt(1));
        progress.Post(ProgressEventType.StepStarted, "research",
            $"Exploring up to {expected} branches (breadth {deep.Breadth}, depth {deep.Depth})", BranchesStartPercent,
            new Dictionary<string, string>
            {
                ["breadth"] = deep.Breadth.ToString(CultureInfo.InvariantCulture),
                ["depth"] = deep.Depth.ToString(CultureInfo.InvariantCulture),
                ["expectedBranches"] = expected.ToString(CultureInfo.InvariantCulture),
            });
        var exploration = await DeepResearchWorkflow.ExploreAsync(
            context, input, deep, plan.SubQuestions, progress, BranchesStartPercent, BranchesEndPercent);
        var explored = exploration.Branches
            .Where(b => b is { Passages: not null, Learnings: not null })
            .Select(b => new ExploredBranch(b.Query, b.Passages!.ContentName, b.Learnings!.ContentName, b.Warnings))
            .ToList();
        var learningCount = exploration.Branches.Sum(b => b.Learnings?.LearningCount ?? 0);
        var sourceCount = exploration.Branches.SelectMany(b => b.Sources).Select(s => s.Location).Distinct(StringComparer.Ordinal).Count();
        progress.Post(ProgressEventType.StepCompleted, "research",
            $"Explored {explored.Count} branches: {learningCount} learnings from {sourceCount} sources", BranchesEndPercent);
        return new Gathered([], explored, exploration.Gaps, [.. exploration.Warnings, .. exploration.Gaps], exploration.BudgetReached);
    }

    /// <summary>
    /// Every sub-question's branch at once; as each ends, in the order they end, its sources and its
    /// outcome are recorded, so a watching client fills in the plan live. The findings come back in
    /// plan order, which is the report's.
    /// </summary>
    private static async Task<IReadOnlyList<SubQuestionFindings>> RunSubQuestionBranchesAsync(
        IResearchContext context, ResearchInput input, ResearchPlan plan, ProgressRecorder progress, ResearchBudget branchAllowance)
    {
        var running = plan.SubQuestions
            .Select(subQuestion => ResearchSubQuestionAsync(
                context, new SubQuestionInput(input.ResearchId, subQuestion, input.Spec) { Allowance = branchAllowance }))
            .ToList();
        var ended = new List<SubQuestionFindings>(running.Count);
        var sourcesAnnounced = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (running.Count > 0)
            {
                var next = await Task.WhenAny(running);
                running.Remove(next);
                var branch = await next;
                ended.Add(branch);
                var percent = BranchesStartPercent + (BranchesEndPercent - BranchesStartPercent) * ended.Count / plan.SubQuestions.Count;
                await RecordBranchEndAsync(progress, branch, percent, sourcesAnnounced);
            }
        }
        catch (ResearchCancelledException)
        {
            // The engine completes a workflow only once none of its tasks is open: the other branches
            // (told of the cancellation too) are awaited to their end before the cancellation goes on.
            foreach (var branch in running)
            {
                try
                {
                    await branch;
                }
                catch (ResearchCancelledException)
                {
                }
            }
            throw;
        }
        return plan.SubQuestions.Select(subQuestion => ended.First(b => b.SubQuestion.Key == subQuestion.Key)).ToList();
    }

    /// <summary>A branch's sources not announced before (each source once per research), then how it ended.</summary>
    private static async Task RecordBranchEndAsync(
        ProgressRecorder progress, SubQuestionFindings branch, int percent, HashSet<string> sourcesAnnounced)
    {
        var subQuestion = branch.SubQuestion;
        foreach (var source in (branch.Sources ?? []).Where(s => sourcesAnnounced.Add(s.Location)))
            await progress.RecordAsync(ProgressEventType.SourceFound, "research", $"Read {source.Title}", percent,
                new Dictionary<string, string> { ["subQuestion"] = subQuestion.Key, ["location"] = source.Location, ["title"] = source.Title });

        if (branch.Passages is { } passages)
            await progress.RecordAsync(ProgressEventType.SubQuestionCompleted, "research",
                $"Researched \"{subQuestion.Title}\": {passages.PassageCount} passages from {passages.SourceCount} sources", percent,
                new Dictionary<string, string>
                {
                    ["subQuestion"] = subQuestion.Key,
                    ["title"] = subQuestion.Title,
                    ["passages"] = passages.PassageCount.ToString(CultureInfo.InvariantCulture),
                    ["sources"] = passages.SourceCount.ToString(CultureInfo.InvariantCulture),
                });
        else
            await progress.RecordAsync(ProgressEventType.SubQuestionFailed, "research", Gap(branch), percent,
                new Dictionary<string, string> { ["subQuestion"] = subQuestion.Key, ["title"] = subQuestion.Title });
    }

    /// <summary>One sub-question's branch; a branch that broke outside its steps ends as a failed finding too (cancellation still ends the research).</summary>
    private static async Task<SubQuestionFindings> ResearchSubQuestionAsync(IResearchContext context, SubQuestionInput input)
    {
        try
        {
            return await context.RunBranchAsync(ResearchWorkflows.SubQuestion, input, input.SubQuestion.Key);
        }
        catch (StepFailedException ex)
        {
            return SubQuestionFindings.Failed(input.SubQuestion, ResearchFailure.Of(ex));
        }
    }

    /// <summary>The totals a final event carries, as invariant strings.</summary>
    private static Dictionary<string, string> SpendingData(ResearchUsage usage, string currency)
    {
        var data = new Dictionary<string, string>
        {
            ["inputTokens"] = usage.InputTokens.ToString(CultureInfo.InvariantCulture),
            ["outputTokens"] = usage.OutputTokens.ToString(CultureInfo.InvariantCulture),
            ["totalTokens"] = usage.TotalTokens.ToString(CultureInfo.InvariantCulture),
            ["modelCalls"] = usage.Calls.ToString(CultureInfo.InvariantCulture),
        };
        if (usage.Cost is { } cost)
        {
            data["cost"] = cost.ToString(CultureInfo.InvariantCulture);
            data["currency"] = currency;
        }
        return data;
    }

    private static string Gap(SubQuestionFindings failed) =>
        $"\"{failed.SubQuestion.Title}\" was not researched: {failed.Failure?.Reason ?? ResearchFailure.Unexpected.Reason}";
}
