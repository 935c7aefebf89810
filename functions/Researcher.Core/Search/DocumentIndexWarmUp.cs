using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Researcher.Core.Embeddings;

namespace Researcher.Core.Search;

/// <summary>
/// Builds the local-document index in the background as soon as the host starts, so the first
/// research does not wait for it, and then loads the local embedding model (a second or two) by
/// embedding one word, so the first question does not wait for that either. A failure is logged;
/// the first search then reports it.
/// </summary>
internal sealed class DocumentIndexWarmUp(LocalDocumentIndex index, LocalEmbeddings embeddings, ILogger<DocumentIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await index.WarmUpAsync(stoppingToken);
            if (embeddings.Generator is { } model) await model.GenerateAsync(["research"], cancellationToken: stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped first; the index keeps building for whoever searches next.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Building the document index or loading the embedding model failed.");
        }
    }
}
