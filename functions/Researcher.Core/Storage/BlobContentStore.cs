using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Researcher.Core.Storage;

/// <summary>The content store on Azure Blob storage (Azurite locally). The container is created on first write.</summary>
public sealed class BlobContentStore(BlobContainerClient container) : IContentStore
{
    private readonly SetUpOnce containerSetUp = new(cancellationToken => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    public async Task PutTextAsync(string name, string content, string contentType, CancellationToken cancellationToken = default)
    {
        await containerSetUp.EnsureAsync(cancellationToken);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), options, cancellationToken);
    }

    public async Task<string?> GetTextAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
