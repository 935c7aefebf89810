using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Progress;

namespace Researcher.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The name of the research storage's clients in the Azure client factory.</summary>
    public const string ResearchClientName = "Research";

    /// <summary>
    /// Registers the blob content store and the table event log, bound from <c>Research:Storage</c>
    /// (Azurite by default) and validated at start-up. Their clients come from the Azure client factory
    /// (<see cref="IAzureClientFactory{TClient}"/>, named <see cref="ResearchClientName"/>), over the
    /// connection string or, with an account name or service addresses, a token credential
    /// (<see cref="StorageConnection.ForResearch"/>).
    /// </summary>
    public static IServiceCollection AddAzureResearchStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<ResearchStorageOptions>(ResearchStorageOptions.SectionName);
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) => ResearchConnection(sp).CreateBlobServiceClient(options, credential))
                .WithName(ResearchClientName)
                .WithCredential(sp => ResearchConnection(sp).CreateCredential(sp.GetRequiredService<AzureComponentFactory>()));
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) => ResearchConnection(sp).CreateTableServiceClient(options, credential))
                .WithName(ResearchClientName)
                .WithCredential(sp => ResearchConnection(sp).CreateCredential(sp.GetRequiredService<AzureComponentFactory>()));
        });
        services.AddSingleton<IContentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ResearchStorageOptions>>().Value;
            var service = sp.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(ResearchClientName);
            return new BlobContentStore(service.GetBlobContainerClient(options.ContainerName));
        });
        services.AddSingleton<IEventLog>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ResearchStorageOptions>>().Value;
            var service = sp.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(ResearchClientName);
            return new TableEventLog(service.GetTableClient(options.EventsTableName));
        });
        return services;
    }

    private static StorageConnection ResearchConnection(IServiceProvider services) =>
        StorageConnection.ForResearch(services.GetRequiredService<IOptions<ResearchStorageOptions>>().Value);
}
