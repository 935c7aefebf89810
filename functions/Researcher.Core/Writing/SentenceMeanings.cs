using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Researcher.Core.Writing;

/// <summary>
/// The embeddings of a report's evidence sentences and of the questions its sections answer, made in
/// one batch before the report is laid out, so sentences can be ranked by meaning as well as by terms.
/// </summary>
internal sealed class SentenceMeanings
{
    private readonly Dictionary<string, ReadOnlyMemory<float>> vectors;

    private SentenceMeanings(Dictionary<string, ReadOnlyMemory<float>> vectors) => this.vectors = vectors;

    /// <summary>Embeds every distinct text of <paramref name="texts"/>; null without a model.</summary>
    public static async Task<SentenceMeanings?> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>>? model, IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        if (model is null) return null;
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return new SentenceMeanings([]);
        var generated = await model.GenerateAsync(distinct, cancellationToken: cancellationToken);
        if (generated.Count != distinct.Count)
            throw new InvalidOperationException($"The embedding model answered {generated.Count} vectors for {distinct.Count} texts.");
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(distinct.Count, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++) vectors[distinct[i]] = generated[i].Vector;
        return new SentenceMeanings(vectors);
    }

    /// <summary>The cosine similarity of two embedded texts; null when either was not embedded.</summary>
    public double? Similarity(string question, string sentence) =>
        vectors.TryGetValue(question, out var a) && vectors.TryGetValue(sentence, out var b) && a.Length == b.Length
            ? TensorPrimitives.CosineSimilarity(a.Span, b.Span)
            : null;
}
