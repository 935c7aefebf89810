using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Researcher.Core.Search;

/// <summary>
/// Builds the local-document index in the background as soon as the host starts, so the first
/// research does not wait for it. A failure is logged; the first search then reports it.
/// </summary>
internal sealed class DocumentIndexWarmUp(LocalDocumentIndex index, ILogger<DocumentIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await index.WarmUpAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped first; the index keeps building for whoever searches next.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Building the document index failed.");
        }
    }
}
