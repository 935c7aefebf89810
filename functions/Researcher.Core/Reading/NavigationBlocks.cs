using System.Text;
using AngleSharp.Dom;
using Researcher.Core.Text;

namespace Researcher.Core.Reading;

/// <summary>
/// Finds the navigation of an HTML page by its structure, whatever the site calls it: the blocks
/// whose text is mostly the text of links (tables of contents, lists of links, link bars, the
/// "See also" lists of a reference page), the small tables that lay out a manual's Prev / Up /
/// Home / Next bar around the titles they lead to, and, from both, how much of the whole page is
/// navigation, so a page of links (a table of contents, an index, a manual's front page) is told
/// from a page of text.
/// </summary>
/// <remarks>
/// <para>
/// Text is measured in letters and digits, so separators ("|", "»", ", ") and white space weigh
/// nothing. Link text is the text inside an &lt;a href&gt;. A block's link density leaves its
/// headings out: a sidebar's "Previous topic" or a reference's "See Also" titles the links under
/// it, and a heading that links to itself (a FAQ's questions) is a title, not navigation. The
/// page's navigation share counts them as text.
/// </para>
/// <para>
/// Only blocks that group several items are judged: containers (div, section, aside, ...), lists
/// and tables. A paragraph on its own never is navigation (a sentence that is all cross-reference,
/// "Subclasses are BrokenPipeError, ConnectionAbortedError, ...", is still a sentence), nor one row,
/// item or definition of a list or table that is kept. A container that is not navigation is looked
/// into; a list or table that is not is kept whole.
/// </para>
/// <para>
/// The thresholds were measured on two manuals of different generators: PostgreSQL 15's (DocBook,
/// 1 169 pages) and Python 3.11's (Sphinx, 526 pages). Their tables of contents measure 0.84 to
/// 1.00 link text; the densest prose blocks they keep (API notes naming many functions) 0.70 to
/// 0.80 (see <see cref="LinkDensityThreshold"/>).
/// </para>
/// </remarks>
internal static class NavigationBlocks
{
    /// <summary>
    /// The least share of a block's text that is link text for it to be navigation. The tables of
    /// contents of both manuals measure 0.84 (Python's short toctrees, whose captions are not links)
    /// to 1.00 (PostgreSQL's); prose blocks dense with cross-references measure up to 0.80
    /// (Python's "Note: multiprocessing contains no analogues of threading.active_count(), ..."), so
    /// those are kept, and denser prose is kept by its sentences (<see cref="MinBlockCharacters"/>).
    /// </summary>
    public const double LinkDensityThreshold = 0.8;

    /// <summary>
    /// The fewest letters and digits a block must hold outside its headings to be judged navigation
    /// (a pair of short links, "Basic Tutorial" and "Cookbook", is kept), and the fewest that
    /// make the unlinked text of one of its paragraphs prose, which keeps the block. A paragraph
    /// that ends like a sentence (a full stop after at least four words) is prose at any length and
    /// any link density: "asyncio: New provisional API for asynchronous IO (PEP 3156)." is a
    /// summary worth quoting, a table of contents' entry never ends so.
    /// </summary>
    public const int MinBlockCharacters = 30;

    /// <summary>The fewest links a block must hold to be navigation: one link, however long, is a reference, not a menu.</summary>
    public const int MinBlockLinks = 2;

    /// <summary>
    /// The most rows a table without a header row may have to be a navigation bar by its cells
    /// (more than half of them links, none a sentence): DocBook's Prev / Up / Home / Next bars have
    /// two, while the reference tables of both manuals whose cells are mostly links have many rows
    /// (and a header row, which marks a data table: a table with &lt;thead&gt; or &lt;caption&gt; is never navigation).
    /// </summary>
    public const int MaxNavigationBarRows = 3;

    /// <summary>
    /// The least share of a page's text that is navigation (its navigation blocks, and the link
    /// text elsewhere) for the page to be a page of links (<see cref="SourceDocument.IsNavigation"/>).
    /// In PostgreSQL's manual the front page, the part and appendix front pages and the chapter
    /// pages whose introduction is a sentence or two measure 0.70 to 1.00 (41 pages); chapter
    /// pages with an introduction of several paragraphs 0.50 to 0.69, and they stay text pages,
    /// their table of contents dropped. In Python's, the tables of contents, the index pages and
    /// the library's chapter pages measure 0.77 to 1.00; below 0.70 come pages with real text
    /// around a long list of links (the C API's stability page, the email package's).
    /// </summary>
    public const double NavigationPageShare = 0.7;

    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal)
    {
        "div", "section", "article", "main", "aside", "blockquote", "figure", "center", "form", "fieldset", "details", "address", "nav",
    };

    private static readonly HashSet<string> Lists = new(StringComparer.Ordinal) { "ul", "ol", "dl", "menu", "table" };

    /// <summary>Elements that end a paragraph: the text of each is a paragraph of its own (the parser's blocks, and headings, code blocks and nav).</summary>
    private static readonly HashSet<string> ParagraphBlocks =
        new([.. HtmlDocumentParser.BlockElements, "pre", "nav", "h1", "h2", "h3", "h4", "h5", "h6"], StringComparer.Ordinal);

    /// <summary>What a page's navigation is: its navigation blocks, and the share of its text that is navigation.</summary>
    public sealed record Navigation(IReadOnlyList<IElement> Blocks, double PageShare);

    /// <summary>The navigation blocks under <paramref name="root"/> (none inside another), in document order, and the page's navigation share.</summary>
    public static Navigation Find(IElement root)
    {
        var measures = new Dictionary<IElement, Measure>();
        var rootMeasure = Measure.Of(root, measures);
        var blocks = new List<IElement>();
        Select(root, measures, blocks);
        if (rootMeasure.Letters == 0) return new Navigation(blocks, 0);
        var inBlocks = blocks.Sum(block => measures[block].Letters);
        var linksInBlocks = blocks.Sum(block => measures[block].LinkLetters);
        return new Navigation(blocks, (double)(inBlocks + rootMeasure.LinkLetters - linksInBlocks) / rootMeasure.Letters);
    }

    private static void Select(IElement parent, Dictionary<IElement, Measure> measures, List<IElement> blocks)
    {
        foreach (var child in parent.Children)
        {
            var tag = child.LocalName;
            if (Containers.Contains(tag) || Lists.Contains(tag))
            {
                if (IsNavigation(child, measures)) blocks.Add(child);
                else if (Containers.Contains(tag)) Select(child, measures, blocks);
            }
            else if (!ParagraphBlocks.Contains(tag))
            {
                // An inline or unknown element may still wrap blocks (a span around divs, a custom element).
                Select(child, measures, blocks);
            }
        }
    }

    private static bool IsNavigation(IElement block, Dictionary<IElement, Measure> measures)
    {
        var measure = measures[block];
        if (measure.Links < MinBlockLinks || measure.HasSentence) return false;
        if (block.LocalName == "table" && block.Children.Any(child => child.LocalName is "thead" or "caption")) return false;
        if (measure.BodyLetters >= MinBlockCharacters && measure.IsLinkDense && !measure.HasProse) return true;
        return block.LocalName == "table" && IsNavigationBar(block, measures);
    }

    /// <summary>A small layout table more than half of whose cells are links (the rest, titles).</summary>
    private static bool IsNavigationBar(IElement table, Dictionary<IElement, Measure> measures)
    {
        if (table.QuerySelectorAll("tr").Length > MaxNavigationBarRows) return false;
        var cells = table.QuerySelectorAll("td, th").Where(cell => measures[cell].BodyLetters > 0).ToList();
        return cells.Count > 0 && 2 * cells.Count(cell => measures[cell].IsLinkDense) > cells.Count;
    }

    /// <summary>
    /// An element's text in letters and digits, its link text, its links, and whether one of its
    /// paragraphs is prose (enough unlinked text) or ends like a sentence.
    /// </summary>
    private sealed class Measure
    {
        public int Letters;
        public int HeadingLetters;
        public int LinkLetters;
        public int Links;
        public bool HasProse;
        public bool HasSentence;

        /// <summary>Letters and digits outside headings: the text a block's link density is the share of.</summary>
        public int BodyLetters => Letters - HeadingLetters;

        public bool IsLinkDense => BodyLetters > 0 && LinkLetters >= LinkDensityThreshold * BodyLetters;

        public static Measure Of(IElement root, Dictionary<IElement, Measure> measures) =>
            Of(root, inLink: false, inHeading: false, new Paragraph(), measures);

        private static Measure Of(IElement element, bool inLink, bool inHeading, Paragraph paragraph, Dictionary<IElement, Measure> measures)
        {
            var measure = new Measure();
            var tag = element.LocalName;
            var isHeading = tag is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
            inHeading |= isHeading;
            inLink |= tag == "a" && element.HasAttribute("href") && !inHeading;
            if (tag == "a" && element.HasAttribute("href")) measure.Links++;
            var own = ParagraphBlocks.Contains(tag) ? new Paragraph() : paragraph;
            foreach (var child in element.ChildNodes)
            {
                if (child is IText text)
                {
                    var letters = CountLetters(text.Data);
                    measure.Letters += letters;
                    if (inHeading) measure.HeadingLetters += letters;
                    if (inLink) measure.LinkLetters += letters;
                    own.Add(text.Data, letters, inLink);
                }
                else if (child is IElement childElement)
                {
                    var inner = Of(childElement, inLink, inHeading, own, measures);
                    measure.Letters += inner.Letters;
                    measure.HeadingLetters += inner.HeadingLetters;
                    measure.LinkLetters += inner.LinkLetters;
                    measure.Links += inner.Links;
                    measure.HasProse |= inner.HasProse;
                    measure.HasSentence |= inner.HasSentence;
                }
            }
            // A heading is a title: it is neither prose nor a sentence, whatever it says.
            if (!ReferenceEquals(own, paragraph) && !isHeading)
            {
                measure.HasSentence |= own.IsSentence;
                measure.HasProse |= own.IsSentence || own.IsProse;
            }
            measures[element] = measure;
            return measure;
        }
    }

    /// <summary>The text one block holds itself (not in a block inside it): one paragraph of the page.</summary>
    private sealed class Paragraph
    {
        private readonly StringBuilder text = new();
        private int letters;
        private int linkLetters;

        public void Add(string data, int count, bool inLink)
        {
            text.Append(data);
            letters += count;
            if (inLink) linkLetters += count;
        }

        public bool IsProse => letters >= MinBlockCharacters && linkLetters < LinkDensityThreshold * letters;

        /// <summary>Ends with a full stop (before any closing brackets or quotes) after at least four words.</summary>
        public bool IsSentence
        {
            get
            {
                if (letters == 0) return false;
                var collapsed = PlainText.CollapseWhitespace(text.ToString()).TrimEnd(')', ']', '"', '\'', '”', '’', '»');
                return collapsed.EndsWith('.') && collapsed.Count(c => c == ' ') >= 3;
            }
        }
    }

    private static int CountLetters(string text)
    {
        var count = 0;
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) count++;
        return count;
    }
}
