namespace Researcher.Core.Search;

/// <summary>
/// A search provider that must be prepared before it can answer (the local documents' index is
/// built or opened on first use). A provider without this interface (a web search API) searches at
/// once. Asking never makes a search wait longer: it starts the preparation a search would start.
/// </summary>
public interface ISearchReadiness
{
    /// <summary>Where the preparation is now; read it when <see cref="WhenSearchableAsync"/> has not completed.</summary>
    IndexProgress Progress { get; }

    /// <summary>
    /// Starts the preparation if nothing has started it, and completes as soon as a search would run
    /// without waiting for it (work that does not block searches, such as embedding, may go on). It
    /// faults as a search would when the preparation fails; a later call tries again.
    /// <paramref name="cancellationToken"/> ends only this wait, never the preparation.
    /// </summary>
    Task WhenSearchableAsync(CancellationToken cancellationToken);
}
