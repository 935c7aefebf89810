using Researcher.Core.Contracts;
using Researcher.Testing;

namespace Researcher.Core.Tests.Engine;

/// <summary>
/// The <see cref="OfflineEngine"/> over the repository's docs/ folder with default options. The
/// index is built once for all tests that share this fixture.
/// </summary>
public sealed class ShippedDocsEngine : IDisposable
{
    private readonly OfflineEngine engine = new(DocsFolder);

    public static string DocsFolder => Path.Combine(RepositoryPaths.Root, "docs");

    public Task<EngineRun> RunAsync(string question, ReportType reportType = ReportType.ResearchReport) =>
        engine.RunAsync(question, reportType);

    public void Dispose() => engine.Dispose();
}
