using Microsoft.Extensions.Options;

namespace Researcher.Core.Embeddings;

/// <summary>
/// The engine's own embedding model (<see cref="MiniLmEmbeddingGenerator"/>, behind a
/// <see cref="CachedEmbeddingGenerator"/>) when <see cref="LocalEmbeddingOptions.Enabled"/> is
/// true; none otherwise (the default). The document index embeds every passage with it, and the passage selector ranks with
/// it unless a remote embedding model is configured. The model loads on first use.
/// </summary>
public sealed class LocalEmbeddings : IDisposable
{
    public LocalEmbeddings(IOptions<LocalEmbeddingOptions> options)
    {
        Generator = options.Value.Enabled ? new CachedEmbeddingGenerator(new MiniLmEmbeddingGenerator(options.Value)) : null;
    }

    /// <summary>The cached local model; null when local embeddings are turned off.</summary>
    public CachedEmbeddingGenerator? Generator { get; }

    public void Dispose() => Generator?.Dispose();
}
