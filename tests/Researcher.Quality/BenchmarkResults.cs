namespace Researcher.Quality;

/// <summary>Wall-clock times of a benchmark: building the index, and all research runs together (the scoring searches excluded).</summary>
public sealed record BenchmarkTimings(double IndexBuildSeconds, double ResearchSeconds);

/// <summary>Everything a benchmark run measured, as written by <c>--out</c>.</summary>
public sealed record BenchmarkResults(
    string QuestionsFile,
    string Corpus,
    string DocumentsFolder,
    BenchmarkTotals Totals,
    BenchmarkTimings Timings,
    IReadOnlyList<QuestionScore> Questions);
