using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Core.Workflow;

/// <summary>
/// The standard research, told top to bottom: plan sub-questions, research each in its own branch
/// (search, read, select passages), write the report with numbered citations and store it.
/// Deterministic: everything it learns comes from steps and branches.
/// </summary>
public static class StandardResearchWorkflow
{
    public static async Task<ResearchOutcome> RunAsync(IResearchContext context, ResearchInput input)
    {
        var spec = input.Spec;
        var progress = new ProgressRecorder(context);
        await progress.RecordAsync(ProgressEventType.ResearchStarted, "start", $"Researching: {spec.Question}", 0);

        await progress.RecordAsync(ProgressEventType.StepStarted, "plan", "Planning sub-questions", 2);
        var plan = await context.RunStepAsync(
            ResearchSteps.Plan, new PlanInput(input.ResearchId, spec.Question, spec.MaxSubQuestions), StepRetryPolicy.Provider);
        await progress.RecordAsync(ProgressEventType.StepCompleted, "plan",
            $"Planned {plan.SubQuestions.Count} sub-questions", 10,
            plan.SubQuestions.ToDictionary(q => q.Key, q => q.Text));

        await progress.RecordAsync(ProgressEventType.StepStarted, "research",
            $"Researching {plan.SubQuestions.Count} sub-questions", 12);
        var findings = await Task.WhenAll(plan.SubQuestions.Select(subQuestion => context.RunBranchAsync(
            ResearchWorkflows.SubQuestion, new SubQuestionInput(input.ResearchId, subQuestion, spec), subQuestion.Key)));

        var warnings = findings.SelectMany(f => f.Warnings).ToList();
        foreach (var warning in warnings)
            await progress.RecordAsync(ProgressEventType.Warning, "research", warning, 80);
        var passageCount = findings.Sum(f => f.Passages.PassageCount);
        var sourceCount = findings.Sum(f => f.Passages.SourceCount);
        await progress.RecordAsync(ProgressEventType.StepCompleted, "research",
            $"Selected {passageCount} passages from {sourceCount} sources", 80);

        await progress.RecordAsync(ProgressEventType.StepStarted, "write", "Writing the report", 85);
        var report = await context.RunStepAsync(
            ResearchSteps.WriteReport, new WriteReportInput(input.ResearchId, spec.Question, spec.ReportType, findings), StepRetryPolicy.Provider);
        await progress.RecordAsync(ProgressEventType.ResearchCompleted, "complete",
            $"Report written: {report.WordCount} words, {report.CitationCount} citations, {report.SourceCount} sources", 100);

        return new ResearchOutcome(report, warnings);
    }
}
