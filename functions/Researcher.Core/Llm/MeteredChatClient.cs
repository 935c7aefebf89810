using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Researcher.Core.Contracts;

namespace Researcher.Core.Llm;

/// <summary>
/// A chat client that records every answer's token usage, priced with its model's
/// <see cref="ModelPrice"/> (none: cost unknown), into the current <see cref="UsageMeter"/>.
/// A streamed answer is recorded once it ends, from the usage the service sends with it.
/// </summary>
public sealed class MeteredChatClient(IChatClient inner, ModelPrice? price) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        UsageMeter.Record(Priced(LlmUsage.From(response.Usage), price));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var usage = LlmUsage.Zero;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents.OfType<UsageContent>())
                usage += LlmUsage.From(content.Details);
            yield return update;
        }
        UsageMeter.Record(Priced(usage, price));
    }

    /// <summary>One call's usage as the research counts it.</summary>
    internal static ResearchUsage Priced(LlmUsage usage, ModelPrice? price) =>
        new(usage.InputTokens, usage.OutputTokens, usage.TotalTokens, 1, price?.CostOf(usage));
}

/// <summary>An embedding generator that records each batch's token usage into the current <see cref="UsageMeter"/>.</summary>
public sealed class MeteredEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ModelPrice? price)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        UsageMeter.Record(MeteredChatClient.Priced(LlmUsage.From(embeddings.Usage), price));
        return embeddings;
    }
}
