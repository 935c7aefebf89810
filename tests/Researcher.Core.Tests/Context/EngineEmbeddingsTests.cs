using System.ClientModel;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Context;
using Researcher.Core.Llm;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Tests.Llm;
using Researcher.Core.Tests.Support;
using Researcher.Testing;

namespace Researcher.Core.Tests.Context;

/// <summary>
/// The engine's passage selector as the hosts register it, against a loopback fake of the OpenAI API:
/// the remote embedding model is used when it is configured, and only then; otherwise the local one, unless it is turned off.
/// </summary>
public sealed class EngineEmbeddingsTests
{
    private static readonly SubQuestion Question = new("q0", "How are lighthouses maintained?", "Lighthouse maintenance");

    private static readonly SourceDocument[] Sources =
    [
        new("ships.md", "Ships", [new SourceSection(null, ["Ships carry cargo across the sea."])]),
        new("keepers.md", "Keepers", [new SourceSection(null, ["Keepers polish the lens and refill the oil every week."])]),
    ];

    /// <summary>The question and the keepers' passage point one way, anything else another.</summary>
    private static IEnumerable<float[]> Vectors(IReadOnlyList<string> inputs) =>
        inputs.Select(input => input.Contains("lighthouse", StringComparison.OrdinalIgnoreCase) || input.StartsWith("Keepers", StringComparison.Ordinal)
            ? new[] { 1f, 0.1f } : [0f, 1f]);

    [Fact]
    public async Task With_an_embedding_model_the_engine_ranks_passages_with_it()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => FakeOpenAI.EmbeddingsAsync(context, Vectors));
        using var corpus = new TestCorpus();
        using var engine = Engine(corpus, server, embeddingModel: "embedding-model");

        var passages = await engine.GetRequiredService<IPassageSelector>()
            .SelectAsync(Question, Sources, new PassageBudget(1, 5_000), CancellationToken.None);

        Assert.Equal("keepers.md", Assert.Single(passages).SourceLocation);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.PathAndQuery);
        Assert.Equal(
            [Question.Text, "Ships carry cargo across the sea.", "Keepers polish the lens and refill the oil every week."],
            FakeOpenAI.BodyOf(request).GetProperty("input").EnumerateArray().Select(input => input.GetString()));
    }

    [Fact]
    public async Task By_default_without_a_remote_embedding_model_the_engine_ranks_with_its_local_model_and_sends_nothing()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => FakeOpenAI.EmbeddingsAsync(context, Vectors));
        using var corpus = new TestCorpus();
        using var engine = Engine(corpus, server, embeddingModel: "");

        var passages = await engine.GetRequiredService<IPassageSelector>()
            .SelectAsync(Question, Sources, new PassageBudget(1, 5_000), CancellationToken.None);

        // No passage shares a term with the question: only the meaning of "keepers polish the lens" finds it.
        Assert.Equal("keepers.md", Assert.Single(passages).SourceLocation);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task With_the_local_model_off_and_no_remote_one_the_engine_ranks_by_terms_alone()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => FakeOpenAI.EmbeddingsAsync(context, Vectors));
        using var corpus = new TestCorpus();
        using var engine = Engine(corpus, server, embeddingModel: "", ("Research:Embeddings:Enabled", "false"));

        var passages = await engine.GetRequiredService<IPassageSelector>()
            .SelectAsync(Question, Sources, new PassageBudget(1, 5_000), CancellationToken.None);

        Assert.Empty(passages); // no passage shares a term with the question
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_failing_embedding_service_fails_the_selection_once_the_retries_are_spent()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            FakeOpenAI.WriteJsonAsync(context, 500, FakeOpenAI.Error("The server had an error.", "server_error")));
        using var corpus = new TestCorpus();
        using var engine = Engine(corpus, server, embeddingModel: "embedding-model", ("Research:Providers:MaxRetries", "1"),
            ("Research:Providers:RetryBaseDelay", "00:00:00.010"));

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => engine.GetRequiredService<IPassageSelector>()
            .SelectAsync(Question, Sources, new PassageBudget(1, 5_000), CancellationToken.None));

        Assert.Equal(500, failure.Status);
        Assert.Equal(2, server.Requests.Count);
    }

    private static ServiceProvider Engine(
        TestCorpus corpus, LoopbackHttpServer server, string embeddingModel, params (string Key, string Value)[] settings) =>
        EngineServices.Build(corpus.Root,
        [
            ("Research:Llm:Provider", LlmOptions.OpenAICompatible),
            ("Research:Llm:Endpoint", new Uri(server.BaseAddress, "v1").ToString()),
            ("Research:Llm:FastModel", "fast-model"),
            ("Research:Llm:SmartModel", "smart-model"),
            ("Research:Llm:EmbeddingModel", embeddingModel),
            .. settings,
        ]);
}
