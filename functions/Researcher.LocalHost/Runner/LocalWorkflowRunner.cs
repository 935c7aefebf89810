using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Runner;

/// <summary>
/// Runs a research workflow in this process against <see cref="LocalResearchContext"/>: the same
/// workflow code Durable Functions runs in Azure, with the same serialization boundary and retry
/// semantics. Cancelling the token stops the research between steps (and inside steps that honour it).
/// </summary>
public sealed class LocalWorkflowRunner(
    StepCatalog steps,
    BranchCatalog branches,
    TimeProvider timeProvider,
    IOptions<LocalRunnerOptions> options,
    ILogger<LocalWorkflowRunner> logger)
{
    private const string UnexpectedFailure = "The research failed unexpectedly; the host log has the details.";

    /// <summary>
    /// Runs <paramref name="workflow"/> to its end and says how it ended; it never throws for a
    /// failed or cancelled research. <paramref name="statusSink"/> (optional) receives the short status.
    /// </summary>
    public async Task<WorkflowResult<TOutput>> RunAsync<TInput, TOutput>(
        string researchId,
        Func<IResearchContext, TInput, Task<TOutput>> workflow,
        TInput input,
        IResearchStatusSink? statusSink,
        CancellationToken cancellationToken)
    {
        using var run = new ResearchRun(researchId, steps, branches, timeProvider,
            options.Value.MaxConcurrentStepsPerResearch, statusSink, logger, cancellationToken);
        var root = new LocalResearchContext(run, "", run.UtcNow);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var output = await workflow(root, StepJson.Deserialize<TInput>(StepJson.Serialize(input), "workflow input"));
            await run.PublishStatusAsync();
            return new(ResearchRuntimeStatus.Completed, output, null, run.LastEvent);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return new(ResearchRuntimeStatus.Cancelled, default, null, run.LastEvent);
        }
        catch (StepFailedException ex)
        {
            logger.LogWarning(ex, "Research {ResearchId} failed: {Failure}", researchId, ex.Message);
            return new(ResearchRuntimeStatus.Failed, default, ex.Message, run.LastEvent);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Research {ResearchId} failed unexpectedly.", researchId);
            return new(ResearchRuntimeStatus.Failed, default, UnexpectedFailure, run.LastEvent);
        }
    }
}
