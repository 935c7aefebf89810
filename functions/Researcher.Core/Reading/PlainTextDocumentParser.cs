using System.Text.RegularExpressions;

namespace Researcher.Core.Reading;

/// <summary>Plain text: one section without a heading, paragraphs separated by blank lines.</summary>
internal sealed partial class PlainTextDocumentParser : IDocumentParser
{
    public SourceDocument Parse(string location, byte[] content, string fallbackTitle)
    {
        var builder = new SourceSectionsBuilder();
        foreach (var paragraph in BlankLine().Split(TextDecoding.Decode(location, content)))
            builder.AddParagraph(paragraph);
        return new SourceDocument(location, fallbackTitle, builder.Build());
    }

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n")]
    private static partial Regex BlankLine();
}
