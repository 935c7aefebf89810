using System.Globalization;

namespace Researcher.Quality;

/// <summary>
/// Prints a benchmark as a table, one row per question as it is scored, then the totals of each
/// split and of the whole run with the timings, and the same totals as rows for BENCHMARKS.md.
/// </summary>
public sealed class ResultsTable(TextWriter output)
{
    private const int QuestionWidth = 48;
    private const int SplitWidth = 8;

    public void Header(string questionsFile, string documentsFolder, int questionCount, string split, ResearchShape shape)
    {
        output.WriteLine($"Questions: {questionsFile} ({questionCount}{(split == QuestionSplits.All ? "" : $", {QuestionSplits.Label(split)} only")})");
        output.WriteLine($"Documents: {documentsFolder}");
        output.WriteLine($"Research: {shape}");
        output.WriteLine();
        output.WriteLine($"{"#",3}  {"split",-SplitWidth}  {"question",-QuestionWidth}  hit@5  RR@10  cited  evidence  fact  summary  cite-err  seconds");
    }

    public void Row(int number, QuestionScore score) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{number,3}  {QuestionSplits.Label(score.Split),-SplitWidth}  {Shorten(score.Question),-QuestionWidth}  {Mark(score.HitAt5),-5}  " +
        $"{score.ReciprocalRank,5:0.00}  {Mark(score.CitedSourceHit),-5}  {Mark(score.FactInEvidence is not null),-8}  {Mark(score.FactInReport is not null),-4}  " +
        $"{Mark(score.FactInSummary is not null),-7}  {score.CitationErrors,8}  {score.ResearchSeconds,7:0.00}"));

    /// <summary>One line of totals per row of <see cref="BenchmarkResults.TotalsRows"/>, then the timings of the whole run.</summary>
    public void Totals(BenchmarkResults results)
    {
        var rows = results.TotalsRows();
        var width = rows.Max(row => row.Label.Length);
        output.WriteLine();
        foreach (var (label, totals) in rows)
            output.WriteLine($"{label.PadRight(width)}  {totals}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index build {results.Timings.IndexBuildSeconds:0.00} s  research runs {results.Timings.ResearchSeconds:0.00} s " +
            $"({results.Timings.ResearchSeconds / Math.Max(1, results.Totals.Questions):0.00} s per question)"));
    }

    /// <summary>
    /// The same rows as BENCHMARKS.md's "Research quality" table lays them out; every row shows the
    /// one index build, and its own questions' research time.
    /// </summary>
    public void MarkdownRows(BenchmarkResults results, string label, DateTime date)
    {
        output.WriteLine();
        output.WriteLine("Rows for BENCHMARKS.md:");
        foreach (var (set, totals) in results.TotalsRows())
        {
            var n = totals.Questions;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {date:yyyy-MM-dd} | {label} | {set} | {totals.HitAt5}/{n} | {totals.MeanReciprocalRank:0.00} | {totals.SearchedSource}/{n} | " +
                $"{totals.CitedSource}/{n} | {totals.Fact}/{n} | {totals.FactInSummary}/{n} | {totals.CitationErrors} | " +
                $"{results.Timings.IndexBuildSeconds:0.0} s | {totals.ResearchSeconds:0.0} s |"));
        }
    }

    /// <summary>For each question whose report cites no expected source, what it cited instead.</summary>
    public void Misses(IReadOnlyList<QuestionScore> scores)
    {
        var misses = scores.Select((score, index) => (Score: score, Number: index + 1)).Where(m => !m.Score.CitedSourceHit).ToList();
        if (misses.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Cited instead of an expected source:");
        foreach (var (score, number) in misses)
            output.WriteLine($"{number,3}  {(score.CitedSources.Count == 0 ? "(nothing)" : string.Join(", ", score.CitedSources))}");
    }

    private static string Mark(bool passed) => passed ? "yes" : "-";

    private static string Shorten(string question) =>
        question.Length <= QuestionWidth ? question : question[..(QuestionWidth - 3)] + "...";
}
