using System.Diagnostics;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Build;

/// <summary>A facade build must never be deployable: publishing it fails before producing output.</summary>
public sealed class FacadePublishTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("researcher-facade-publish-").FullName;

    [Fact]
    public async Task Publishing_the_facade_build_is_refused()
    {
        var output = Path.Combine(scratch, "publish");
        var project = Path.Combine(RepositoryPaths.Root, "functions", "Researcher.Functions", "Researcher.Functions.csproj");
        // Its own artifacts folder keeps this publish out of the obj/ and bin/ folders that a
        // concurrent build of the repository is using.
        var (exitCode, log) = await RunDotnetAsync(
            "publish", project, "-p:FunctionsFacade=true", "-o", output,
            "--artifacts-path", Path.Combine(scratch, "artifacts"), "--nologo");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("facade build: not deployable", log);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "publish produced output");
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static async Task<(int ExitCode, string Log)> RunDotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's MSBuild variables would leak into the child build otherwise.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
