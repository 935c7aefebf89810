using Microsoft.Extensions.AI;

namespace Researcher.Core.Llm;

/// <summary>
/// The model clients one configured provider gives the engine: a fast model for many small calls, a
/// smart one for planning and writing, and embeddings when a model for them is configured. Built by
/// <see cref="LlmClients.Create"/>; disposing it disposes the clients.
/// </summary>
public sealed class ResearchModels(
    IChatClient fast, IChatClient smart, IEmbeddingGenerator<string, Embedding<float>>? embeddings) : IDisposable
{
    /// <summary>The <see cref="LlmOptions.FastModel"/>.</summary>
    public IChatClient Fast { get; } = fast;

    /// <summary>The <see cref="LlmOptions.SmartModel"/>.</summary>
    public IChatClient Smart { get; } = smart;

    /// <summary>The <see cref="LlmOptions.EmbeddingModel"/>, or null when none is configured.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; } = embeddings;

    public void Dispose()
    {
        Fast.Dispose();
        Smart.Dispose();
        Embeddings?.Dispose();
    }
}
