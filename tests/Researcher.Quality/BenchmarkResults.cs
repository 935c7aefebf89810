namespace Researcher.Quality;

/// <summary>Wall-clock times of a benchmark: building the index, and all research runs together (the scoring searches excluded).</summary>
public sealed record BenchmarkTimings(double IndexBuildSeconds, double ResearchSeconds);

/// <summary>
/// Everything a benchmark run measured, as written by <c>--out</c>: <see cref="Split"/> is the
/// <c>--split</c> the run was limited to, <see cref="Totals"/> are those of every question run and
/// <see cref="SplitTotals"/> those of each split among them.
/// </summary>
public sealed record BenchmarkResults(
    string QuestionsFile,
    string Corpus,
    string DocumentsFolder,
    string Split,
    BenchmarkTotals Totals,
    IReadOnlyList<SplitTotals> SplitTotals,
    BenchmarkTimings Timings,
    IReadOnlyList<QuestionScore> Questions)
{
    /// <summary>The set's name for a table ("python-docs"), from its file name.</summary>
    public string SetName => QuestionSet.NameOf(QuestionsFile);

    /// <summary>
    /// The rows of a results table: one per split run, then, when the run holds both splits, the
    /// whole run. A split's row is labelled "python-docs (tuning, 20)", the whole run's "python-docs (40)".
    /// </summary>
    public IReadOnlyList<(string Label, BenchmarkTotals Totals)> TotalsRows()
    {
        var rows = SplitTotals
            .Select(s => ($"{SetName} ({QuestionSplits.Label(s.Split)}, {s.Totals.Questions})", s.Totals))
            .ToList();
        if (SplitTotals.Count > 1) rows.Add(($"{SetName} ({Totals.Questions})", Totals));
        return rows;
    }
}
