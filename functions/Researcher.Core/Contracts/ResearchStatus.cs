namespace Researcher.Core.Contracts;

/// <summary>Where a research is in its life. Final states: Completed, Failed, Cancelled.</summary>
public enum ResearchRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

public static class ResearchRuntimeStatusExtensions
{
    public static bool IsFinal(this ResearchRuntimeStatus status) =>
        status is ResearchRuntimeStatus.Completed or ResearchRuntimeStatus.Failed or ResearchRuntimeStatus.Cancelled;
}

/// <summary>The short status a running workflow publishes (Durable custom status): kept well under 16 KB.</summary>
public sealed record ResearchProgress(int Percent, string Step, string Message)
{
    /// <summary>What the research has spent on models so far (as of the steps that ended).</summary>
    public ResearchUsage? Usage { get; init; }
}

/// <summary>Where a client finds everything about one research.</summary>
public sealed record ResearchLinks(string Status, string Events, string Report, string Cancel)
{
    public static ResearchLinks For(string researchId)
    {
        var root = $"/api/research/{researchId}";
        return new ResearchLinks(root, $"{root}/events", $"{root}/report", $"{root}/cancel");
    }
}

/// <summary>The 202 answer to <c>POST /api/research</c>.</summary>
public sealed record ResearchAccepted(string Id, ResearchRuntimeStatus Status, ResearchLinks Links);

/// <summary>The answer to <c>GET /api/research/{id}</c>.</summary>
public sealed record ResearchStatusResponse(
    string Id,
    string Question,
    string ReportType,
    ResearchRuntimeStatus Status,
    int Percent,
    string? CurrentStep,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    string? Failure,
    ResearchLinks Links)
{
    /// <summary>What the research spent on language models, against its budget; null when it ran without one.</summary>
    public ResearchSpending? Spending { get; init; }
}

/// <summary>The answer to <c>GET /api/research/{id}/events?after=N</c>.</summary>
public sealed record ResearchEventsResponse(string Id, IReadOnlyList<Progress.ProgressEvent> Events, long LastSequence);
