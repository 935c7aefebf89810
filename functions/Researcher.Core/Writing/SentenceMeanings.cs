using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Researcher.Core.Context;

namespace Researcher.Core.Writing;

/// <summary>
/// The embeddings of a report's evidence sentences and of the questions its sections answer, made in
/// one batch before the report is laid out, so sentences can be ranked by meaning as well as by terms.
/// A sentence is embedded under its source's title and section heading (<see cref="EmbeddedText"/>).
/// </summary>
internal sealed class SentenceMeanings
{
    private readonly Dictionary<string, ReadOnlyMemory<float>> vectors;

    private SentenceMeanings(Dictionary<string, ReadOnlyMemory<float>> vectors) => this.vectors = vectors;

    /// <summary>Embeds every distinct one of <paramref name="sentences"/> (in context) and <paramref name="questions"/>; null without a model.</summary>
    public static async Task<SentenceMeanings?> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>>? model,
        IEnumerable<EvidenceSentence> sentences, IEnumerable<string> questions, CancellationToken cancellationToken)
    {
        if (model is null) return null;
        var distinct = sentences.Select(InContext).Concat(questions).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return new SentenceMeanings([]);
        var generated = await model.GenerateAsync(distinct, cancellationToken: cancellationToken);
        if (generated.Count != distinct.Count)
            throw new InvalidOperationException($"The embedding model answered {generated.Count} vectors for {distinct.Count} texts.");
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(distinct.Count, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++) vectors[distinct[i]] = generated[i].Vector;
        return new SentenceMeanings(vectors);
    }

    /// <summary>The cosine similarity of an embedded question and sentence; null when either was not embedded.</summary>
    public double? Similarity(string question, EvidenceSentence sentence) =>
        vectors.TryGetValue(question, out var a) && vectors.TryGetValue(InContext(sentence), out var b) && a.Length == b.Length
            ? TensorPrimitives.CosineSimilarity(a.Span, b.Span)
            : null;

    private static string InContext(EvidenceSentence sentence) =>
        EmbeddedText.Of(sentence.Passage.SourceTitle, sentence.Passage.Section, sentence.Text);
}
