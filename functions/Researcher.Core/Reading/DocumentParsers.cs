namespace Researcher.Core.Reading;

/// <summary>The parser of each supported file extension (the only files the engine indexes or reads).</summary>
internal static class DocumentParsers
{
    /// <summary>
    /// The version of what the parsers make of a file. Raise it with any change to a parser's
    /// output: document indexes kept on disk hold parsed documents and are rebuilt when it differs.
    /// </summary>
    public const int OutputVersion = 3;

    private static readonly IReadOnlyDictionary<string, IDocumentParser> ByExtension = CreateParsers();

    private static readonly IReadOnlyDictionary<string, string> ExtensionOfMediaType = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["text/html"] = ".html",
        ["application/xhtml+xml"] = ".html",
        ["text/markdown"] = ".md",
        ["text/plain"] = ".txt",
        ["application/pdf"] = ".pdf",
    };

    /// <summary>The parser for <paramref name="path"/>'s extension (case-insensitive), or null when the format is not supported.</summary>
    public static IDocumentParser? For(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path));

    /// <summary>The parser for content of <paramref name="mediaType"/> (a web page's), or null when the format is not supported.</summary>
    public static IDocumentParser? ForMediaType(string mediaType) =>
        ExtensionOfMediaType.TryGetValue(mediaType, out var extension) ? ByExtension[extension] : null;

    private static Dictionary<string, IDocumentParser> CreateParsers()
    {
        var markdown = new MarkdownDocumentParser();
        var html = new HtmlDocumentParser();
        return new Dictionary<string, IDocumentParser>(StringComparer.OrdinalIgnoreCase)
        {
            [".md"] = markdown,
            [".markdown"] = markdown,
            [".txt"] = new PlainTextDocumentParser(),
            [".html"] = html,
            [".htm"] = html,
            [".pdf"] = new PdfDocumentParser(),
        };
    }
}
