using System.CommandLine;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;
using Researcher.LocalHost.Runner;

namespace Researcher.LocalHost.Cli;

/// <summary>
/// <c>researcher research "question" [--docs DIR] [--report-type TYPE] [--out DIR] [--sub-questions N] [--print]</c>:
/// runs one research in this process with the same runner the server uses, prints progress as it
/// happens, writes the report under the output folder and prints where it is (and, with --print,
/// the report itself).
/// </summary>
public static class ResearchCommand
{
    public const string DefaultOutputDirectory = "research-output";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var question = new Argument<string>("question") { Description = "The question to research." };
        var documents = new Option<string?>("--docs") { Description = "The folder of documents to research (default: Research:Documents:Path)." };
        var reportType = new Option<string>("--report-type")
        {
            Description = $"The kind of report: {string.Join(", ", ReportTypes.WireNames)}.",
            DefaultValueFactory = _ => ReportType.ResearchReport.ToWireName(),
        };
        var outputDirectory = new Option<string>("--out")
        {
            Description = "The folder the report is written to (under a folder named by the research id).",
            DefaultValueFactory = _ => DefaultOutputDirectory,
        };
        var subQuestions = new Option<int?>("--sub-questions") { Description = "How many sub-questions to plan (default: Research:Limits:DefaultSubQuestions)." };
        var print = new Option<bool>("--print") { Description = "Also print the report (Markdown) once it is written." };

        var command = new Command("research", "Run one research here and write its report to a folder.")
        {
            question, documents, reportType, outputDirectory, subQuestions, print,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new ResearchRequest(parseResult.GetValue(question), parseResult.GetValue(reportType), parseResult.GetValue(subQuestions)),
            parseResult.GetValue(documents), parseResult.GetValue(outputDirectory)!, parseResult.GetValue(print), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ResearchRequest request, string? documentsPath, string outputDirectory, bool printReport, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (documentsPath is not null && !Directory.Exists(documentsPath))
            return await InvalidAsync(error, $"The documents folder '{documentsPath}' does not exist.");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.AddCommandLineResearch(documentsPath, outputDirectory, output);
        using var host = builder.Build();

        ResearchSpec spec;
        LocalWorkflowRunner runner;
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            var read = host.Services.GetRequiredService<ResearchRequestReader>().Validate(request);
            if (read.Spec is null)
                return await InvalidAsync(error, read.Problem!.Errors?.Values.SelectMany(e => e) ?? [read.Problem.Detail]);
            spec = read.Spec;
            runner = host.Services.GetRequiredService<LocalWorkflowRunner>();
        }
        catch (OptionsValidationException ex)
        {
            return await InvalidAsync(error, ex.Failures.Select(f => $"Configuration: {f}"));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return await InvalidAsync(error, ex.InnerExceptions.Cast<OptionsValidationException>()
                .SelectMany(e => e.Failures).Select(f => $"Configuration: {f}"));
        }

        var researchId = ResearchIds.New();
        var result = await runner.RunAsync(researchId, StandardResearchWorkflow.RunAsync, new ResearchInput(researchId, spec), null, cancellationToken);
        switch (result.Status)
        {
            case ResearchRuntimeStatus.Completed:
                var store = host.Services.GetRequiredService<FileContentStore>();
                var reportName = result.Output!.Report.ContentName;
                await output.WriteLineAsync($"Report: {store.PathOf(reportName)}");
                if (printReport)
                    await output.WriteLineAsync($"\n{await store.GetTextAsync(reportName, cancellationToken)}");
                return ExitCodes.Success;
            case ResearchRuntimeStatus.Cancelled:
                await error.WriteLineAsync("The research was cancelled.");
                return ExitCodes.Cancelled;
            default:
                await error.WriteLineAsync($"The research failed: {result.Failure}");
                return ExitCodes.ResearchFailed;
        }
    }

    private static Task<int> InvalidAsync(TextWriter error, string message) => InvalidAsync(error, [message]);

    private static async Task<int> InvalidAsync(TextWriter error, IEnumerable<string> messages)
    {
        foreach (var message in messages)
            await error.WriteLineAsync($"error: {message}");
        return ExitCodes.InvalidInput;
    }
}
