using Researcher.Core.Contracts;

namespace Researcher.LocalHost.State;

/// <summary>What the local host knows about one research: the request, where it is, and where its report is.</summary>
public sealed record ResearchRecord(
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
    string? ReportContentName)
{
    public ResearchStatusResponse ToStatusResponse() => new(
        Id, Question, ReportType, Status, Percent, CurrentStep, Message, CreatedAt, UpdatedAt, Failure, ResearchLinks.For(Id));
}
