using Researcher.Core.Context;
using Researcher.Core.Contracts;

namespace Researcher.Core.Writing;

/// <summary>Everything a writer gets: the question, the chosen evidence per sub-question, and what went missing.</summary>
public sealed record ReportDraft(string Question, ReportType ReportType, IReadOnlyList<PassageSet> Sections, IReadOnlyList<string> Warnings);

/// <summary>A source in the report's numbered list; [Number] in the text cites it.</summary>
public sealed record CitedSource(int Number, string Location, string Title);

/// <summary>A finished report: markdown whose every [n] resolves to an entry of <see cref="Sources"/>.</summary>
public sealed record WrittenReport(string Markdown, IReadOnlyList<CitedSource> Sources, int CitationCount, int WordCount);

/// <summary>Writes the report (an LLM when configured; extractively from the passages offline).</summary>
public interface IReportWriter
{
    Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken);
}
