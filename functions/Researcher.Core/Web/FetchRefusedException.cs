using System.Net;

namespace Researcher.Core.Web;

/// <summary>Why <see cref="SafeHttpFetcher"/> refused or failed to read a URL.</summary>
public enum FetchRefusalReason
{
    /// <summary>The URL (or a redirect) is not http or https.</summary>
    Scheme,
    /// <summary>The URL (or a redirect) carries a user name or password.</summary>
    Credentials,
    /// <summary>The host is, or resolves to, an address that is not on the public internet.</summary>
    BlockedAddress,
    /// <summary>More redirects than <see cref="WebFetchOptions.MaxRedirects"/>.</summary>
    TooManyRedirects,
    /// <summary>The body is longer than <see cref="WebFetchOptions.MaxResponseBytes"/>.</summary>
    TooLarge,
    /// <summary>The fetch took longer than <see cref="WebFetchOptions.Timeout"/>.</summary>
    Timeout,
    /// <summary>The content type is missing or not in <see cref="WebFetchOptions.AllowedContentTypes"/>.</summary>
    ContentType,
    /// <summary>The final answer is not a success (2xx), a redirect without a Location included; see <see cref="FetchRefusedException.StatusCode"/>.</summary>
    HttpStatus,
    /// <summary>The host's name did not resolve, or no connection or answer could be had.</summary>
    Unreachable,
}

/// <summary>
/// A URL the web reader would not or could not read. The message says which host and why in words
/// of this service; it never carries an inner exception's text (which may name internal addresses
/// or paths), so it can be shown to the person who asked the question.
/// </summary>
public sealed class FetchRefusedException : Exception
{
    public FetchRefusedException(FetchRefusalReason reason, string message, HttpStatusCode? statusCode = null)
        : base(message)
    {
        Reason = reason;
        StatusCode = statusCode;
    }

    /// <summary>Why the URL was not read.</summary>
    public FetchRefusalReason Reason { get; }

    /// <summary>
    /// The final answer's status when <see cref="Reason"/> is <see cref="FetchRefusalReason.HttpStatus"/>
    /// (429 and 5xx may be worth a retry later), otherwise null.
    /// </summary>
    public HttpStatusCode? StatusCode { get; }
}
