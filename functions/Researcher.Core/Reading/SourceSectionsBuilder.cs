using Researcher.Core.Text;

namespace Researcher.Core.Reading;

/// <summary>
/// Collects a document's text in reading order into sections: a heading starts a section, and
/// paragraphs go to the current one. Paragraph white space is collapsed; empty paragraphs and
/// sections without paragraphs are dropped.
/// </summary>
internal sealed class SourceSectionsBuilder
{
    private readonly List<SourceSection> sections = [];
    private string? heading;
    private List<string> paragraphs = [];

    public void StartSection(string headingText)
    {
        CloseSection();
        var text = PlainText.CollapseWhitespace(headingText);
        heading = text.Length > 0 ? text : null;
    }

    public void AddParagraph(string text)
    {
        var paragraph = PlainText.CollapseWhitespace(text);
        if (paragraph.Length > 0) paragraphs.Add(paragraph);
    }

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
