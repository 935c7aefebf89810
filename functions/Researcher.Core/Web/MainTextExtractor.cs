using AngleSharp.Html.Dom;
using Researcher.Core.Reading;
using SmartReader;

namespace Researcher.Core.Web;

/// <summary>
/// The readable text of a fetched HTML page: SmartReader (a port of Mozilla's Readability) finds the
/// article, the main content a browser's reader view shows without navigation, sidebars, comments and
/// footers, and <see cref="HtmlDocumentParser"/> turns that article into sections, so its headings
/// still start them. The title is SmartReader's (from the page's metadata or its &lt;title&gt;, the
/// site's name left out), or the page's first h1 when it has none.
/// </summary>
/// <remarks>
/// <para>
/// The whole page goes through the parser instead (its navigation, headers and footers still left
/// out) when SmartReader finds no article by its own signals: the page is probably not an article
/// (an index, a list of links: what a browser offers no reader view for), the article it returns is
/// shorter than its <see cref="Reader.CharThreshold"/> (below which it counts its search as failed), or
/// the page has more than <see cref="MaxArticleSearchElements"/> elements.
/// </para>
/// <para>
/// SmartReader never reaches the network: it is handed the document <see cref="WebPageHtml"/> parsed
/// from the text already fetched, never a URL (from which it would fetch the page itself), and its
/// image look-ups (<see cref="Article.GetImagesAsync"/>, <see cref="Article.ConvertImagesToDataUriAsync"/>)
/// are never called.
/// </para>
/// </remarks>
internal sealed class MainTextExtractor
{
    /// <summary>
    /// Most elements a page may have for SmartReader to search it (its own <see cref="Reader.MaxElemsToParse"/>
    /// bound); a larger page is read whole. Its cleaning walks live element lists once per element it
    /// looks at, so its time grows with the square of the page: on a 2-core machine a 16 000-element
    /// documentation page takes 2 s, and pages built to be slow (5 000 linked divs, 2 400 nested lists)
    /// take 3 to 5 s at this bound.
    /// </summary>
    public const int MaxArticleSearchElements = 5_000;

    private readonly HtmlDocumentParser sections = new();

    /// <summary>
    /// The page's title and sections, from its article when SmartReader finds one, else from the whole
    /// page. Throws <see cref="SourceUnreadableException"/> when the text is binary, the page nests
    /// too deep to parse (see <see cref="WebPageHtml"/>), or it holds no text at all (a page that
    /// scripts fill in: they are not run).
    /// </summary>
    public MainText Extract(string location, string html, string fallbackTitle)
    {
        TextDecoding.RefuseBinary(location, html);
        var article = FindArticle(location, WebPageHtml.Parse(location, html));
        var read = article is null
            ? new MainText(sections.Parse(location, WebPageHtml.Parse(location, html), fallbackTitle), FromArticle: false)
            : new MainText(sections.Parse(location, ArticleDocument(location, article), fallbackTitle), FromArticle: true);
        if (read.Document.Sections.Count == 0)
            throw new SourceUnreadableException(location, "the page holds no text (what scripts would show is not read)");
        return read;
    }

    /// <summary>The article's HTML as a document titled with SmartReader's title, when it found one.</summary>
    private static IHtmlDocument ArticleDocument(string location, Article article)
    {
        var document = WebPageHtml.Parse(location, article.Content);
        if (!string.IsNullOrWhiteSpace(article.Title))
            document.Title = article.Title;
        return document;
    }

    /// <summary>SmartReader's article, or null when it finds none worth reading instead of the whole page.</summary>
    private static Article? FindArticle(string location, IHtmlDocument page)
    {
        using var reader = new Reader(location, page)
        {
            MaxElemsToParse = MaxArticleSearchElements,
            // A page its readability check rejects is read whole, without the cost of the search.
            ContinueIfNotReadable = false,
        };
        // SmartReader reports its failures (the element bound among them) in the article, never by throwing.
        var article = reader.GetArticle();
        return article.Completed && article.IsReadable && article.Length >= reader.CharThreshold ? article : null;
    }
}

/// <summary>
/// What <see cref="MainTextExtractor"/> read from a page: the document, and whether it is the article
/// SmartReader found (true) or the whole page (false).
/// </summary>
internal sealed record MainText(SourceDocument Document, bool FromArticle);
