using Microsoft.Extensions.AI;
using Researcher.Core.Text;

namespace Researcher.Core.Context;

/// <summary>
/// Embeds texts for passage ranking: each cut to a token cap (see
/// <see cref="PassageSelectionOptions.MaxEmbeddingInputTokens"/>), sent in batches
/// (<see cref="PassageSelectionOptions.EmbeddingBatchSize"/>) at once through the generator, whose
/// HTTP client bounds and retries them. A failed request fails the whole call: there is no ranking
/// without every vector, and the step that asked is retried as a provider failure.
/// </summary>
internal sealed class PassageEmbeddings(
    IEmbeddingGenerator<string, Embedding<float>> generator, ITokenCounter tokenCounter, int maxInputTokens, int batchSize)
{
    /// <summary>One vector per text of <paramref name="texts"/>, in their order.</summary>
    /// <exception cref="InvalidOperationException">The model answered a batch with a different number of vectors.</exception>
    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var inputs = texts.Select(text => tokenCounter.TakeTokens(text, maxInputTokens)).ToList();
        var batches = await Task.WhenAll(inputs.Chunk(batchSize).Select(batch => EmbedBatchAsync(batch, cancellationToken)));
        return [.. batches.SelectMany(vectors => vectors)];
    }

    private async Task<IEnumerable<ReadOnlyMemory<float>>> EmbedBatchAsync(string[] batch, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
        if (embeddings.Count != batch.Length)
            throw new InvalidOperationException(
                $"The embedding model answered {batch.Length} texts with {embeddings.Count} vectors.");
        return embeddings.Select(embedding => embedding.Vector);
    }

    /// <summary>The cosine of the angle between two vectors of one model, from -1 to 1; 0 when either is all zeros.</summary>
    /// <exception cref="InvalidOperationException">The vectors differ in length (the model changed between them).</exception>
    public static double Cosine(ReadOnlyMemory<float> first, ReadOnlyMemory<float> second)
    {
        if (first.Length != second.Length)
            throw new InvalidOperationException($"Embeddings of {first.Length} and {second.Length} dimensions cannot be compared.");
        var x = first.Span;
        var y = second.Span;
        double dot = 0, xx = 0, yy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            dot += (double)x[i] * y[i];
            xx += (double)x[i] * x[i];
            yy += (double)y[i] * y[i];
        }
        return xx == 0 || yy == 0 ? 0 : dot / Math.Sqrt(xx * yy);
    }
}
