namespace Researcher.Core.Workflow;

/// <summary>
/// The research port: the only way a workflow touches the world. A workflow body written against
/// this interface is replayed by its host (Durable Functions in Azure, the local runner here), so
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
    /// Runs a step (a Durable activity) and returns its result. The step runs at least once, is
    /// retried under <paramref name="retry"/>, and its input and result cross a serialization
    /// boundary, so both must be small JSON-serializable values; large data goes to blob storage
    /// and travels as a reference. A step that still fails after its retries throws
    /// <see cref="StepFailedException"/>.
    /// </summary>
    Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null);

    /// <summary>
    /// Runs a branch (a Durable sub-orchestration): another workflow with its own small history.
    /// <paramref name="branchKey"/> names the branch uniquely within its parent and must be the
    /// same on every replay (for example the index of the sub-question it researches).
    /// </summary>
    Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey);

    /// <summary>
    /// Records a progress event durably in the research's event log and then broadcasts it. The
    /// workflow assigns the sequence number (see <see cref="ProgressRecorder"/>); recording the same
    /// sequence number twice stores it once.
    /// </summary>
    Task RecordProgressAsync(Progress.ProgressEvent progressEvent);

    /// <summary>Sets the short, overwritable status readers see while the research runs (Durable custom status).</summary>
    void SetStatus(Contracts.ResearchProgress status);
}
