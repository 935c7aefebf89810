using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Web;

/// <summary>Reads one web page for the research; see <see cref="SafeHttpFetcher"/>.</summary>
public interface IWebFetcher
{
    /// <summary>
    /// Reads <paramref name="url"/>, following redirects. Throws <see cref="FetchRefusedException"/>
    /// when the URL may not or could not be read, and <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>
/// Reads web pages named by search results, pages and redirects, none of which the service controls,
/// without letting them reach anything but the public internet (server-side request forgery), and
/// within bounds of size, time and content type set by <see cref="WebFetchOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every hop is checked before it is sent: http or https only, no user information, and an IP
/// literal host (in whatever notation <see cref="Uri"/> accepts and normalises: decimal, octal, hex,
/// short) must pass <see cref="AddressPolicy"/>. Redirects are followed here, not by the handler, so
/// each target goes through the same checks.
/// </para>
/// <para>
/// Names are resolved by the connection itself (<see cref="SocketsHttpHandler.ConnectCallback"/>):
/// the connection is refused when any address the name resolves to is refused, and the socket is
/// connected to an address just checked, never to a second lookup's answer, so a name that changes
/// its answer between check and use (DNS rebinding) gains nothing. No proxy is used (it would do its
/// own lookup), and HTTP/3 is never asked for (QUIC connections do not pass through the callback).
/// </para>
/// <para>
/// <see cref="WebFetchOptions.AllowedHosts"/> lets named private hosts (a self-hosted SearXNG, say)
/// through. A host allowed by name or host:port is not checked at all; a network allows the
/// addresses in it for any host.
/// </para>
/// </remarks>
public sealed class SafeHttpFetcher : IWebFetcher, IDisposable
{
    private static readonly HashSet<HttpStatusCode> RedirectStatuses =
    [
        HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther,
        HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect,
    ];

    private readonly WebFetchOptions options;
    private readonly AllowedHost[] allowedHosts;
    private readonly Func<string, CancellationToken, ValueTask<IPAddress[]>> resolveHost;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> connect;
    private readonly HttpClient client;

    /// <summary>A fetcher that resolves names with the system's resolver.</summary>
    public SafeHttpFetcher(IOptions<WebFetchOptions> options)
        : this(options, ResolveWithSystemAsync)
    {
    }

    /// <summary>A fetcher that resolves host names with <paramref name="resolveHost"/> (tests give fixed answers).</summary>
    public SafeHttpFetcher(IOptions<WebFetchOptions> options, Func<string, CancellationToken, ValueTask<IPAddress[]>> resolveHost)
        : this(options, resolveHost, ConnectSocketAsync)
    {
    }

    /// <summary>A fetcher that also opens its connections with <paramref name="connect"/> (tests watch where it connects).</summary>
    internal SafeHttpFetcher(
        IOptions<WebFetchOptions> options,
        Func<string, CancellationToken, ValueTask<IPAddress[]>> resolveHost,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>> connect)
    {
        this.options = options.Value;
        this.resolveHost = resolveHost;
        this.connect = connect;
        allowedHosts = [.. this.options.AllowedHosts.Select(ParseAllowedHost)];
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = this.options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                CheckBeforeSending(current);
                using var response = await SendAsync(current, deadline.Token);
                if (RedirectStatuses.Contains(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (redirects == options.MaxRedirects)
                        throw new FetchRefusedException(FetchRefusalReason.TooManyRedirects,
                            $"{current.Host} redirected more than {options.MaxRedirects} times; the page is not read.");
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }
                return await ReadAsync(url, current, response, redirects, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchRefusedException(FetchRefusalReason.Timeout,
                $"{current.Host} did not answer within {options.Timeout.TotalSeconds:0.#} seconds.");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            if (FindRefusal(exception) is { } refusal)
                throw refusal;
            throw new FetchRefusedException(FetchRefusalReason.Unreachable, $"{current.Host} could not be read: the connection failed.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", string.Join(", ", options.EffectiveContentTypes));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<FetchResult> ReadAsync(Uri requested, Uri final, HttpResponseMessage response, int redirects, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new FetchRefusedException(FetchRefusalReason.HttpStatus,
                $"{final.Host} answered HTTP {(int)response.StatusCode}.", response.StatusCode);

        var contentType = response.Content.Headers.ContentType;
        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        if (mediaType is null || !IsAllowedContentType(mediaType))
            throw new FetchRefusedException(FetchRefusalReason.ContentType,
                mediaType is null
                    ? $"{final.Host} did not say what its content is; it is not read."
                    : $"{final.Host} sent {mediaType}, which is not read.");

        var content = await ReadBodyAsync(final, response.Content, cancellationToken);
        if (!IsTextual(mediaType))
            return new FetchResult(requested, final, response.StatusCode, mediaType, null, content, null, redirects);
        var (text, encoding) = WebTextDecoding.Decode(content, contentType!.CharSet, isHtml: mediaType is "text/html" or "application/xhtml+xml");
        return new FetchResult(requested, final, response.StatusCode, mediaType, encoding.WebName, content, text, redirects);
    }

    private async Task<byte[]> ReadBodyAsync(Uri url, HttpContent content, CancellationToken cancellationToken)
    {
        var limit = options.MaxResponseBytes;
        if (content.Headers.ContentLength is { } declared && declared > limit)
            throw TooLarge(url);
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        using var received = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (received.Length + read > limit)
                throw TooLarge(url);
            received.Write(chunk, 0, read);
        }
        return received.ToArray();
    }

    private FetchRefusedException TooLarge(Uri url) =>
        new(FetchRefusalReason.TooLarge, $"{url.Host} sent more than {options.MaxResponseBytes} bytes; the page is not read.");

    private bool IsAllowedContentType(string mediaType) =>
        options.EffectiveContentTypes.Any(allowed =>
            allowed.EndsWith("/*", StringComparison.Ordinal)
                ? mediaType.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(allowed, mediaType, StringComparison.OrdinalIgnoreCase));

    private static bool IsTextual(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType is "application/json" or "application/xml" or "application/javascript"
        || mediaType.EndsWith("+xml", StringComparison.Ordinal)
        || mediaType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>The checks a URL passes before anything is sent: scheme, credentials, and the address when the host is an IP literal.</summary>
    private void CheckBeforeSending(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new FetchRefusedException(FetchRefusalReason.Scheme,
                url.IsAbsoluteUri
                    ? $"A {url.Scheme}: URL is not read; only http and https are."
                    : "A relative URL is not read; only absolute http and https URLs are.");
        if (url.UserInfo.Length > 0)
            throw new FetchRefusedException(FetchRefusalReason.Credentials,
                $"The URL for {url.Host} carries a user name or password; it is not read.");
        if (LiteralAddress(url.DnsSafeHost) is { } literal)
            CheckAddresses(url.Host, url.Port, [literal]);
    }

    /// <summary>
    /// The address a host names when it is an IP literal: bracketed or not, and with a trailing dot,
    /// which <see cref="Uri"/> takes for a DNS name but a resolver reads as the address itself.
    /// </summary>
    private static IPAddress? LiteralAddress(string host) =>
        IPAddress.TryParse(host.Trim('[', ']').TrimEnd('.'), out var literal) ? literal : null;

    /// <summary>Opens a connection for the handler: resolves the name, checks every address, connects to a checked one.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = LiteralAddress(host) is { } literal ? [literal] : await ResolveAsync(host, cancellationToken);
        CheckAddresses(host, port, addresses);
        foreach (var address in addresses)
        {
            try
            {
                return await connect(new IPEndPoint(address, port), cancellationToken);
            }
            catch (SocketException)
            {
                // Try the next address; the last failure becomes Unreachable below.
            }
        }
        throw new FetchRefusedException(FetchRefusalReason.Unreachable, $"{host} could not be reached.");
    }

    private async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolveHost(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new FetchRefusedException(FetchRefusalReason.Unreachable, $"The name {host} does not resolve.");
        }
        if (addresses.Length == 0)
            throw new FetchRefusedException(FetchRefusalReason.Unreachable, $"The name {host} does not resolve.");
        return addresses;
    }

    /// <summary>Refuses unless the host is allowed by name, or every address is public or in an allowed network.</summary>
    private void CheckAddresses(string host, int port, IReadOnlyList<IPAddress> addresses)
    {
        if (allowedHosts.Any(allowed => allowed.Names(host, port)))
            return;
        foreach (var address in addresses)
        {
            if (AddressPolicy.RefusalOf(address) is { } refusal && !allowedHosts.Any(allowed => allowed.Holds(address)))
                throw new FetchRefusedException(FetchRefusalReason.BlockedAddress,
                    LiteralAddress(host) is not null
                        ? $"{host} is {refusal}; only public addresses are read."
                        : $"{host} resolves to {refusal}; only public addresses are read.");
        }
    }

    private static FetchRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is FetchRefusedException refusal)
                return refusal;
        }
        return null;
    }

    private static AllowedHost ParseAllowedHost(string entry) =>
        AllowedHost.TryParse(entry, out var allowed)
            ? allowed
            : throw new ArgumentException($"'{entry}' in {nameof(WebFetchOptions.AllowedHosts)} is not a host name, host:port or CIDR network.");

    private static ValueTask<IPAddress[]> ResolveWithSystemAsync(string host, CancellationToken cancellationToken) =>
        new(Dns.GetHostAddressesAsync(host, cancellationToken));

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => client.Dispose();
}
