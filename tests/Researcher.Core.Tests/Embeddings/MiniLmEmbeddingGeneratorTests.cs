using Researcher.Core.Embeddings;

namespace Researcher.Core.Tests.Embeddings;

/// <summary>The shipped model, run for real: no network is involved, only the package's resources and ONNX Runtime.</summary>
public sealed class MiniLmEmbeddingGeneratorTests : IClassFixture<MiniLmEmbeddingGeneratorTests.Model>
{
    private const int UnknownToken = 100;
    private readonly MiniLmEmbeddingGenerator generator;

    public MiniLmEmbeddingGeneratorTests(Model model) => generator = model.Generator;

    public sealed class Model : IDisposable
    {
        public MiniLmEmbeddingGenerator Generator { get; } = new(new LocalEmbeddingOptions { Threads = 1 });

        public void Dispose() => Generator.Dispose();
    }

    private async Task<float[]> EmbedAsync(string text) => (await generator.GenerateAsync([text]))[0].Vector.ToArray();

    private static double Dot(float[] x, float[] y) => x.Zip(y, (a, b) => (double)a * b).Sum();

    [Fact]
    public async Task A_vector_has_the_models_384_dimensions_and_unit_length()
    {
        var vector = await EmbedAsync("The lighthouse keeper trims the lamp every evening.");

        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(vector, vector)), 4);
    }

    [Fact]
    public async Task A_question_is_closer_to_a_passage_that_answers_it_in_other_words_than_to_unrelated_text()
    {
        var question = await EmbedAsync("How are lighthouses maintained?");
        var answer = await EmbedAsync("Keepers polish the lens and refill the oil every week.");
        var unrelated = await EmbedAsync("Ships carry cargo across the sea.");

        Assert.True(Dot(question, answer) > Dot(question, unrelated), $"answer {Dot(question, answer):F3}, unrelated {Dot(question, unrelated):F3}");
    }

    [Fact]
    public async Task The_same_text_always_gets_the_same_vector()
    {
        var text = "Backups run nightly at two.";

        Assert.Equal(await EmbedAsync(text), await EmbedAsync(text));
    }

    [Fact]
    public void A_long_text_is_cut_to_the_token_limit_with_its_start_kept()
    {
        var text = string.Join(' ', Enumerable.Repeat("lighthouse keepers trim lamps", 200));

        var ids = generator.TokenIds(text);
        var start = generator.TokenIds("lighthouse keepers trim lamps").ToArray();

        Assert.Equal(256, ids.Count);
        Assert.Equal(start[..^1], ids.Take(start.Length - 1));
        Assert.Equal(start[^1], ids[^1]);
    }

    [Fact]
    public void Tabs_and_line_feeds_separate_words_rather_than_becoming_unknown_tokens()
    {
        var ids = generator.TokenIds("first\tsecond\nthird\r\nfourth");

        Assert.DoesNotContain(UnknownToken, ids);
        Assert.Equal(generator.TokenIds("first second third fourth"), ids);
    }

    [Fact]
    public void The_generator_names_its_model_and_dimensions()
    {
        var metadata = Assert.IsType<Microsoft.Extensions.AI.EmbeddingGeneratorMetadata>(
            generator.GetService(typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)));

        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }
}
