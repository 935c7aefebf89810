using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OpenAI;
using Researcher.Core.Web;

namespace Researcher.Core.Llm;

/// <summary>
/// Builds the engine's model clients from <see cref="LlmOptions"/>: the OpenAI .NET SDK for the wire,
/// seen through Microsoft.Extensions.AI's <see cref="IChatClient"/> and
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, so the engine never depends on one vendor.
/// </summary>
/// <remarks>
/// All three providers speak the OpenAI API through the same SDK client; they differ only in the
/// address and in how a call is authenticated:
/// <list type="bullet">
/// <item><see cref="LlmOptions.OpenAI"/>: <c>Authorization: Bearer KEY</c>.</item>
/// <item><see cref="LlmOptions.OpenAICompatible"/>: <c>Authorization: Bearer KEY</c> when a key is
/// set, no authentication header otherwise.</item>
/// <item><see cref="LlmOptions.AzureOpenAI"/>: the resource's <c>/openai/v1/</c> API, which takes
/// OpenAI's requests with deployment names as model names; an <c>api-key</c> header when a key is
/// set, otherwise an Entra ID token from <see cref="DefaultAzureCredential"/> (scope
/// <c>https://cognitiveservices.azure.com/.default</c>). This keeps one SDK version for all
/// providers, where Azure.AI.OpenAI's client would pin an older OpenAI SDK.</item>
/// </list>
/// Every call goes over the host's one HTTP client of the <see cref="ProviderName"/> provider
/// (<see cref="ProviderHttpClients"/>): all researches share its concurrency bound, its retries of
/// 408, 429 and 5xx (waiting at least what <c>Retry-After</c> asks) and its pause after a 429, each
/// attempt allowed <see cref="LlmOptions.Timeout"/> so a long generation is not cut. The SDK's own
/// retries are off, so a call is never retried twice over; once the client's retries are spent, the
/// failure surfaces as a <see cref="ClientResultException"/> (see <see cref="LlmFailures"/>). Every
/// chat call gets <see cref="LlmOptions.MaxOutputTokens"/> unless it sets its own.
/// </remarks>
public static class LlmClients
{
    /// <summary>The Entra ID scope of Azure AI services (Azure OpenAI among them).</summary>
    public const string AzureCognitiveServicesScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The provider name of the language model's client in <see cref="ProviderHttpClients"/>.</summary>
    public const string ProviderName = "llm";

    /// <summary>
    /// The clients for <paramref name="options"/>, which must be valid and name a provider
    /// (<see cref="LlmOptions.IsEnabled"/>), calling through <paramref name="http"/>'s client of
    /// <see cref="ProviderName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No provider, or settings that do not validate.</exception>
    public static ResearchModels Create(LlmOptions options, ProviderHttpClients http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        if (!options.IsEnabled)
            throw new InvalidOperationException(
                $"{LlmOptions.SectionName}:Provider is not set: no language model is configured and the engine runs offline.");
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.ErrorMessage)));

        var client = CreateOpenAIClient(options, http);
        IChatClient Chat(string model) =>
            new DefaultOutputTokensChatClient(client.GetChatClient(model.Trim()).AsIChatClient(), options.MaxOutputTokens);
        var embeddings = string.IsNullOrWhiteSpace(options.EmbeddingModel)
            ? null
            : client.GetEmbeddingClient(options.EmbeddingModel.Trim()).AsIEmbeddingGenerator();
        return new ResearchModels(Chat(options.FastModel), Chat(options.SmartModel), embeddings);
    }

    private static OpenAIClient CreateOpenAIClient(LlmOptions options, ProviderHttpClients http)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http.For(ProviderName, options.Timeout)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's timeout runs across the whole send, the HTTP client's retries and their waits
            // included, and then bounds reading the body (each read, for a stream). It is set to the
            // longest the client can take, so it never cuts a retry and still ends a stalled body.
            NetworkTimeout = http.LongestCall(options.Timeout),
        };
        var provider = options.ProviderKind!;
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
            clientOptions.Endpoint = provider == LlmOptions.AzureOpenAI
                ? AzureV1Endpoint(new Uri(options.Endpoint.Trim()))
                : new Uri(options.Endpoint.Trim());
        // The constructor taking an authentication policy is marked for evaluation (OPENAI001); it is
        // the SDK's way to send Azure's api-key header or an Entra ID token, and to send no key at all.
#pragma warning disable OPENAI001
        return new OpenAIClient(Authentication(provider, options), clientOptions);
#pragma warning restore OPENAI001
    }

    private static AuthenticationPolicy Authentication(string provider, LlmOptions options)
    {
        var key = options.HasApiKey ? new ApiKeyCredential(options.ApiKey!.Trim()) : null;
        return provider switch
        {
            LlmOptions.AzureOpenAI when key is not null => ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(key, "api-key"),
            LlmOptions.AzureOpenAI => new BearerTokenPolicy(new DefaultAzureCredential(), AzureCognitiveServicesScope),
            _ when key is not null => ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(key),
            _ => new NoAuthentication(),
        };
    }

    /// <summary>The resource's OpenAI-compatible API: <c>https://NAME.openai.azure.com/openai/v1/</c>.</summary>
    internal static Uri AzureV1Endpoint(Uri resource)
    {
        var path = resource.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
            return resource;
        var builder = new UriBuilder(resource) { Path = path + "/openai/v1/" };
        return builder.Uri;
    }

    /// <summary>A local server without keys: the request goes out with no authentication header.</summary>
    private sealed class NoAuthentication : AuthenticationPolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNextAsync(message, pipeline, currentIndex);
    }
}

/// <summary>Gives every chat call a cap on output tokens unless the call sets its own.</summary>
internal sealed class DefaultOutputTokensChatClient(IChatClient inner, int maxOutputTokens) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithDefaults(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithDefaults(options), cancellationToken);

    private ChatOptions WithDefaults(ChatOptions? options)
    {
        if (options?.MaxOutputTokens is not null)
            return options;
        var withDefaults = options?.Clone() ?? new ChatOptions();
        withDefaults.MaxOutputTokens = maxOutputTokens;
        return withDefaults;
    }
}
