using System.Diagnostics;
using Researcher.Core.Search;
using Researcher.Testing;

namespace Researcher.Quality;

/// <summary>
/// Runs the offline engine (default options unless <c>engineOptions</c> change them) over a question set: builds the index, then for each
/// question searches it on its own (for hit@5 and the reciprocal rank) and researches it (the kind
/// of research <see cref="ResearchShape"/> says), and scores the report. Rows are printed as questions finish.
/// </summary>
public static class QualityBenchmark
{
    public static async Task<BenchmarkResults> RunAsync(
        string questionsFile, QuestionSet set, string documentsFolder, ResearchShape shape, OfflineEngineOptions engineOptions, TextWriter output, TextWriter log)
    {
        var table = new ResultsTable(output);
        table.Header(questionsFile, documentsFolder, set.Questions.Count, shape);
        using var engine = new OfflineEngine(documentsFolder, engineOptions, new TextLogger<LocalDocumentIndex>(log));

        var indexBuild = Stopwatch.StartNew();
        await engine.BuildIndexAsync();
        indexBuild.Stop();

        var scores = new List<QuestionScore>();
        var researching = TimeSpan.Zero;
        foreach (var question in set.Questions)
        {
            var hitResults = await engine.SearchAsync(question.Question, QuestionScore.HitDepth);
            var rankResults = await engine.SearchAsync(question.Question, QuestionScore.RankDepth);
            var research = Stopwatch.StartNew();
            var run = await engine.RunAsync(shape.RequestFor(question.Question));
            research.Stop();
            researching += research.Elapsed;

            var score = QuestionScore.Of(question, hitResults, rankResults, run, research.Elapsed);
            scores.Add(score);
            table.Row(scores.Count, score);
        }

        var results = new BenchmarkResults(questionsFile, set.Corpus, documentsFolder, BenchmarkTotals.Of(scores),
            new BenchmarkTimings(indexBuild.Elapsed.TotalSeconds, researching.TotalSeconds), scores);
        table.Totals(results.Totals, results.Timings);
        table.Misses(scores);
        return results;
    }
}
