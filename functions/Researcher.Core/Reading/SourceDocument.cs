namespace Researcher.Core.Reading;

/// <summary>A part of a document under one heading; the heading is null before the first one.</summary>
public sealed record SourceSection(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>The readable text of one source, split into sections and paragraphs, as stored for a research.</summary>
public sealed record SourceDocument(string Location, string Title, IReadOnlyList<SourceSection> Sections)
{
    /// <summary>
    /// True when the source is a page of links rather than of text: a table of contents, an index,
    /// the front page of a manual or of one of its parts (see <see cref="HtmlDocumentParser"/> for
    /// how an HTML page is recognised; other formats are never navigation). Its sections still hold
    /// its text, links included, so it reads as it is; a search index can leave it out, so that
    /// neither its titles nor its entries are taken for sentences or topics.
    /// </summary>
    public bool IsNavigation { get; init; }

    public int CharacterCount => Sections.Sum(s => (s.Heading?.Length ?? 0) + s.Paragraphs.Sum(p => p.Length));
}

/// <summary>Opens a source and extracts its text (HTML, Markdown, plain text, PDF).</summary>
public interface ISourceReader
{
    /// <summary>
    /// Reads the source at <paramref name="location"/>. Throws <see cref="SourceUnreadableException"/>
    /// when the source itself is unusable (missing, too large, not text); other exceptions are
    /// treated as transient and retried.
    /// </summary>
    Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken);
}

/// <summary>The source cannot be read and trying again will not help.</summary>
public sealed class SourceUnreadableException(string location, string reason) : Exception($"Cannot read '{location}': {reason}")
{
    public string Location { get; } = location;
    public string Reason { get; } = reason;
}
