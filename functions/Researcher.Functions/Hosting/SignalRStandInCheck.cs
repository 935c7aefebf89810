using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Researcher.Functions.Hosting;

/// <summary>
/// Keeps a build made against the compile-only SignalR stand-in (eng/SignalRServiceStandIn, chosen by
/// <c>ResearcherSignalRStandIn=true</c> where the feeds lack the real package) from running: such a build
/// has no SignalR extension in the host, so its live progress would silently go nowhere.
/// </summary>
public static class SignalRStandInCheck
{
    /// <summary>The assembly metadata the stand-in carries.</summary>
    public const string MetadataKey = "Researcher.CompileOnlyStandIn";

    /// <summary>The SignalR Service extension assembly this app was built and loaded with.</summary>
    public static Assembly ExtensionAssembly => typeof(SignalROutputAttribute).Assembly;

    public static bool IsCompileOnlyStandIn(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Any(a => a.Key == MetadataKey && string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws when <paramref name="assembly"/> is the stand-in.</summary>
    public static void EnsureRealExtension(Assembly assembly)
    {
        if (IsCompileOnlyStandIn(assembly))
            throw new InvalidOperationException(
                $"This build of the Functions app used the compile-only stand-in for {assembly.GetName().Name} " +
                "(eng/SignalRServiceStandIn, ResearcherSignalRStandIn=true), which has no SignalR extension behind it " +
                "and cannot run. Build on a machine whose NuGet feeds have the real package, without ResearcherSignalRStandIn.");
    }
}
