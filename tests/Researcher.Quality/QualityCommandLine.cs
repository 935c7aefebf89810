using System.CommandLine;
using System.Text.Json;
using Researcher.Core.Contracts;
using Researcher.Core.Embeddings;
using Researcher.Core.Search;
using Researcher.Testing;

namespace Researcher.Quality;

/// <summary>
/// <c>Researcher.Quality [--questions FILE] [--docs DIR] [--split tuning|heldout|all] [--out FILE] [--label TEXT]
/// [--report-type TYPE [--breadth N] [--depth N]] [--no-embeddings] [--retrieval MODE] [--check]</c>: runs the research-quality benchmark over a
/// question set (each question researched as that kind of research, a standard research_report by
/// default) and prints its table, with the totals of each split and of the whole set, and the same
/// totals as BENCHMARKS.md rows (labelled with <c>--label</c>). The documents are the set's
/// <c>corpusPath</c> unless <c>--docs</c> names another folder; <c>--split</c> runs one split's
/// questions only; <c>--out</c> also writes every measurement as JSON. <c>--check</c> runs no
/// research: it checks that every expected source can be read and every expected fact is in one of
/// its question's expected sources (<see cref="QuestionSetCheck"/>).
/// Returns 0 when the benchmark ran (whatever its scores) or every question checks out, 2 for an
/// unusable command line, question set or documents folder, 1 when the run itself fails or a
/// question does not check out.
/// </summary>
public static class QualityCommandLine
{
    public const int Success = 0;
    public const int CheckFailed = 1;
    public const int InvalidInput = 2;

    private static readonly JsonSerializerOptions ResultsJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The question set used when <c>--questions</c> is not given.</summary>
    public static string DefaultQuestionsFile =>
        Path.Combine(RepositoryPaths.Root, "tests", "Researcher.Quality", "python-docs-questions.json");

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var questions = new Option<string>("--questions")
        {
            Description = "The question set (JSON).",
            DefaultValueFactory = _ => DefaultQuestionsFile,
        };
        var documents = new Option<string?>("--docs") { Description = "The documents folder (default: the question set's corpusPath)." };
        var split = new Option<string>("--split")
        {
            Description = "The questions to run: one split's, or all of them.",
            DefaultValueFactory = _ => QuestionSplits.All,
        };
        split.AcceptOnlyFromAmong([.. QuestionSplits.Names, QuestionSplits.All]);
        var resultsFile = new Option<string?>("--out") { Description = "Also write every measurement to this JSON file." };
        var label = new Option<string?>("--label") { Description = "The Label column of the BENCHMARKS.md rows (default: the kind of research)." };
        var check = new Option<bool>("--check")
        {
            Description = "Run no research: check that every expected source can be read and every expected fact is in one of them.",
        };
        var reportType = new Option<string>("--report-type")
        {
            Description = $"The kind of research and report: {string.Join(", ", ReportTypes.WireNames)}.",
            DefaultValueFactory = _ => ReportType.ResearchReport.ToWireName(),
        };
        var breadth = new Option<int?>("--breadth") { Description = "With --report-type deep: the top-level branches (default: the engine's)." };
        var depth = new Option<int?>("--depth") { Description = "With --report-type deep: the tree's levels (default: the engine's)." };
        var retrieval = new Option<RetrievalMode>("--retrieval")
        {
            Description = "How documents are ranked: Hybrid (BM25 and embeddings fused), Lexical (BM25) or Dense (embeddings).",
            DefaultValueFactory = _ => RetrievalMode.Hybrid,
        };
        var noEmbeddings = new Option<bool>("--no-embeddings") { Description = "Turn the local embedding model off (BM25 alone; on by default, as in the hosts)." };
        var root = new RootCommand("Scores the offline research engine over a question set.")
        {
            questions, documents, split, resultsFile, label, reportType, breadth, depth, retrieval, noEmbeddings, check,
        };
        root.SetAction((parseResult, _) =>
        {
            var shape = new ResearchShape(parseResult.GetValue(reportType)!, parseResult.GetValue(breadth), parseResult.GetValue(depth));
            var run = new QualityRun(parseResult.GetValue(questions)!, parseResult.GetValue(documents), parseResult.GetValue(split)!,
                parseResult.GetValue(resultsFile), parseResult.GetValue(label) ?? shape.ToString(), shape, parseResult.GetValue(check),
                new OfflineEngineOptions
                {
                    Search = new LocalSearchOptions { Retrieval = parseResult.GetValue(retrieval) },
                    Embeddings = new LocalEmbeddingOptions { Enabled = !parseResult.GetValue(noEmbeddings) },
                });
            return RunAsync(run, output, error);
        });

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
                await error.WriteLineAsync($"error: {parseError.Message}");
            await error.WriteLineAsync("Run with --help for usage.");
            return InvalidInput;
        }
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> RunAsync(QualityRun run, TextWriter output, TextWriter error)
    {
        if (new ResearchRequestReader(new ResearchLimits()).Validate(run.Shape.RequestFor("How is a question researched?")) is { Problem: { } problem })
            return await InvalidAsync(error, string.Join(" ", problem.Errors?.Values.SelectMany(e => e) ?? [problem.Detail]));
        var questionsFile = Path.GetFullPath(run.QuestionsFile);
        if (!File.Exists(questionsFile))
            return await InvalidAsync(error, $"The question set {questionsFile} does not exist.");
        QuestionSet set;
        try
        {
            set = QuestionSet.Load(questionsFile).Only(run.Split);
        }
        catch (InvalidDataException ex)
        {
            return await InvalidAsync(error, ex.Message);
        }
        if (set.Questions.Count == 0)
            return await InvalidAsync(error, $"The question set {questionsFile} holds no {QuestionSplits.Label(run.Split)} questions.");

        var folder = run.DocumentsFolder is not null ? Path.GetFullPath(run.DocumentsFolder) : set.CorpusFolder;
        if (folder is null)
            return await InvalidAsync(error, $"The question set {questionsFile} names no corpusPath; pass the documents folder with --docs.");
        if (!Directory.Exists(folder))
            return await InvalidAsync(error, $"The documents folder {folder} does not exist (the question set's corpus: {set.Corpus}).");

        if (run.Check)
            return await QuestionSetCheck.RunAsync(questionsFile, set, folder, output) == 0 ? Success : CheckFailed;

        var results = await QualityBenchmark.RunAsync(questionsFile, set, run.Split, folder, run.Shape, run.Label, run.EngineOptions, output, error);
        if (run.ResultsFile is not null)
        {
            var path = Path.GetFullPath(run.ResultsFile);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, ResultsJson));
            await output.WriteLineAsync($"Results written to {path}");
        }
        return Success;
    }

    private static async Task<int> InvalidAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"error: {message}");
        return InvalidInput;
    }
}

/// <summary>What the command line asked for: the set, its documents and split, where the results go, how each question is researched, and the engine's settings.</summary>
internal sealed record QualityRun(
    string QuestionsFile, string? DocumentsFolder, string Split, string? ResultsFile, string Label, ResearchShape Shape, bool Check,
    OfflineEngineOptions EngineOptions);

/// <summary>The research each question gets: its report type and, for a deep research, its tree (null: the engine's defaults).</summary>
public sealed record ResearchShape(string ReportType, int? Breadth = null, int? Depth = null)
{
    public ResearchRequest RequestFor(string question) => new(question, ReportType) { Breadth = Breadth, Depth = Depth };

    public override string ToString() => Breadth is null && Depth is null ? ReportType : $"{ReportType} (breadth {Breadth?.ToString() ?? "default"}, depth {Depth?.ToString() ?? "default"})";
}
