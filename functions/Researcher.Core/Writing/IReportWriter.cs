using Researcher.Core.Context;
using Researcher.Core.Contracts;

namespace Researcher.Core.Writing;

/// <summary>Everything a writer gets: the question, the chosen evidence per sub-question, and what went missing.</summary>
public sealed record ReportDraft(string Question, ReportType ReportType, IReadOnlyList<PassageSet> Sections, IReadOnlyList<string> Warnings)
{
    public WritingStyle Style { get; init; } = WritingStyle.Default;

    /// <summary>
    /// The notes taken per sub-question (by <see cref="Planning.SubQuestion.Key"/>, best source first).
    /// Empty without a language model; when a sub-question has an entry, the writer works from its
    /// notes (sources without notes are left out), otherwise from its passages.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SourceNotes>> Notes { get; init; } = new Dictionary<string, IReadOnlyList<SourceNotes>>();

    /// <summary>
    /// The indexes of the sections whose evidence may open the report in its summary; null: every
    /// section. A deep research's summary comes from its top-level branches, which research the
    /// question itself; the branches below them add detail under their own headings.
    /// </summary>
    public IReadOnlySet<int>? SummarySections { get; init; }

    /// <summary>The research's whole budget.</summary>
    public ResearchBudget Budget { get; init; } = ResearchBudget.Unlimited;

    /// <summary>What the research spent before writing (for the report's account of costs).</summary>
    public ResearchUsage SpentBefore { get; init; } = ResearchUsage.Zero;

    /// <summary>What the writer may spend: the budget left after gathering.</summary>
    public ResearchBudget Allowance => Budget.Minus(SpentBefore);

    /// <summary>True when gathering stopped at its budget.</summary>
    public bool BudgetReached { get; init; }

    public string Currency { get; init; } = "USD";
}

/// <summary>A source in the report's numbered list; [Number] in the text cites it.</summary>
public sealed record CitedSource(int Number, string Location, string Title);

/// <summary>A finished report: markdown whose every [n] resolves to an entry of <see cref="Sources"/>.</summary>
public sealed record WrittenReport(string Markdown, IReadOnlyList<CitedSource> Sources, int CitationCount, int WordCount);

/// <summary>Writes the report (an LLM when configured; extractively from the passages offline).</summary>
public interface IReportWriter
{
    Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken);
}
