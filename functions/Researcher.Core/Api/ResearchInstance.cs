using Researcher.Core.Contracts;
using Researcher.Core.Workflow;

namespace Researcher.Core.Api;

/// <summary>The Durable Task engine's view of an orchestration instance, in words both engines' clients share.</summary>
public enum EngineStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}

/// <summary>
/// One research as a client sees it: what was asked, where it is, and how it ended. Built from the
/// engine's instance store alone (input, custom status, output), so any host of the task hub
/// answers the same.
/// </summary>
public sealed record ResearchInstance(
    string Id,
    ResearchSpec Spec,
    ResearchRuntimeStatus Status,
    ResearchProgress? Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    ResearchOutcome? Outcome,
    string? Failure,
    string? Owner)
{
    /// <summary>
    /// The research an orchestration instance holds. The workflow decides how a research ends (its
    /// outcome: completed, failed or cancelled); an orchestration that failed outside any step gets
    /// a generic reason (never the exception's text), and a terminated one counts as cancelled.
    /// </summary>
    public static ResearchInstance FromEngine(
        string id, ResearchInput input, EngineStatus engineStatus, ResearchProgress? progress, ResearchOutcome? outcome,
        DateTimeOffset createdAt, DateTimeOffset? updatedAt)
    {
        var status = engineStatus switch
        {
            EngineStatus.Pending => ResearchRuntimeStatus.Pending,
            EngineStatus.Running => ResearchRuntimeStatus.Running,
            EngineStatus.Completed => outcome?.Status ?? ResearchRuntimeStatus.Failed,
            EngineStatus.Terminated => ResearchRuntimeStatus.Cancelled,
            _ => ResearchRuntimeStatus.Failed,
        };
        var failure = status != ResearchRuntimeStatus.Failed ? null : (outcome?.Failure ?? ResearchFailure.Unexpected).Reason;
        return new ResearchInstance(id, input.Spec, status, progress, createdAt, updatedAt, outcome, failure, input.Owner);
    }

    public ResearchStatusResponse ToStatusResponse() => new(
        Id,
        Spec.Question,
        Spec.ReportType.ToWireName(),
        Status,
        Status == ResearchRuntimeStatus.Completed ? 100 : Progress?.Percent ?? 0,
        Progress?.Step,
        Progress?.Message,
        CreatedAt,
        UpdatedAt,
        Failure,
        ResearchLinks.For(Id))
    {
        Spending = Spending(),
    };

    /// <summary>
    /// What the research spent, as of its last status (its outcome once it ended); null for a
    /// research run without a language model, which spends nothing.
    /// </summary>
    private ResearchSpending? Spending()
    {
        if (!Spec.TakeNotes) return null;
        var usage = Outcome is { } outcome && !outcome.Usage.IsZero ? outcome.Usage : Progress?.Usage ?? ResearchUsage.Zero;
        return new ResearchSpending(usage, Spec.Currency, Spec.Budget, Outcome?.BudgetReached ?? false);
    }
}
