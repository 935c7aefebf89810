using Researcher.Core.Search;

namespace Researcher.Core.Reading;

/// <summary>
/// Reads sources from the configured documents folder (locations as the local-document search
/// returns them). With the folder's <paramref name="index"/>, a document is read without the
/// paragraphs the index left out as the folder's boilerplate (<see cref="LocalDocumentIndex.RepeatedParagraphsAsync"/>),
/// so what is quoted from it is what was searched, and its passages are the ones the index embedded.
/// </summary>
public sealed class LocalDocumentReader(LocalDocumentFolder folder, LocalDocumentIndex? index = null) : ISourceReader
{
    public async Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken)
    {
        var document = await folder.ReadAsync(location, cancellationToken);
        return index is null ? document : RepeatedBlocks.Without(document, await index.RepeatedParagraphsAsync(cancellationToken));
    }
}
