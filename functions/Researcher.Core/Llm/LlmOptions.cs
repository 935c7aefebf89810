using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Llm;

/// <summary>
/// Which language-model service the research engine talks to, and with which models. Bound from
/// <c>Research:Llm</c>. An empty <see cref="Provider"/> means no model at all: the engine stays
/// offline (extractive planning and writing), so a host without an LLM needs no settings here.
/// </summary>
/// <remarks>
/// <see cref="ApiKey"/> is a secret: <see cref="ToString"/> only says whether it is set, and no
/// validation message or exception of this folder repeats it.
/// </remarks>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Research:Llm";

    /// <summary>The platform's own API (api.openai.com unless <see cref="Endpoint"/> says otherwise).</summary>
    public const string OpenAI = "OpenAI";

    /// <summary>An Azure OpenAI resource, through its OpenAI-compatible <c>/openai/v1</c> API.</summary>
    public const string AzureOpenAI = "AzureOpenAI";

    /// <summary>Any server speaking the OpenAI chat-completions API (Ollama, vLLM, LM Studio, a proxy).</summary>
    public const string OpenAICompatible = "OpenAICompatible";

    /// <summary>
    /// <see cref="OpenAI"/>, <see cref="AzureOpenAI"/> or <see cref="OpenAICompatible"/> (case does not
    /// matter); empty for none.
    /// </summary>
    public string Provider { get; set; } = "";

    /// <summary>
    /// The service's address. Required for <see cref="AzureOpenAI"/> (the resource,
    /// <c>https://NAME.openai.azure.com/</c>; <c>openai/v1/</c> is added unless already there) and for
    /// <see cref="OpenAICompatible"/> (the API's base, e.g. <c>http://localhost:11434/v1</c> for
    /// Ollama); optional for <see cref="OpenAI"/>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The API key. Required for <see cref="OpenAI"/>; optional for <see cref="OpenAICompatible"/>
    /// (a local server often needs none); for <see cref="AzureOpenAI"/>, empty means Entra ID through
    /// <c>DefaultAzureCredential</c> (managed identity in Azure, the developer's login locally).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The cheap, quick model for many small calls (query writing, relevance checks); a deployment name on Azure.</summary>
    public string FastModel { get; set; } = "";

    /// <summary>The strong model for planning and writing the report; a deployment name on Azure.</summary>
    public string SmartModel { get; set; } = "";

    /// <summary>The embedding model, if any; without one, no embedding generator is built.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// How long one attempt of a call may take until the response's headers come (a whole answer once
    /// it is written, a stream once it starts): the model's attempt timeout in the shared provider client, in place of
    /// <c>Research:Providers:AttemptTimeout</c>, since a long generation takes minutes. A slower
    /// attempt fails and is retried as <c>Research:Providers:MaxRetries</c> says.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Output tokens a chat call may produce when the caller does not say otherwise.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Output tokens one note-taking call (one source, one sub-question) may produce.</summary>
    [Range(50, 100_000)]
    public int NoteMaxOutputTokens { get; set; } = 700;

    /// <summary>Output tokens one learning-extraction call (one branch of a deep research) may produce.</summary>
    [Range(50, 100_000)]
    public int LearningMaxOutputTokens { get; set; } = 900;

    /// <summary>
    /// What the models cost, one entry per model, for the cost totals and money budgets. A model
    /// without an entry still has its tokens counted; its cost is unknown, and a request cannot set
    /// a money budget.
    /// </summary>
    public List<ModelPrice> Prices { get; set; } = [];

    /// <summary>The currency of <see cref="Prices"/>, as shown beside every cost.</summary>
    [Required, RegularExpression("^[A-Za-z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>The price of <paramref name="model"/>, or null when none is configured.</summary>
    public ModelPrice? PriceOf(string? model) =>
        string.IsNullOrWhiteSpace(model) ? null
            : Prices.LastOrDefault(price => string.Equals(price.Model.Trim(), model.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True when every model this configuration calls has a price.</summary>
    public bool IsPriced =>
        IsEnabled && PriceOf(FastModel) is not null && PriceOf(SmartModel) is not null
        && (string.IsNullOrWhiteSpace(EmbeddingModel) || PriceOf(EmbeddingModel) is not null);

    /// <summary>Whether a provider is configured (otherwise the engine runs offline).</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Provider);

    internal bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The provider's canonical name (<see cref="OpenAI"/> etc.), or null if empty or unknown.</summary>
    internal string? ProviderKind =>
        new[] { OpenAI, AzureOpenAI, OpenAICompatible }
            .FirstOrDefault(kind => string.Equals(kind, Provider?.Trim(), StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var index = 0; index < Prices.Count; index++)
        {
            var price = Prices[index];
            if (string.IsNullOrWhiteSpace(price.Model))
                yield return new ValidationResult($"{SectionName}:Prices:{index}:Model is required.", [nameof(Prices)]);
            if (price.InputPerMillionTokens < 0 || price.OutputPerMillionTokens < 0)
                yield return new ValidationResult($"{SectionName}:Prices:{index}: prices cannot be negative.", [nameof(Prices)]);
        }
        if (!IsEnabled)
            yield break;
        var provider = ProviderKind;
        if (provider is null)
        {
            // The value is a provider name, not a secret; repeating it helps spot a typo.
            yield return new ValidationResult(
                $"{SectionName}:Provider '{Provider}' is not known: use {OpenAI}, {AzureOpenAI}, {OpenAICompatible}, or leave it empty for none.",
                [nameof(Provider)]);
            yield break;
        }
        if (string.IsNullOrWhiteSpace(FastModel))
            yield return Required(nameof(FastModel), provider);
        if (string.IsNullOrWhiteSpace(SmartModel))
            yield return Required(nameof(SmartModel), provider);
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            if (provider is AzureOpenAI or OpenAICompatible)
                yield return Required(nameof(Endpoint), provider);
        }
        else if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint)
                 || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
                 || !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            // Not repeated: a malformed address might carry credentials.
            yield return new ValidationResult(
                $"{SectionName}:Endpoint must be an absolute http or https address without user information.",
                [nameof(Endpoint)]);
        }
        if (provider is OpenAI && !HasApiKey)
            yield return Required(nameof(ApiKey), provider);
    }

    /// <summary>The settings, for logs: the key appears only as set or not set.</summary>
    public override string ToString() =>
        $"Provider={Provider}, Endpoint={Endpoint}, FastModel={FastModel}, SmartModel={SmartModel}, " +
        $"EmbeddingModel={EmbeddingModel}, ApiKey={(HasApiKey ? "(set)" : "(not set)")}, " +
        $"Timeout={Timeout}, MaxOutputTokens={MaxOutputTokens}, Prices={Prices.Count}, Currency={Currency}";

    private static ValidationResult Required(string setting, string provider) =>
        new($"{SectionName}:{setting} is required when {SectionName}:Provider is {provider}.", [setting]);
}
