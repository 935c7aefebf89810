namespace Researcher.LocalHost.Api;

/// <summary>
/// Headers on every response: no MIME sniffing, no framing, no referrer, and a strict content
/// security policy that lets the page load only its own scripts, styles and API calls.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Sets the headers as the response starts, whatever produced it: an endpoint, the status-code
    /// pages, or the exception handler after it has cleared the response of a failed request. Only a
    /// request Kestrel itself rejects before the pipeline runs (a malformed request line or headers) goes without them.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
