using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Researcher.Core.Reading;

/// <summary>
/// PDF through PdfPig: each page's text in reading order, its text blocks as paragraphs, all in one
/// section. The title is the document's Title property when it has one.
/// </summary>
internal sealed partial class PdfDocumentParser : IDocumentParser
{
    public SourceDocument Parse(string location, byte[] content, string fallbackTitle)
    {
        var builder = new SourceSectionsBuilder();
        string? title;
        try
        {
            using var pdf = PdfDocument.Open(content);
            title = pdf.Information.Title;
            foreach (var page in pdf.GetPages())
            {
                foreach (var paragraph in BlankLine().Split(ContentOrderTextExtractor.GetText(page, addDoubleNewline: true)))
                    builder.AddParagraph(paragraph);
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new SourceUnreadableException(location, "the PDF is encrypted");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PdfPig reports malformed files with many exception types; all mean the same to a reader.
            throw new SourceUnreadableException(location, $"not a readable PDF ({ex.Message})");
        }
        return new SourceDocument(location, string.IsNullOrWhiteSpace(title) ? fallbackTitle : title.Trim(), builder.Build());
    }

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n")]
    private static partial Regex BlankLine();
}
