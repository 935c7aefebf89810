using System.Globalization;

namespace Researcher.Quality;

/// <summary>Prints a benchmark as a table, one row per question as it is scored, then the totals and the timings.</summary>
public sealed class ResultsTable(TextWriter output)
{
    private const int QuestionWidth = 48;

    public void Header(string questionsFile, string documentsFolder, int questionCount, ResearchShape shape)
    {
        output.WriteLine($"Questions: {questionsFile} ({questionCount})");
        output.WriteLine($"Documents: {documentsFolder}");
        output.WriteLine($"Research: {shape}");
        output.WriteLine();
        output.WriteLine($"{"#",3}  {"question",-QuestionWidth}  hit@5  RR@10  cited  fact  summary  cite-err  seconds");
    }

    public void Row(int number, QuestionScore score) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{number,3}  {Shorten(score.Question),-QuestionWidth}  {Mark(score.HitAt5),-5}  {score.ReciprocalRank,5:0.00}  " +
        $"{Mark(score.CitedSourceHit),-5}  {Mark(score.FactInReport is not null),-4}  {Mark(score.FactInSummary is not null),-7}  " +
        $"{score.CitationErrors,8}  {score.ResearchSeconds,7:0.00}"));

    public void Totals(BenchmarkTotals totals, BenchmarkTimings timings)
    {
        output.WriteLine();
        output.WriteLine(totals);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index build {timings.IndexBuildSeconds:0.00} s  research runs {timings.ResearchSeconds:0.00} s " +
            $"({timings.ResearchSeconds / Math.Max(1, totals.Questions):0.00} s per question)"));
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
