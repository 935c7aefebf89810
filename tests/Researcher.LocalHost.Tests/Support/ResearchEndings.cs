using System.Collections.Concurrent;
using Researcher.Core.Contracts;
using Researcher.LocalHost.State;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// The research store with a signal: a test awaits the moment a research's ending (completed, failed
/// or cancelled) has been stored, instead of polling.
/// </summary>
internal sealed class ResearchEndings(IResearchStore inner) : IResearchStore
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ResearchRuntimeStatus>> endings = new();

    /// <summary>The status the research ended with, once it is stored.</summary>
    public Task<ResearchRuntimeStatus> WaitAsync(string researchId) => Ending(researchId).Task.WaitAsync(TestTimeouts.Bound);

    public Task CreateAsync(string researchId, ResearchSpec spec, CancellationToken cancellationToken) =>
        inner.CreateAsync(researchId, spec, cancellationToken);

    public Task<ResearchRecord?> GetAsync(string researchId, CancellationToken cancellationToken) => inner.GetAsync(researchId, cancellationToken);

    public Task SetRunningAsync(string researchId, CancellationToken cancellationToken) => inner.SetRunningAsync(researchId, cancellationToken);

    public Task PublishAsync(string researchId, ResearchProgress status, CancellationToken cancellationToken) =>
        inner.PublishAsync(researchId, status, cancellationToken);

    public async Task CompleteAsync(string researchId, string reportContentName, CancellationToken cancellationToken)
    {
        await inner.CompleteAsync(researchId, reportContentName, cancellationToken);
        Ending(researchId).TrySetResult(ResearchRuntimeStatus.Completed);
    }

    public async Task FailAsync(string researchId, string reason, CancellationToken cancellationToken)
    {
        await inner.FailAsync(researchId, reason, cancellationToken);
        Ending(researchId).TrySetResult(ResearchRuntimeStatus.Failed);
    }

    public async Task CancelAsync(string researchId, CancellationToken cancellationToken)
    {
        await inner.CancelAsync(researchId, cancellationToken);
        Ending(researchId).TrySetResult(ResearchRuntimeStatus.Cancelled);
    }

    public Task DeleteAsync(string researchId, CancellationToken cancellationToken) => inner.DeleteAsync(researchId, cancellationToken);

    private TaskCompletionSource<ResearchRuntimeStatus> Ending(string researchId) =>
        endings.GetOrAdd(researchId, _ => new TaskCompletionSource<ResearchRuntimeStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
}
