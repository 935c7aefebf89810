using Researcher.Core.Text;

namespace Researcher.Core.Reading;

/// <summary>
/// Collects a document's text in reading order into sections: a heading starts a section, and
/// paragraphs go to the current one. A heading loses its leading numbering ("19.4. ", "Appendix F. ":
/// <see cref="HeadingNumbers"/>). Paragraph white space is collapsed; empty paragraphs and
/// sections without paragraphs are dropped. A code block is kept as one paragraph in backticks, so
/// it is searched but never read as a sentence.
/// </summary>
internal sealed class SourceSectionsBuilder
{
    private readonly List<SourceSection> sections = [];
    private string? heading;
    private List<string> paragraphs = [];

    public void StartSection(string headingText)
    {
        CloseSection();
        var text = HeadingNumbers.Strip(PlainText.CollapseWhitespace(headingText));
        heading = text.Length > 0 ? text : null;
    }

    public void AddParagraph(string text)
    {
        var paragraph = PlainText.CollapseWhitespace(text);
        if (paragraph.Length > 0) paragraphs.Add(paragraph);
    }

    /// <summary>Adds a block of code (or other preformatted text) as one paragraph in backticks.</summary>
    public void AddCode(string code)
    {
        var text = PlainText.CollapseWhitespace(code.Replace('`', '\''));
        if (text.Length > 0) paragraphs.Add($"`{text}`");
    }

    /// <summary>
    /// A paragraph opened by what it describes (a definition's term, a note's label):
    /// "term: text", or "term text" when the term already ends in punctuation ("Parameters:").
    /// </summary>
    public static string Joined(string lead, string text) =>
        lead.Length == 0 ? text : lead[^1] is ':' or '.' or '?' or '!' or '—' or '–' ? $"{lead} {text}" : $"{lead}: {text}";

    public IReadOnlyList<SourceSection> Build()
    {
        CloseSection();
        return sections;
    }

    private void CloseSection()
    {
        if (paragraphs.Count > 0) sections.Add(new SourceSection(heading, paragraphs));
        paragraphs = [];
    }
}
