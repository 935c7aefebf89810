namespace Researcher.LocalHost.Cli;

/// <summary>What the <c>researcher</c> process returns.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The research ran and failed (the reason is on stderr).</summary>
    public const int ResearchFailed = 1;

    /// <summary>The command line, the question or the configuration is not valid (the reason is on stderr).</summary>
    public const int InvalidInput = 2;

    /// <summary>The storage the engine keeps researches in cannot be reached (the reason is on stderr).</summary>
    public const int StorageUnavailable = 3;

    /// <summary>The research was interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
