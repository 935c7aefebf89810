using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Runner;

/// <summary>Where the runner publishes a research's short status (what Durable keeps as custom status).</summary>
public interface IResearchStatusSink
{
    /// <summary>Stores the latest status of the research; later calls overwrite earlier ones.</summary>
    Task PublishAsync(string researchId, ResearchProgress status, CancellationToken cancellationToken);
}
