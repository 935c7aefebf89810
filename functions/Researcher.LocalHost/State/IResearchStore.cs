using Researcher.Core.Contracts;
using Researcher.LocalHost.Runner;

namespace Researcher.LocalHost.State;

/// <summary>
/// The state of every research the local host accepted: the request, where it is, and where its
/// report is. A running research's short status arrives through <see cref="IResearchStatusSink"/>.
/// </summary>
public interface IResearchStore : IResearchStatusSink
{
    /// <summary>Records a new research as pending; an id is created once.</summary>
    Task CreateAsync(string researchId, ResearchSpec spec, CancellationToken cancellationToken);

    /// <summary>The research, or null when no research has that id.</summary>
    Task<ResearchRecord?> GetAsync(string researchId, CancellationToken cancellationToken);

    Task SetRunningAsync(string researchId, CancellationToken cancellationToken);

    Task CompleteAsync(string researchId, string reportContentName, CancellationToken cancellationToken);

    /// <summary>Records the failure; <paramref name="reason"/> is shown to users, so it must not hold a stack trace.</summary>
    Task FailAsync(string researchId, string reason, CancellationToken cancellationToken);

    Task CancelAsync(string researchId, CancellationToken cancellationToken);

    /// <summary>Removes a research that was never started (for example when the queue refused it).</summary>
    Task DeleteAsync(string researchId, CancellationToken cancellationToken);
}
