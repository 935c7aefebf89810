using Microsoft.Extensions.Options;
using Researcher.Core.Reading;

namespace Researcher.Quality;

/// <summary>
/// Checks a question set against its documents without running the engine (<c>--check</c>): every
/// expected source must be a document the engine can read, and every expected fact must appear
/// (case-insensitive) in the text the engine reads from one of the question's expected sources,
/// outside code blocks, which reports never quote. Prints each problem and a last line of totals.
/// </summary>
public static class QuestionSetCheck
{
    /// <summary>Checks every question of <paramref name="set"/>; returns how many have a problem.</summary>
    public static async Task<int> RunAsync(string questionsFile, QuestionSet set, string documentsFolder, TextWriter output)
    {
        output.WriteLine($"Checking {questionsFile} ({set.Questions.Count}) against {documentsFolder}");
        var folder = new LocalDocumentFolder(Options.Create(new LocalDocumentsOptions { Path = documentsFolder }));
        var failing = 0;
        for (var i = 0; i < set.Questions.Count; i++)
        {
            var question = set.Questions[i];
            var problems = await ProblemsAsync(folder, question);
            if (problems.Count == 0) continue;
            failing++;
            output.WriteLine($"{i + 1,3}  {question.Question}");
            foreach (var problem in problems)
                output.WriteLine($"       {problem}");
        }
        output.WriteLine(failing == 0
            ? $"All {set.Questions.Count} questions check out."
            : $"{failing} of {set.Questions.Count} questions have problems.");
        return failing;
    }

    private static async Task<List<string>> ProblemsAsync(LocalDocumentFolder folder, BenchmarkQuestion question)
    {
        var problems = new List<string>();
        var prose = new List<string>();
        var code = new List<string>();
        foreach (var source in question.ExpectedSources)
        {
            try
            {
                var document = await folder.ReadAsync(source, CancellationToken.None);
                foreach (var paragraph in document.Sections.SelectMany(s => s.Paragraphs))
                    (IsCodeBlock(paragraph) ? code : prose).Add(paragraph);
            }
            catch (SourceUnreadableException ex)
            {
                problems.Add($"expected source {source}: {ex.Reason}");
            }
        }
        foreach (var fact in question.ExpectedFacts)
        {
            if (prose.Any(p => p.Contains(fact, StringComparison.OrdinalIgnoreCase))) continue;
            problems.Add(code.Any(p => p.Contains(fact, StringComparison.OrdinalIgnoreCase))
                ? $"fact \"{fact}\" is only in a code block of the expected sources"
                : $"fact \"{fact}\" is in none of the expected sources");
        }
        return problems;
    }

    /// <summary>The readers keep a code block as one paragraph in backticks, with no backtick inside.</summary>
    private static bool IsCodeBlock(string paragraph) =>
        paragraph.Length >= 2 && paragraph[0] == '`' && paragraph[^1] == '`' && paragraph.IndexOf('`', 1) == paragraph.Length - 1;
}
