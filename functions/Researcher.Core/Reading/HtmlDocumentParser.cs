using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Researcher.Core.Text;

namespace Researcher.Core.Reading;

/// <summary>
/// HTML through AngleSharp (entities decoded as a browser does). Scripts, styles, navigation,
/// headers, footers and other page chrome are dropped; h1-h6 start sections; every block element
/// (paragraph, list item, table cell, definition, ...) ends a paragraph; pre blocks become one
/// paragraph each, in backticks; inline code keeps backticks. The title is the first h1 when the
/// &lt;title&gt; contains it (the &lt;title&gt; then only adds the site's name: "copy — Python 3.11
/// documentation"), else the &lt;title&gt;, else the first h1.
/// </summary>
internal sealed class HtmlDocumentParser : IDocumentParser
{
    private const string Chrome =
        "script, style, noscript, template, iframe, svg, nav, header, footer, " +
        "[role=navigation], [role=banner], [role=contentinfo], [role=search], " +
        // The class and id names documentation generators and site templates give the same chrome.
        ".footer, #footer, .sidebar, .sphinxsidebar, .related, .breadcrumb, .breadcrumbs, .navbar, .skip-link";

    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "section", "article", "main", "aside", "blockquote", "figure", "figcaption", "details", "summary",
        "hr", "address", "caption", "fieldset", "form", "body", "center",
    };

    private static readonly HashSet<string> CodeElements = new(StringComparer.Ordinal) { "code", "kbd", "samp", "tt" };

    private static readonly char[] HeadingDecorations = ['¶', '#', ' ', '\u00a0'];

    public SourceDocument Parse(string location, byte[] content, string fallbackTitle) =>
        Parse(location, new HtmlParser().ParseDocument(TextDecoding.Decode(location, content)), fallbackTitle);

    /// <summary>
    /// The sections of a document already parsed (a web page's, or the article found in it); the
    /// page chrome is removed from <paramref name="document"/> itself.
    /// </summary>
    public SourceDocument Parse(string location, IHtmlDocument document, string fallbackTitle)
    {
        foreach (var element in document.QuerySelectorAll(Chrome).ToList())
            element.Remove();

        var builder = new SourceSectionsBuilder();
        string? firstHeading = null;
        var inline = new StringBuilder();
        Walk(document.Body ?? document.DocumentElement, builder, inline, ref firstHeading);
        Flush(builder, inline);

        var pageTitle = PlainText.CollapseWhitespace(document.Title ?? "");
        var title = firstHeading is not null && (pageTitle.Length == 0 || pageTitle.Contains(firstHeading, StringComparison.OrdinalIgnoreCase))
            ? firstHeading
            : pageTitle.Length > 0 ? pageTitle : fallbackTitle;
        return new SourceDocument(location, title, builder.Build());
    }

    private static void Walk(INode node, SourceSectionsBuilder builder, StringBuilder inline, ref string? firstHeading)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                inline.Append(text.Data);
                continue;
            }
            if (child is not IElement element) continue;

            var tag = element.LocalName;
            if (tag is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                Flush(builder, inline);
                var heading = PlainText.CollapseWhitespace(element.TextContent).TrimEnd(HeadingDecorations);
                if (tag == "h1" && firstHeading is null && heading.Length > 0) firstHeading = heading;
                builder.StartSection(heading);
            }
            else if (tag == "pre")
            {
                Flush(builder, inline);
                builder.AddCode(element.TextContent);
            }
            else if (tag == "br")
            {
                inline.Append(' ');
            }
            else if (CodeElements.Contains(tag))
            {
                inline.Append('`').Append(element.TextContent.Replace('`', '\'')).Append('`');
            }
            else if (BlockElements.Contains(tag))
            {
                Flush(builder, inline);
                Walk(element, builder, inline, ref firstHeading);
                Flush(builder, inline);
            }
            else
            {
                Walk(element, builder, inline, ref firstHeading);
            }
        }
    }

    private static void Flush(SourceSectionsBuilder builder, StringBuilder inline)
    {
        builder.AddParagraph(inline.ToString());
        inline.Clear();
    }
}
