using System.CommandLine;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;
using System.Security.Cryptography;
using Researcher.Core.Api;
using Researcher.Core.Storage;
using Researcher.LocalHost.Engine;

namespace Researcher.LocalHost.Cli;

/// <summary>
/// <c>researcher research "question" [--docs DIR] [--report-type TYPE] [--out DIR] [--sub-questions N] [--breadth N] [--depth N] [--print] [--Section:Key=value ...]</c>:
/// runs one research in this process on the same Durable Task engine the server uses (over Azure
/// Storage, Azurite locally), prints progress as it happens, writes the report under the output folder and prints where it is (and, with --print,
/// the report itself).
/// </summary>
public static class ResearchCommand
{
    public const string DefaultOutputDirectory = "research-output";

    /// <summary>How often the command looks at the research while it runs (a local read of the task hub).</summary>
    private static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var question = new Argument<string>("question") { Description = "The question to research." };
        question.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && text.StartsWith("--", StringComparison.Ordinal))
                result.AddError($"'{text}' is not a question: the question comes first, in quotes, before any option or setting.");
        });
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
        var breadth = new Option<int?>("--breadth") { Description = "With --report-type deep: the queries explored at the top of the tree (default: Research:Limits:DefaultBreadth)." };
        var depth = new Option<int?>("--depth") { Description = "With --report-type deep: the levels of the tree (default: Research:Limits:DefaultDepth)." };
        var print = new Option<bool>("--print") { Description = "Also print the report (Markdown) once it is written." };

        var command = new Command("research", "Run one research here and write its report to a folder.")
        {
            question, documents, reportType, outputDirectory, subQuestions, breadth, depth, print, ConfigurationSettings.Create(),
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new ResearchRequest(parseResult.GetValue(question), parseResult.GetValue(reportType), parseResult.GetValue(subQuestions))
            {
                Breadth = parseResult.GetValue(breadth),
                Depth = parseResult.GetValue(depth),
            },
            parseResult.GetValue(documents), parseResult.GetValue(outputDirectory)!, parseResult.GetValue(print),
            ConfigurationSettings.Read(parseResult).ConfigurationArgs, output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ResearchRequest request, string? documentsPath, string outputDirectory, bool printReport, IReadOnlyList<string> settings,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (documentsPath is not null && !Directory.Exists(documentsPath))
            return await CliErrors.InvalidAsync(error, $"The documents folder '{documentsPath}' does not exist.");

        // A task hub of its own: the research runs on the same engine as the server's, but no other
        // process takes its steps (they write to this run's output folder), and it is deleted at the end.
        var taskHubName = $"cli{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. settings], ContentRootPath = AppContext.BaseDirectory });
        builder.AddCommandLineResearch(documentsPath, outputDirectory, taskHubName, output);
        using var host = builder.Build();

        ResearchSpec spec;
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            var read = host.Services.GetRequiredService<ResearchRequestReader>().Validate(request);
            if (read.Spec is null)
                return await CliErrors.InvalidAsync(error, read.Problem!.Errors?.Values.SelectMany(e => e) ?? [read.Problem.Detail]);
            spec = read.Spec;
        }
        catch (Exception ex) when (CliErrors.ConfigurationFailures(ex) is { } failures)
        {
            return await CliErrors.InvalidAsync(error, failures);
        }

        var engine = host.Services.GetRequiredService<DurableEngine>();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            return await CliErrors.StorageUnavailableAsync(error);
        }

        try
        {
            var research = await RunToEndAsync(host.Services.GetRequiredService<IResearchDirectory>(), new ResearchInput(ResearchIds.New(), spec), cancellationToken);
            switch (research.Status)
            {
                case ResearchRuntimeStatus.Completed:
                    var store = host.Services.GetRequiredService<FileContentStore>();
                    var reportName = research.Outcome!.Report!.ContentName;
                    await output.WriteLineAsync($"Report: {store.PathOf(reportName)}");
                    if (printReport)
                        await output.WriteLineAsync($"\n{await store.GetTextAsync(reportName, CancellationToken.None)}");
                    return ExitCodes.Success;
                case ResearchRuntimeStatus.Cancelled:
                    await error.WriteLineAsync("The research was cancelled.");
                    return ExitCodes.Cancelled;
                default:
                    await error.WriteLineAsync($"The research failed: {research.Failure}");
                    return ExitCodes.ResearchFailed;
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            await engine.DeleteTaskHubAsync();
        }
    }

    /// <summary>
    /// Starts the research and waits until it has ended. Ctrl+C asks it to cancel, and the wait goes on
    /// until the workflow has recorded its cancellation (at its next step).
    /// </summary>
    private static async Task<ResearchInstance> RunToEndAsync(IResearchDirectory directory, ResearchInput input, CancellationToken cancellationToken)
    {
        await directory.StartAsync(input, CancellationToken.None);
        using var cancelled = cancellationToken.Register(() => _ = directory.RequestCancelAsync(input.ResearchId, CancellationToken.None));
        using var polling = new PeriodicTimer(PollingInterval);
        while (true)
        {
            if (await directory.FindAsync(input.ResearchId, CancellationToken.None) is { Status: var status } research && status.IsFinal())
                return research;
            await polling.WaitForNextTickAsync(CancellationToken.None);
        }
    }
}
