namespace Researcher.Core.Reading;

/// <summary>
/// Extracts the readable text of one file format. Parsers are stateless and thread-safe; the same
/// parser serves the search index and the reader, so what is found is what is read.
/// </summary>
internal interface IDocumentParser
{
    /// <summary>
    /// The document's title, sections and paragraphs. <paramref name="fallbackTitle"/> is used when
    /// the content names no title. Throws <see cref="SourceUnreadableException"/> when the content is
    /// not a readable document of this format.
    /// </summary>
    SourceDocument Parse(string location, byte[] content, string fallbackTitle);
}
