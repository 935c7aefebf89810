using Microsoft.Extensions.Options;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Support;

internal static class LoopbackFetcher
{
    /// <summary>The SSRF-safe fetcher with default limits, allowed to reach <paramref name="server"/> (a loopback address it otherwise refuses).</summary>
    public static SafeHttpFetcher For(LoopbackHttpServer server) =>
        new(Options.Create(new WebFetchOptions { AllowedHosts = [server.BaseAddress.Authority] }));
}
