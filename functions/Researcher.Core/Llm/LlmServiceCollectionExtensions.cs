using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Web;

namespace Researcher.Core.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>The service key of the fast model's <see cref="IChatClient"/>.</summary>
    public const string FastModelKey = "fast";

    /// <summary>The service key of the smart model's <see cref="IChatClient"/>.</summary>
    public const string SmartModelKey = "smart";

    /// <summary>
    /// Registers <see cref="LlmOptions"/> (<c>Research:Llm</c>, validated at start-up) and the clients
    /// built from them over the shared <see cref="ProviderHttpClients"/> (<c>Research:Providers</c>):
    /// <see cref="ResearchModels"/>, and its chat clients keyed
    /// <see cref="FastModelKey"/> and <see cref="SmartModelKey"/>. Resolving them without a provider
    /// configured fails with a message saying so; check <see cref="LlmOptions.IsEnabled"/> first to
    /// fall back to the offline engine.
    /// </summary>
    public static IServiceCollection AddLlmProviders(this IServiceCollection services)
    {
        services.AddValidatedOptions<LlmOptions>(LlmOptions.SectionName);
        services.AddProviderHttpClients();
        services.AddSingleton(sp => Metered(sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<ProviderHttpClients>()));
        services.AddKeyedSingleton<IChatClient>(FastModelKey, (sp, _) => sp.GetRequiredService<ResearchModels>().Fast);
        services.AddKeyedSingleton<IChatClient>(SmartModelKey, (sp, _) => sp.GetRequiredService<ResearchModels>().Smart);
        return services;
    }

    /// <summary>The configured clients, each recording its calls' usage and cost (see <see cref="UsageMeter"/>).</summary>
    private static ResearchModels Metered(LlmOptions options, ProviderHttpClients clients)
    {
        var models = LlmClients.Create(options, clients);
        return new ResearchModels(
            new MeteredChatClient(models.Fast, options.PriceOf(options.FastModel)),
            new MeteredChatClient(models.Smart, options.PriceOf(options.SmartModel)),
            models.Embeddings is { } embeddings ? new MeteredEmbeddingGenerator(embeddings, options.PriceOf(options.EmbeddingModel)) : null);
    }
}
