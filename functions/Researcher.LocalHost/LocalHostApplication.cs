namespace Researcher.LocalHost;

/// <summary>Builds the local host's web application; <c>researcher serve</c> runs it and the tests start it on a free port.</summary>
public static class LocalHostApplication
{
    /// <summary>
    /// The configured application listening on <paramref name="urls"/>. <paramref name="configurationArgs"/>
    /// are command-line configuration settings (<c>--Section:Key=value</c>), read after appsettings.json and
    /// the environment variables, so they take precedence over both. <paramref name="configure"/> runs after
    /// the host's own registrations, so its configuration and services take precedence over everything.
    /// </summary>
    public static WebApplication Create(
        IReadOnlyList<string> urls, Action<WebApplicationBuilder>? configure = null, IReadOnlyList<string>? configurationArgs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs?.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls([.. urls]);
        builder.AddLocalHost();
        configure?.Invoke(builder);
        return builder.Build().UseLocalHost();
    }
}
