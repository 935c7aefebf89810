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
/// documentation"), else the &lt;title&gt;, else the first h1; headings and title lose their
/// numbering ("19.4. ", "Appendix F. ": <see cref="HeadingNumbers"/>).
/// </summary>
/// <remarks>
/// <para>
/// Structure, not the site's class names, decides the rest. Navigation found by its link text
/// (<see cref="NavigationBlocks"/>: tables of contents, link lists and bars) is dropped; a page that
/// is mostly navigation keeps it all and is marked <see cref="SourceDocument.IsNavigation"/>.
/// Permalink anchors (a "¶" or "#" linking to its own heading or definition) are dropped.
/// </para>
/// <para>
/// A definition list's term opens its definition's first paragraph, "term: definition": several
/// terms of one definition are joined with ", "; a definition's later paragraphs stay paragraphs of
/// their own; a term whose definition opens with a code block, a table or another definition list,
/// or has none, is a paragraph of its own. So "<c>shared_buffers</c> (<c>integer</c>): Sets the
/// amount of memory ..." and "copy.deepcopy(x[, memo]): Return a deep copy of x." keep what they describe.
/// A table row of two cells whose first is one short line is read the same way, as a term and its
/// description ("`TaskGroup`: A context manager that holds a group of tasks."): API indexes and
/// option tables are definition lists written as tables.
/// </para>
/// <para>
/// A note, tip or warning box (an &lt;aside&gt;, an element of role note, or a div, table or
/// blockquote whose first text is a label: Note, Tip, Hint, Important, Warning, Caution, Attention,
/// Danger, See also, alone or as "Warning: ...") stays in the section around it: its label, or a
/// heading inside it, opens its next paragraph ("Note: ...") instead of starting a section.
/// </para>
/// </remarks>
internal sealed class HtmlDocumentParser : IDocumentParser
{
    private const string Chrome =
        "script, style, noscript, template, iframe, svg, nav, header, footer, " +
        "[role=navigation], [role=banner], [role=contentinfo], [role=search], " +
        // The class and id names site templates of every kind give the same chrome (lists of links
        // that are not in a nav element are found by their structure instead).
        ".footer, #footer, .breadcrumb, .breadcrumbs, .navbar, .skip-link";

    /// <summary>Elements whose text is a paragraph of its own (headings and pre blocks are handled apart).</summary>
    internal static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "menu",
        "section", "article", "main", "aside", "blockquote", "figure", "figcaption", "details", "summary",
        "hr", "address", "caption", "fieldset", "form", "body", "center",
    };

    private static readonly HashSet<string> CodeElements = new(StringComparer.Ordinal) { "code", "kbd", "samp", "tt" };

    /// <summary>The elements a box's label may stand in besides a heading: a title paragraph, cell or div (the whole of its text).</summary>
    private static readonly HashSet<string> LabelElements = new(StringComparer.Ordinal) { "p", "div", "th", "td", "dt", "caption" };

    /// <summary>What a note, tip or warning box opens with, in the words of every documentation generator.</summary>
    private static readonly HashSet<string> BoxLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "Note", "Tip", "Hint", "Important", "Warning", "Caution", "Attention", "Danger", "See also",
    };

    /// <summary>Longest first cell of a two-cell table row read as a term ("`TaskGroup`", "`shared_buffers` (`integer`)").</summary>
    private const int MaxTermCharacters = 150;

    /// <summary>Fewest words in the second cell of such a row for it to be a description.</summary>
    private const int MinDescriptionWords = 3;

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
        foreach (var permalink in document.QuerySelectorAll("a[href^='#']").Where(IsPermalink).ToList())
            permalink.Remove();

        var root = document.Body ?? document.DocumentElement;
        var navigation = NavigationBlocks.Find(root);
        var isNavigation = navigation.PageShare >= NavigationBlocks.NavigationPageShare;
        if (!isNavigation)
        {
            foreach (var block in navigation.Blocks)
                block.Remove();
        }

        var walker = new Walker();
        walker.Walk(root);
        walker.Flush();

        var pageTitle = PlainText.CollapseWhitespace(document.Title ?? "");
        var firstHeading = walker.FirstHeading;
        var title = firstHeading is not null && (pageTitle.Length == 0 || pageTitle.Contains(firstHeading, StringComparison.OrdinalIgnoreCase))
            ? firstHeading
            : pageTitle.Length > 0 ? pageTitle : fallbackTitle;
        return new SourceDocument(location, HeadingNumbers.Strip(title), walker.Sections.Build()) { IsNavigation = isNavigation };
    }

    /// <summary>An anchor to a place on its page whose text is only a mark ("¶", "#", "§"), no word.</summary>
    private static bool IsPermalink(IElement anchor)
    {
        var text = anchor.TextContent.Trim();
        return text.Length is > 0 and <= 2 && !text.Any(char.IsLetterOrDigit);
    }

    private static string HeadingText(IElement heading) =>
        PlainText.CollapseWhitespace(heading.TextContent).TrimEnd(HeadingDecorations);

    /// <summary>
    /// Walks the body in reading order, gathering inline text into paragraphs; a term or a box's
    /// label waits as the prefix of the next paragraph.
    /// </summary>
    private sealed class Walker
    {
        private readonly StringBuilder inline = new();
        private string? prefix;
        private bool prefixIsTerm;
        private int boxDepth;

        public SourceSectionsBuilder Sections { get; } = new();

        /// <summary>The first h1 outside a box, the title's candidate.</summary>
        public string? FirstHeading { get; private set; }

        public void Walk(INode node)
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
                    Flush();
                    var heading = HeadingText(element);
                    if (boxDepth > 0)
                    {
                        // A heading inside a box titles the box's next paragraph, not a section.
                        AddPrefix(heading);
                        continue;
                    }
                    EmitPrefix();
                    if (tag == "h1" && FirstHeading is null && heading.Length > 0) FirstHeading = heading;
                    Sections.StartSection(heading);
                }
                else if (tag == "pre")
                {
                    Flush();
                    EmitPrefix();
                    Sections.AddCode(element.TextContent);
                }
                else if (tag == "br")
                {
                    inline.Append(' ');
                }
                else if (CodeElements.Contains(tag))
                {
                    AppendCode(element, inline);
                }
                else if (tag == "dl")
                {
                    Flush();
                    // A term is not the first term of the list inside its definition; a box's label opens the list's first paragraph.
                    if (prefixIsTerm) EmitPrefix();
                    WalkDefinitions(element);
                    Flush();
                }
                else if (tag == "tr" && TermAndDescription(element) is var (term, description))
                {
                    Flush();
                    EmitPrefix();
                    AddPrefix(term, isTerm: true);
                    Walk(description);
                    Flush();
                    EmitPrefix();
                }
                else if (BoxLabel(element, out var label, out var labelElement))
                {
                    Flush();
                    WalkBox(element, label, labelElement);
                }
                else if (BlockElements.Contains(tag))
                {
                    Flush();
                    if (tag == "table") EmitPrefix();
                    Walk(element);
                    Flush();
                }
                else
                {
                    Walk(element);
                }
            }
        }

        /// <summary>Ends the current paragraph; the waiting prefix, if any, opens it.</summary>
        public void Flush()
        {
            var text = PlainText.CollapseWhitespace(inline.ToString());
            inline.Clear();
            if (text.Length == 0) return;
            if (prefix is not null)
            {
                text = SourceSectionsBuilder.Joined(prefix, text);
                prefix = null;
            }
            Sections.AddParagraph(text);
        }

        /// <summary>The waiting prefix as a paragraph of its own (a term whose definition is not a paragraph).</summary>
        private void EmitPrefix()
        {
            if (prefix is null) return;
            Sections.AddParagraph(prefix);
            prefix = null;
        }

        private void AddPrefix(string text, bool isTerm = false)
        {
            text = PlainText.CollapseWhitespace(text);
            if (text.Length == 0) return;
            prefix = prefix is null ? text : SourceSectionsBuilder.Joined(prefix, text);
            prefixIsTerm = isTerm;
        }

        /// <summary>
        /// A definition list: the terms before a definition open its first paragraph; terms
        /// without a definition are paragraphs of their own. Groups of terms and definitions in a
        /// div (as HTML allows) are walked the same way.
        /// </summary>
        private void WalkDefinitions(IElement list)
        {
            var terms = new List<string>();
            WalkDefinitionItems(list, terms);
            foreach (var term in terms)
            {
                inline.Append(term);
                Flush();
            }
        }

        private void WalkDefinitionItems(IElement parent, List<string> terms)
        {
            foreach (var child in parent.Children)
            {
                switch (child.LocalName)
                {
                    case "dt":
                        // A line break parts two terms in one dt (DocBook's "-a" and "--all"), as two dt would.
                        var term = new StringBuilder();
                        AppendInline(child, term, lineBreak: "\n");
                        terms.AddRange(term.ToString().Split('\n')
                            .Select(line => PlainText.CollapseWhitespace(line).TrimEnd(HeadingDecorations))
                            .Where(line => line.Length > 0));
                        break;
                    case "dd":
                        if (terms.Count > 0) AddPrefix(string.Join(", ", terms), isTerm: true);
                        terms.Clear();
                        Flush();
                        Walk(child);
                        Flush();
                        EmitPrefix();
                        break;
                    case "div":
                        WalkDefinitionItems(child, terms);
                        break;
                    default:
                        Flush();
                        Walk(child);
                        Flush();
                        break;
                }
            }
        }

        /// <summary>
        /// The term and the description cell of a table row that is a definition: two cells, the
        /// first of them a data cell (a row of header cells is the table's head) holding one short
        /// line (no block of code, list or table), the second holding words that describe it (a row
        /// of two names, "os.path.abspath() | Path.absolute()", pairs peers rather than defining one).
        /// </summary>
        private static (string Term, IElement Description)? TermAndDescription(IElement row)
        {
            var cells = row.Children.Where(cell => cell.LocalName is "td" or "th").ToList();
            if (cells.Count != 2 || cells[0].LocalName != "td" || row.ParentElement?.LocalName == "thead") return null;
            if (cells[0].QuerySelector("pre, table, ul, ol, dl") is not null) return null;
            var term = new StringBuilder();
            AppendInline(cells[0], term, lineBreak: " ");
            var text = PlainText.CollapseWhitespace(term.ToString());
            if (text.Length == 0 || text.Length > MaxTermCharacters || PlainText.CountWords(cells[1].TextContent) < MinDescriptionWords) return null;
            return (text, cells[1]);
        }

        /// <summary>A note, tip or warning: its label opens its first paragraph; its headings title paragraphs.</summary>
        private void WalkBox(IElement box, string? label, IElement? labelElement)
        {
            labelElement?.Remove();
            if (label is not null) AddPrefix(label);
            boxDepth++;
            Walk(box);
            Flush();
            boxDepth--;
            // A label with nothing after it ("Note" alone) says nothing.
            if (prefix == label) prefix = null;
            EmitPrefix();
        }

        /// <summary>
        /// Whether <paramref name="element"/> is a note, tip or warning box, and its label: the text
        /// of the heading or title element its first text is in (removed from the box as it is
        /// walked), when that is one of the <see cref="BoxLabels"/> (or an aside's or note's heading).
        /// </summary>
        private static bool BoxLabel(IElement element, out string? label, out IElement? labelElement)
        {
            label = null;
            labelElement = null;
            var tag = element.LocalName;
            var isNote = tag == "aside" || string.Equals(element.GetAttribute("role"), "note", StringComparison.OrdinalIgnoreCase);
            if (!isNote && tag is not ("div" or "table" or "blockquote")) return false;

            var title = FirstTextElement(element);
            if (title is not null)
            {
                var text = PlainText.CollapseWhitespace(title.TextContent).TrimEnd(HeadingDecorations);
                var isHeading = title.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
                var word = text.TrimEnd(':').TrimEnd();
                var colon = text.IndexOf(':');
                if (BoxLabels.Contains(word) || (isHeading && colon > 0 && BoxLabels.Contains(text[..colon])) || (isNote && isHeading))
                {
                    label = text;
                    labelElement = title;
                    return true;
                }
            }
            return isNote;
        }

        /// <summary>
        /// The heading or title element that holds the first text of <paramref name="box"/>, when no
        /// other box-like element (div, table, blockquote, aside, section) stands between them.
        /// </summary>
        private static IElement? FirstTextElement(IElement box)
        {
            var first = box.Descendants<IText>().FirstOrDefault(text => text.Data.Any(char.IsLetterOrDigit));
            var element = first?.ParentElement;
            // The title's element: the nearest heading or label element around the text, inside the box.
            while (element is not null && element != box
                   && element.LocalName is not ("h1" or "h2" or "h3" or "h4" or "h5" or "h6") && !LabelElements.Contains(element.LocalName))
                element = element.ParentElement;
            if (element is null || element == box) return null;
            for (var between = element.ParentElement; between is not null && between != box; between = between.ParentElement)
            {
                if (between.LocalName is "div" or "table" or "blockquote" or "aside" or "section") return null;
            }
            return element;
        }

        private static void AppendCode(IElement element, StringBuilder text) =>
            text.Append('`').Append(element.TextContent.Replace('`', '\'')).Append('`');

        /// <summary>An element's text as one line: code in backticks, blocks as spaces, line breaks as <paramref name="lineBreak"/>.</summary>
        private static void AppendInline(INode node, StringBuilder text, string lineBreak)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText data) text.Append(data.Data);
                else if (child is IElement element)
                {
                    if (CodeElements.Contains(element.LocalName)) AppendCode(element, text);
                    else if (element.LocalName == "br") text.Append(lineBreak);
                    else
                    {
                        var block = BlockElements.Contains(element.LocalName);
                        if (block) text.Append(' ');
                        AppendInline(element, text, lineBreak);
                        if (block) text.Append(' ');
                    }
                }
            }
        }
    }
}
