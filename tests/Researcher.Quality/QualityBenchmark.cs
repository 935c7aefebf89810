using System.Diagnostics;
using Researcher.Core.Search;
using Researcher.Testing;

namespace Researcher.Quality;

/// <summary>
/// Runs the offline engine (default options unless <c>engineOptions</c> change them) over a question set: builds the index, then for each
/// question searches it on its own (for hit@5 and the reciprocal rank) and researches it (the kind
/// of research <see cref="ResearchShape"/> says), and scores the report. Rows are printed as
/// questions finish, then the totals of each split and of the whole run.
/// </summary>
public static class QualityBenchmark
{
    /// <summary>Researches every question of <paramref name="set"/> (already limited to <paramref name="split"/>).</summary>
    public static async Task<BenchmarkResults> RunAsync(
        string questionsFile, QuestionSet set, string split, string documentsFolder, ResearchShape shape, string label,
        OfflineEngineOptions engineOptions, TextWriter output, TextWriter log)
    {
        var table = new ResultsTable(output);
        table.Header(questionsFile, documentsFolder, set.Questions.Count, split, shape);
        using var engine = new OfflineEngine(documentsFolder, engineOptions, new TextLogger<LocalDocumentIndex>(log));

        var indexBuild = Stopwatch.StartNew();
        await engine.BuildIndexAsync();
        indexBuild.Stop();

        var scores = new List<QuestionScore>();
        foreach (var question in set.Questions)
        {
            var hitResults = await engine.SearchAsync(question.Question, QuestionScore.HitDepth);
            var rankResults = await engine.SearchAsync(question.Question, QuestionScore.RankDepth);
            var research = Stopwatch.StartNew();
            var run = await engine.RunAsync(shape.RequestFor(question.Question));
            research.Stop();

            var score = QuestionScore.Of(question, hitResults, rankResults, run, research.Elapsed);
            scores.Add(score);
            table.Row(scores.Count, score);
        }

        var totals = BenchmarkTotals.Of(scores);
        var results = new BenchmarkResults(questionsFile, set.Corpus, documentsFolder, split, totals, BenchmarkTotals.BySplit(scores),
            new BenchmarkTimings(indexBuild.Elapsed.TotalSeconds, totals.ResearchSeconds), scores);
        table.Totals(results);
        table.MarkdownRows(results, label, DateTime.UtcNow);
        table.Misses(scores);
        return results;
    }
}
