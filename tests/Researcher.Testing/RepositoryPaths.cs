namespace Researcher.Testing;

/// <summary>Where things are in the repository, found from the test binaries by walking up to Researcher.sln.</summary>
public static class RepositoryPaths
{
    public const string SolutionFileName = "Researcher.sln";

    private static readonly Lazy<string> root = new(FindRoot);

    /// <summary>The repository root (the folder holding Researcher.sln).</summary>
    public static string Root => root.Value;

    /// <summary>The Azurite launcher npm installs at the root (<c>npm ci</c>).</summary>
    public static string AzuriteLauncher => Path.Combine(Root, "node_modules", ".bin", "azurite");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No {SolutionFileName} was found above {AppContext.BaseDirectory}.");
    }
}
