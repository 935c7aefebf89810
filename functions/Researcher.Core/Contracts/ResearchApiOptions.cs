using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Contracts;

/// <summary>Limits of the research HTTP API, the same in both hosts. Bound from <c>Research:Api</c>.</summary>
public sealed class ResearchApiOptions
{
    public const string SectionName = "Research:Api";

    /// <summary>Most events one <c>GET /api/research/{id}/events</c> returns; a larger <c>limit</c> is capped to it.</summary>
    [Range(1, 1_000)]
    public int MaxEventsPerPage { get; set; } = 500;

    /// <summary>The Retry-After a client gets while a report is not written yet, or while the queue is full.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 2;
}
