using System.Net;
using System.Text;
using Researcher.Core.Reading;

namespace Researcher.Core.Web;

/// <summary>
/// Reads a web page a search result names (an absolute http or https URL) through the SSRF-safe
/// <see cref="IWebFetcher"/>, and extracts its text: an HTML page's main text through
/// <see cref="MainTextExtractor"/>, any other page (Markdown, plain text, PDF) with the parser of its
/// media type, the same parsers the documents folder uses. The location of the
/// document read is the canonical form of the URL that answered, so redirects and tracking
/// parameters do not make one page two sources.
/// </summary>
/// <remarks>
/// What trying again cannot change (a refused address, a page too large, a type that is not read, a
/// 404) is a <see cref="SourceUnreadableException"/>; a timeout, an unreachable host, 408, 429 and
/// 5xx answers are <see cref="WebPageUnavailableException"/>, which the engine retries as transient.
/// </remarks>
public sealed class WebPageReader(IWebFetcher fetcher) : ISourceReader
{
    private static readonly MainTextExtractor Extractor = new();

    public async Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken)
    {
        if (!IsWebLocation(location, out var url))
            throw new SourceUnreadableException(location, "the location is not an http or https URL");

        FetchResult page;
        try
        {
            page = await fetcher.FetchAsync(url, cancellationToken);
        }
        catch (FetchRefusedException refused) when (IsTransient(refused))
        {
            throw new WebPageUnavailableException(refused.Message);
        }
        catch (FetchRefusedException refused)
        {
            throw new SourceUnreadableException(location, refused.Message);
        }

        var parser = DocumentParsers.ForMediaType(page.MediaType)
            ?? throw new SourceUnreadableException(location, $"{page.MediaType} pages are not read");
        var canonical = CanonicalUrls.Of(page.FinalUrl);
        if (page.MediaType is "text/html" or "application/xhtml+xml" && page.Text is { } html)
            return Extractor.Extract(canonical.AbsoluteUri, html, FallbackTitle(canonical)).Document;
        // The parsers decode UTF-8: a textual page goes to them as the text the fetcher decoded with its charset.
        var content = page.Text is { } text ? Encoding.UTF8.GetBytes(text) : page.Content;
        return parser.Parse(canonical.AbsoluteUri, content, FallbackTitle(canonical));
    }

    /// <summary>True when <paramref name="location"/> is an absolute http or https URL (what web search results name).</summary>
    public static bool IsWebLocation(string location, out Uri url) =>
        Uri.TryCreate(location, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static bool IsTransient(FetchRefusedException refused) => refused.Reason switch
    {
        FetchRefusalReason.Timeout or FetchRefusalReason.Unreachable => true,
        FetchRefusalReason.HttpStatus => refused.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int?)refused.StatusCode >= 500,
        _ => false,
    };

    /// <summary>The host and the last path segment, for a page that names no title.</summary>
    private static string FallbackTitle(Uri url)
    {
        var lastSegment = url.Segments.LastOrDefault()?.Trim('/') ?? "";
        return lastSegment.Length == 0 ? url.Host : $"{url.Host}: {Uri.UnescapeDataString(lastSegment)}";
    }
}

/// <summary>A web page could not be read this time (timeout, unreachable, 408, 429, 5xx); a later attempt may succeed.</summary>
public sealed class WebPageUnavailableException(string message) : Exception(message);

/// <summary>
/// The reader of a research whose search may return web pages and local documents alike (hybrid
/// search): http and https locations go to the web reader, every other location to the documents folder's.
/// </summary>
public sealed class WebOrLocalSourceReader(WebPageReader web, LocalDocumentReader local) : ISourceReader
{
    public Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken) =>
        WebPageReader.IsWebLocation(location, out _) ? web.ReadAsync(location, cancellationToken) : local.ReadAsync(location, cancellationToken);
}
