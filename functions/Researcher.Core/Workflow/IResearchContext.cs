namespace Researcher.Core.Workflow;

/// <summary>
/// The research port: the only way a workflow touches the world. A workflow body written against
/// this interface is replayed by its host (the Durable Task engine, in Azure Functions and in the
/// local host alike), so
/// it must be deterministic: no clocks, random numbers, I/O or configuration reads outside steps.
/// Everything non-deterministic happens inside a step, whose recorded result the host returns on
/// replay instead of running the step again.
/// </summary>
public interface IResearchContext
{
    /// <summary>The id of the research this workflow (or branch) belongs to; the same in every branch.</summary>
    string ResearchId { get; }

    /// <summary>
    /// The current time as recorded by the host: it advances only between steps and is identical
    /// on every replay. Use it instead of <see cref="DateTime.UtcNow"/>.
    /// </summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the host is replaying recorded history; use it only to silence duplicate logs.</summary>
    bool IsReplaying { get; }

    /// <summary>
    /// True once someone asked to cancel the research (the request reaches the workflow as an
    /// event, recorded in its history, so a replay sees it at the same point). It is observed
    /// between steps: a step already running ends normally, and from then on every
    /// <see cref="RunStepAsync{TInput, TOutput}"/> and <see cref="RunBranchAsync{TInput, TOutput}"/>
    /// throws <see cref="ResearchCancelledException"/> (a branch being awaited is told, runs to its
    /// own next step, and then throws). <see cref="RecordProgressAsync"/> still works, so the
    /// workflow can record that it was cancelled.
    /// </summary>
    bool IsCancellationRequested { get; }

    /// <summary>
    /// Runs a step (a Durable activity) and returns its result. The step runs at least once, is
    /// retried under <paramref name="retry"/>, and its input and result cross a serialization
    /// boundary, so both must be small JSON-serializable values; large data goes to blob storage
    /// and travels as a reference. A step that still fails after its retries throws
    /// <see cref="StepFailedException"/>; once cancellation is requested it throws
    /// <see cref="ResearchCancelledException"/>.
    /// </summary>
    Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null);

    /// <summary>
    /// Runs a branch (a Durable sub-orchestration): another workflow with its own small history.
    /// <paramref name="branchKey"/> names the branch uniquely within its parent and must be the
    /// same on every replay (for example the index of the sub-question it researches). A branch that
    /// fails throws <see cref="StepFailedException"/>; cancelling the research cancels its branches.
    /// </summary>
    Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey);

    /// <summary>
    /// Records a progress event durably in the research's event log and then broadcasts it. The
    /// workflow assigns the sequence number (see <see cref="ProgressRecorder"/>); recording the same
    /// sequence number twice stores it once. It is not interrupted by cancellation.
    /// </summary>
    Task RecordProgressAsync(Progress.ProgressEvent progressEvent);

    /// <summary>Sets the short, overwritable status readers see while the research runs (Durable custom status).</summary>
    void SetStatus(Contracts.ResearchProgress status);
}
