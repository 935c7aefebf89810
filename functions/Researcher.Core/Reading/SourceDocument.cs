namespace Researcher.Core.Reading;

/// <summary>A part of a document under one heading; the heading is null before the first one.</summary>
public sealed record SourceSection(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>The readable text of one source, split into sections and paragraphs, as stored for a research.</summary>
public sealed record SourceDocument(string Location, string Title, IReadOnlyList<SourceSection> Sections)
{
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
