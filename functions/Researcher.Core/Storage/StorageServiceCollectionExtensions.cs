using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Progress;

namespace Researcher.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the blob content store and the table event log, bound from <c>Research:Storage</c>
    /// (Azurite by default) and validated at start-up.
    /// </summary>
    public static IServiceCollection AddAzureResearchStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<ResearchStorageOptions>(ResearchStorageOptions.SectionName);
        services.AddSingleton<IContentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ResearchStorageOptions>>().Value;
            return new BlobContentStore(new BlobContainerClient(options.ConnectionString, options.ContainerName));
        });
        services.AddSingleton<IEventLog>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ResearchStorageOptions>>().Value;
            return new TableEventLog(new TableClient(options.ConnectionString, options.EventsTableName));
        });
        return services;
    }
}
