using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Researcher.Core.Embeddings;

/// <summary>
/// Embeds each distinct text once: vectors are kept by the text's content hash (<see cref="TextKey"/>),
/// so a passage the document index embedded, or a page read again by another research, costs
/// nothing the second time. Only the texts not yet known are sent to the inner generator, in one
/// call, and the answer keeps the order asked. Vectors the index loaded from disk are added with
/// <see cref="Remember"/> and kept for the life of the process; the others are kept up to
/// <paramref name="capacity"/>, after which that part of the cache starts again empty (a long-running
/// host reading the web does not grow without bound). Thread-safe; two callers that miss the same
/// text at once may both embed it.
/// </summary>
public sealed class CachedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, int capacity = 50_000)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<UInt128, ReadOnlyMemory<float>> remembered = new();
    private readonly ConcurrentDictionary<UInt128, ReadOnlyMemory<float>> recent = new();

    /// <summary>The model the vectors come from (the inner generator's), for files that must not mix models.</summary>
    public string ModelId =>
        (GetService(typeof(EmbeddingGeneratorMetadata)) as EmbeddingGeneratorMetadata)?.DefaultModelId ?? "unknown";

    /// <summary>Keeps <paramref name="vector"/> as the embedding of the text whose key is <paramref name="key"/>, for the life of the process.</summary>
    public void Remember(UInt128 key, ReadOnlyMemory<float> vector) => remembered[key] = vector;

    /// <summary>The vector known for <paramref name="key"/>, if any.</summary>
    public bool TryGet(UInt128 key, out ReadOnlyMemory<float> vector) =>
        remembered.TryGetValue(key, out vector) || recent.TryGetValue(key, out vector);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var keys = texts.Select(TextKey.Of).ToList();
        var vectors = new ReadOnlyMemory<float>?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            if (TryGet(keys[i], out var known)) vectors[i] = known;

        var missing = Enumerable.Range(0, texts.Count).Where(i => vectors[i] is null).DistinctBy(i => keys[i]).ToList();
        GeneratedEmbeddings<Embedding<float>>? generated = null;
        if (missing.Count > 0)
        {
            generated = await base.GenerateAsync(missing.Select(i => texts[i]), options, cancellationToken).ConfigureAwait(false);
            if (generated.Count != missing.Count)
                throw new InvalidOperationException($"The embedding model answered {missing.Count} texts with {generated.Count} vectors.");
            if (recent.Count + missing.Count > capacity) recent.Clear();
            for (var j = 0; j < missing.Count; j++)
                recent[keys[missing[j]]] = generated[j].Vector;
            for (var i = 0; i < texts.Count; i++)
                if (vectors[i] is null && recent.TryGetValue(keys[i], out var added)) vectors[i] = added;
        }

        var modelId = ModelId;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v!.Value) { ModelId = modelId }))
        {
            // Usage is what the model was asked for now: cached texts cost nothing.
            Usage = generated?.Usage,
        };
        return result;
    }
}
