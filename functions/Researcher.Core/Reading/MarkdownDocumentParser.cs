using System.Text;
using Markdig;
using Markdig.Extensions.DefinitionLists;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Researcher.Core.Reading;

/// <summary>
/// Markdown through Markdig: headings start sections, paragraphs, list items, quotes and table rows
/// become paragraphs, code blocks one paragraph each in backticks. Inline code keeps its backticks,
/// links keep their text, raw HTML and front matter are dropped. A definition list's terms open
/// their definition's first paragraph ("term: definition", several terms joined with ", "), as in
/// <see cref="HtmlDocumentParser"/>. The title is the first level-1 heading; headings and title
/// lose their numbering ("2.1. ": <see cref="HeadingNumbers"/>).
/// </summary>
internal sealed class MarkdownDocumentParser : IDocumentParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseYamlFrontMatter()
        .UseDefinitionLists()
        .Build();

    public SourceDocument Parse(string location, byte[] content, string fallbackTitle)
    {
        var markdown = Markdown.Parse(TextDecoding.Decode(location, content), Pipeline);
        var builder = new SourceSectionsBuilder();
        string? title = null;
        foreach (var block in markdown)
            Visit(block, builder, ref title);
        return new SourceDocument(location, HeadingNumbers.Strip(title ?? fallbackTitle), builder.Build());
    }

    private static void Visit(Block block, SourceSectionsBuilder builder, ref string? title)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var headingText = InlineText(heading.Inline);
                if (heading.Level == 1 && title is null && headingText.Length > 0) title = headingText;
                builder.StartSection(headingText);
                break;
            case ParagraphBlock paragraph:
                builder.AddParagraph(InlineText(paragraph.Inline));
                break;
            case YamlFrontMatterBlock or HtmlBlock:
                break;
            case CodeBlock code:
                builder.AddCode(code.Lines.ToString());
                break;
            case DefinitionItem item:
                VisitDefinition(item, builder, ref title);
                break;
            case TableRow row:
                builder.AddParagraph(string.Join(" — ", row.OfType<TableCell>().Select(CellText).Where(text => text.Length > 0)));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                    Visit(child, builder, ref title);
                break;
        }
    }

    /// <summary>The terms open the definition's first paragraph, or stand alone when it opens with another block.</summary>
    private static void VisitDefinition(DefinitionItem item, SourceSectionsBuilder builder, ref string? title)
    {
        var terms = string.Join(", ", item.OfType<DefinitionTerm>().Select(term => InlineText(term.Inline)).Where(term => term.Length > 0));
        var blocks = item.Where(block => block is not DefinitionTerm).ToList();
        if (blocks.FirstOrDefault() is ParagraphBlock first)
        {
            builder.AddParagraph(SourceSectionsBuilder.Joined(terms, InlineText(first.Inline)));
            blocks.RemoveAt(0);
        }
        else
        {
            builder.AddParagraph(terms);
        }
        foreach (var block in blocks)
            Visit(block, builder, ref title);
    }

    private static string CellText(TableCell cell) =>
        string.Join(" ", cell.OfType<ParagraphBlock>().Select(paragraph => InlineText(paragraph.Inline)));

    private static string InlineText(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        if (inlines is not null) AppendInline(inlines, text);
        return text.ToString().Trim();
    }

    private static void AppendInline(Inline inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content);
                break;
            case CodeInline code:
                text.Append('`').Append(code.Content.Replace('`', '\'')).Append('`');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case ContainerInline container:
                foreach (var child in container)
                    AppendInline(child, text);
                break;
        }
    }
}
