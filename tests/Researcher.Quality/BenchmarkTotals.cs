using System.Globalization;

namespace Researcher.Quality;

/// <summary>
/// The totals of some questions of a run: counts of questions that pass each check, the mean
/// reciprocal rank, all citation errors, and the wall time of their research runs.
/// </summary>
public sealed record BenchmarkTotals(
    int Questions, int HitAt5, double MeanReciprocalRank, int SearchedSource, int CitedSource, int FactInEvidence, int Fact, int FactInSummary, int CitationErrors,
    double ResearchSeconds)
{
    public static BenchmarkTotals Of(IReadOnlyList<QuestionScore> scores) => new(
        scores.Count,
        scores.Count(s => s.HitAt5),
        scores.Count == 0 ? 0 : scores.Average(s => s.ReciprocalRank),
        scores.Count(s => s.SearchedSourceHit),
        scores.Count(s => s.CitedSourceHit),
        scores.Count(s => s.FactInEvidence is not null),
        scores.Count(s => s.FactInReport is not null),
        scores.Count(s => s.FactInSummary is not null),
        scores.Sum(s => s.CitationErrors),
        scores.Sum(s => s.ResearchSeconds));

    /// <summary>The totals of each split the scores hold, in <see cref="QuestionSplits.Names"/> order (splits without questions left out).</summary>
    public static IReadOnlyList<SplitTotals> BySplit(IReadOnlyList<QuestionScore> scores) =>
        QuestionSplits.Names
            .Select(split => (Split: split, Scores: scores.Where(s => s.Split == split).ToList()))
            .Where(group => group.Scores.Count > 0)
            .Select(group => new SplitTotals(group.Split, Of(group.Scores)))
            .ToList();

    /// <summary>One line, e.g. <c>hit@5 14/20  MRR@10 0.61  searched-source 17/20  cited-source 15/20  fact-in-evidence 14/20  fact 12/20  fact-in-summary 8/20  citation-errors 0</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"hit@5 {HitAt5}/{Questions}  MRR@10 {MeanReciprocalRank:0.00}  searched-source {SearchedSource}/{Questions}  " +
        $"cited-source {CitedSource}/{Questions}  fact-in-evidence {FactInEvidence}/{Questions}  fact {Fact}/{Questions}  fact-in-summary {FactInSummary}/{Questions}  citation-errors {CitationErrors}");
}

/// <summary>The totals of one split's questions (<see cref="QuestionSplits"/>).</summary>
public sealed record SplitTotals(string Split, BenchmarkTotals Totals);
