using System.Net;

namespace Researcher.Core.Web;

/// <summary>
/// A page <see cref="SafeHttpFetcher"/> read: where it ended up after redirects, what it is, and its
/// body, as bytes always and as text too when the media type is textual.
/// </summary>
/// <param name="RequestedUrl">The URL asked for.</param>
/// <param name="FinalUrl">The URL that answered, after every redirect; cite this one.</param>
/// <param name="StatusCode">The final answer's status (a 2xx).</param>
/// <param name="MediaType">The media type without parameters, lower case, such as <c>text/html</c>.</param>
/// <param name="Charset">The name of the encoding <paramref name="Text"/> was decoded with, or null for binary content.</param>
/// <param name="Content">The body as received (after HTTP decompression); for PDF, this is what a parser reads.</param>
/// <param name="Text">The body decoded as text for textual media types (byte-order mark removed), otherwise null.</param>
/// <param name="Redirects">How many redirects were followed.</param>
public sealed record FetchResult(
    Uri RequestedUrl,
    Uri FinalUrl,
    HttpStatusCode StatusCode,
    string MediaType,
    string? Charset,
    byte[] Content,
    string? Text,
    int Redirects);
