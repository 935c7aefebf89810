using Researcher.Core.Search;
using Researcher.Testing;

namespace Researcher.Quality;

/// <summary>
/// How one question fared: whether its own search returned an expected source among 5 results
/// (<see cref="HitAt5"/>) and where it ranked the first one among 10, whether the research
/// searched and cited one, which expected fact the evidence handed to the writer holds (its
/// passages: a fact missing there was lost by the search or the passage selection, one there but
/// not in the report by the writer), which the report and its summary state, and how many
/// citations do not resolve. The rest (plan, cited sources, summary, report) is kept for tuning.
/// <see cref="Split"/> is the question's half of its set (<see cref="QuestionSplits"/>).
/// </summary>
public sealed record QuestionScore(
    string Question,
    string Split,
    bool HitAt5,
    IReadOnlyList<string> TopResults,
    int? FirstExpectedRank,
    bool SearchedSourceHit,
    bool CitedSourceHit,
    string? FactInEvidence,
    string? FactInReport,
    string? FactInSummary,
    int CitationErrors,
    IReadOnlyList<string> SubQuestions,
    IReadOnlyList<string> CitedSources,
    string Summary,
    double ResearchSeconds,
    string Report)
{
    /// <summary>Results asked of the question's own search for <see cref="HitAt5"/>.</summary>
    public const int HitDepth = 5;

    /// <summary>Results asked of the question's own search for <see cref="FirstExpectedRank"/> and <see cref="ReciprocalRank"/>.</summary>
    public const int RankDepth = 10;

    public double ReciprocalRank => FirstExpectedRank is { } rank ? 1.0 / rank : 0;

    /// <summary>
    /// Scores one research; <paramref name="hitResults"/> and <paramref name="rankResults"/> are the
    /// question's own search for <see cref="HitDepth"/> and <see cref="RankDepth"/> results.
    /// </summary>
    public static QuestionScore Of(BenchmarkQuestion question, IReadOnlyList<SearchHit> hitResults, IReadOnlyList<SearchHit> rankResults,
        EngineRun run, TimeSpan elapsed)
    {
        var ranked = rankResults.Select(hit => hit.Location).ToList();
        var report = ReportAnatomy.Parse(run.Report.Markdown);
        var cited = report.Sources.Select(s => s.Location).ToList();
        return new QuestionScore(
            question.Question,
            question.Split,
            SourcePaths.AnyExpected(hitResults.Select(hit => hit.Location), question.ExpectedSources),
            ranked,
            SourcePaths.FirstExpectedRank(ranked, question.ExpectedSources),
            SourcePaths.AnyExpected(run.SearchedLocations, question.ExpectedSources),
            SourcePaths.AnyExpected(cited, question.ExpectedSources),
            FirstStated(question.ExpectedFacts, string.Join("\n", run.Draft.Sections.SelectMany(set => set.Passages).Select(p => p.Text))),
            FirstStated(question.ExpectedFacts, report.Prose),
            FirstStated(question.ExpectedFacts, report.Summary),
            report.UnresolvedCitations,
            run.Plan.SubQuestions.Select(q => q.Text).ToList(),
            cited,
            report.Summary,
            elapsed.TotalSeconds,
            run.Report.Markdown);
    }

    private static string? FirstStated(IReadOnlyList<string> facts, string text) =>
        facts.FirstOrDefault(fact => text.Contains(fact, StringComparison.OrdinalIgnoreCase));
}
