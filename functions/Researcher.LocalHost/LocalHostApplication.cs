namespace Researcher.LocalHost;

/// <summary>Builds the local host's web application; <c>researcher serve</c> runs it and the tests start it on a free port.</summary>
public static class LocalHostApplication
{
    /// <summary>
    /// The configured application listening on <paramref name="urls"/>. <paramref name="configure"/>
    /// runs after the host's own registrations, so its configuration and services take precedence.
    /// </summary>
    public static WebApplication Create(IReadOnlyList<string> urls, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. urls]);
        builder.AddLocalHost();
        configure?.Invoke(builder);
        return builder.Build().UseLocalHost();
    }
}
