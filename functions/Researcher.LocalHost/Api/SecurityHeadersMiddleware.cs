using Researcher.Core.Api;
using Researcher.LocalHost.Live;

namespace Researcher.LocalHost.Api;

/// <summary>Core's <see cref="SecurityHeaders"/> on every response of the local host.</summary>
public static class SecurityHeadersMiddleware
{
    /// <summary>
    /// Sets the headers as the response starts, whatever produced it: an endpoint, the status-code
    /// pages, or the exception handler after it has cleared the response of a failed request. Only a
    /// request Kestrel itself rejects before the pipeline runs (a malformed request line or headers) goes without them.
    /// The policy lets the browser connect to Azure SignalR Service when <see cref="LiveProgressServices.AzureSignalRConnectionStringKey"/> is set.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var securityHeaders = new SecurityHeaders(configuration[LiveProgressServices.AzureSignalRConnectionStringKey]);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var (headers, all) = ((IHeaderDictionary, IReadOnlyList<KeyValuePair<string, string>>))state;
                foreach (var (name, value) in all)
                    headers[name] = value;
                return Task.CompletedTask;
            }, (context.Response.Headers, securityHeaders.All));
            return next(context);
        });
    }
}
