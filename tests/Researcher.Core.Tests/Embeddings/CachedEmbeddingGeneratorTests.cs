using Microsoft.Extensions.AI;
using Moq;
using Researcher.Core.Embeddings;

namespace Researcher.Core.Tests.Embeddings;

public sealed class CachedEmbeddingGeneratorTests
{
    /// <summary>An inner model mocked to answer each text with [its length, 1] and to record what it was sent.</summary>
    private static (CachedEmbeddingGenerator Cached, List<string[]> Sent) Cached(int capacity = 100)
    {
        var sent = new List<string[]>();
        var inner = new Mock<IEmbeddingGenerator<string, Embedding<float>>>();
        inner.Setup(g => g.GenerateAsync(It.IsAny<IEnumerable<string>>(), It.IsAny<EmbeddingGenerationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<string> values, EmbeddingGenerationOptions? _, CancellationToken _) =>
            {
                var batch = values.ToArray();
                sent.Add(batch);
                return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(batch.Select(text => new Embedding<float>(new float[] { text.Length, 1 }))));
            });
        inner.Setup(g => g.GetService(typeof(EmbeddingGeneratorMetadata), null)).Returns(new EmbeddingGeneratorMetadata("test", null, "test-model", 2));
        return (new CachedEmbeddingGenerator(inner.Object, capacity), sent);
    }

    [Fact]
    public async Task Only_texts_not_seen_before_are_sent_and_each_once_and_the_answer_keeps_the_order_asked()
    {
        var (cached, sent) = Cached();
        await cached.GenerateAsync(["alpha", "be"]);

        var vectors = await cached.GenerateAsync(["be", "gamma!", "alpha", "gamma!"]);

        Assert.Equal(["alpha", "be"], sent[0]);
        Assert.Equal(["gamma!"], Assert.Single(sent.Skip(1)));
        Assert.Equal([2f, 6f, 5f, 6f], vectors.Select(v => v.Vector.Span[0]));
        Assert.All(vectors, v => Assert.Equal("test-model", v.ModelId));
    }

    [Fact]
    public async Task Remembered_vectors_are_answered_without_the_model()
    {
        var (cached, sent) = Cached();
        cached.Remember(TextKey.Of("stored passage"), new float[] { 7, 7 });

        var vectors = await cached.GenerateAsync(["stored passage"]);

        Assert.Empty(sent);
        Assert.Equal([7f, 7f], vectors[0].Vector.ToArray());
    }

    [Fact]
    public async Task Beyond_its_capacity_the_cache_of_recent_texts_starts_again_but_remembered_ones_stay()
    {
        var (cached, sent) = Cached(capacity: 2);
        cached.Remember(TextKey.Of("kept"), new float[] { 1, 1 });
        await cached.GenerateAsync(["a", "b"]);

        await cached.GenerateAsync(["c"]);
        await cached.GenerateAsync(["a", "kept"]);

        Assert.Equal(["a"], sent[^1]);
        Assert.True(cached.TryGet(TextKey.Of("kept"), out _));
    }

    [Fact]
    public void The_model_is_named_by_the_inner_generator()
    {
        Assert.Equal("test-model", Cached().Cached.ModelId);
    }
}
