using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;
using Researcher.Core.Reading;

namespace Researcher.Core.Web;

/// <summary>
/// The DOM of a fetched HTML page as the web reader reads it: parsed by AngleSharp from the text
/// already fetched, without what a reader never shows as text, and only when the page does not keep
/// more elements open than <see cref="MaxOpenElements"/>.
/// </summary>
/// <remarks>
/// <para>
/// AngleSharp, as browsers do, builds at most 512 levels of elements (deeper ones become siblings),
/// so nothing that walks the tree recurses deeper than that. But it still keeps every unclosed
/// element open while it parses, and its time grows faster than the number of them: 10 000 nested
/// <c>&lt;div&gt;</c>s take about 2 s, 100 000 (a 1 MB page) about 90 s on a 2-core machine. The
/// parse therefore watches the tokens and gives up as soon as a page holds more open elements than
/// any real page does, before that cost is paid.
/// </para>
/// <para>
/// Removed after the parse, on both the article and the whole-page path: form controls (their
/// labels, values, options and button captions are not the page's text; the form itself stays, as
/// some sites wrap their whole page in one), embedded objects, media and canvases (their content is
/// a fallback for browsers that cannot show them), and the raw-text fallbacks of old browsers
/// (<c>noframes</c>, <c>noembed</c>, whose content would otherwise read as markup). Scripts, styles,
/// <c>noscript</c>, frames and SVG are removed by <see cref="HtmlDocumentParser"/> as page chrome.
/// Attributes, event handlers among them, never become text.
/// </para>
/// </remarks>
internal static class WebPageHtml
{
    /// <summary>
    /// Most elements a page may hold open at once while it is parsed. Real pages stay under a few
    /// hundred even with nested layout tables; at this bound the parse still takes a fraction of a second.
    /// </summary>
    public const int MaxOpenElements = 4_096;

    private const string NeverText =
        "button, input, select, textarea, datalist, output, label, " +
        "object, embed, applet, audio, video, canvas, noframes, noembed";

    /// <summary>
    /// Elements that never hold another of their kind open: void elements, and those the parser
    /// closes itself when the next one starts (paragraphs, list items, table rows and cells, options).
    /// They are not counted as open, so a page of unclosed <c>&lt;p&gt;</c>s is not mistaken for a deep one.
    /// </summary>
    private static readonly HashSet<string> NotCounted = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
        "rb", "rt", "rtc", "rp",
    };

    /// <summary>
    /// The page's DOM without what never becomes text. Throws <see cref="SourceUnreadableException"/>
    /// when the page keeps more than <see cref="MaxOpenElements"/> elements open.
    /// </summary>
    public static IHtmlDocument Parse(string location, string html)
    {
        var openElements = new OpenElements(location);
        // Parsed as by a browser that runs scripts (none is run): a noscript's content is then one raw
        // text, removed with it, and not markup that can spill out of it into the page (as a <p> in a
        // <noscript> in the <head> does otherwise).
        var options = new HtmlParserOptions { IsScripting = true, OnToken = openElements.Observe };
        var document = new HtmlParser(options).ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(NeverText).ToList())
            element.Remove();
        return document;
    }

    /// <summary>
    /// A count of the elements the parser holds open, kept from the tokens as they are read: a start
    /// tag opens one, an end tag closes the latest of its name and every one opened after it, and a
    /// self-closing tag opens none inside SVG or MathML (the only places where HTML honours the slash).
    /// </summary>
    private sealed class OpenElements(string location)
    {
        private readonly List<string> names = [];
        // How many of each name are open, so an end tag of a name that is not open (a page can hold
        // millions) costs no search of the open ones.
        private readonly Dictionary<string, int> openByName = new(StringComparer.Ordinal);
        private int foreignElements;

        public void Observe(HtmlToken token, TextRange range)
        {
            if (token.Type == HtmlTokenType.StartTag)
                Open(token.AsTag());
            else if (token.Type == HtmlTokenType.EndTag)
                Close(token.Name);
        }

        private void Open(HtmlTagToken tag)
        {
            if (NotCounted.Contains(tag.Name) || (tag.IsSelfClosing && foreignElements > 0))
                return;
            names.Add(tag.Name);
            openByName[tag.Name] = openByName.GetValueOrDefault(tag.Name) + 1;
            if (IsForeignRoot(tag.Name))
                foreignElements++;
            if (names.Count > MaxOpenElements)
                throw new SourceUnreadableException(location,
                    $"the page keeps more than {MaxOpenElements} elements open at once; it is not read");
        }

        private void Close(string name)
        {
            if (openByName.GetValueOrDefault(name) == 0)
                return;
            var index = names.LastIndexOf(name);
            for (var closed = index; closed < names.Count; closed++)
            {
                openByName[names[closed]]--;
                if (IsForeignRoot(names[closed]))
                    foreignElements--;
            }
            names.RemoveRange(index, names.Count - index);
        }

        private static bool IsForeignRoot(string name) => name is "svg" or "math";
    }
}
