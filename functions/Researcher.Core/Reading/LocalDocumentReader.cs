namespace Researcher.Core.Reading;

/// <summary>Reads sources from the configured documents folder (locations as the local-document search returns them).</summary>
public sealed class LocalDocumentReader(LocalDocumentFolder folder) : ISourceReader
{
    public Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken) =>
        folder.ReadAsync(location, cancellationToken);
}
