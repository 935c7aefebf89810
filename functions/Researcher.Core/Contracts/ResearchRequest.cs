namespace Researcher.Core.Contracts;

/// <summary>The body of <c>POST /api/research</c> as it arrives; every field is checked by <see cref="ResearchRequestReader"/>.</summary>
public sealed record ResearchRequest(
    string? Question,
    string? ReportType = null,
    int? MaxSubQuestions = null,
    int? MaxSourcesPerSubQuestion = null);

/// <summary>A validated research request: what the workflow runs.</summary>
public sealed record ResearchSpec(
    string Question,
    ReportType ReportType,
    int MaxSubQuestions,
    int MaxSourcesPerSubQuestion,
    int MaxPassagesPerSubQuestion,
    int MaxPassageCharactersPerSubQuestion);
