using Researcher.Core.Workflow;

namespace Researcher.Core.Api;

/// <summary>
/// Where researches are started, found and asked to cancel: the Durable Task engine's client
/// (DurableTaskClient in Azure Functions, TaskHubClient in the local host). A research is the
/// standard workflow's orchestration instance whose instance id is the research id.
/// </summary>
public interface IResearchDirectory
{
    /// <summary>Schedules the research; it runs in the background, possibly on another host of the same task hub.</summary>
    Task StartAsync(ResearchInput input, CancellationToken cancellationToken);

    /// <summary>The research with that id, or null when no research has it.</summary>
    Task<ResearchInstance?> FindAsync(string researchId, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the research to cancel: an event its workflow observes at its next step, after which it
    /// records its cancellation itself. Asking twice, or after it ended, changes nothing.
    /// </summary>
    Task RequestCancelAsync(string researchId, CancellationToken cancellationToken);
}
