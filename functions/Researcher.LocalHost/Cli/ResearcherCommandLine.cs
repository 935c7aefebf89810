using System.CommandLine;

namespace Researcher.LocalHost.Cli;

/// <summary>The <c>researcher</c> command line: <c>serve</c> (also what a bare <c>researcher</c> does) and <c>research</c>.</summary>
public static class ResearcherCommandLine
{
    /// <summary>
    /// Parses and runs <paramref name="args"/>; a command line that does not parse, or whose
    /// settings are not all settings (<see cref="ConfigurationSettings.Read"/>), prints why and returns
    /// <see cref="ExitCodes.InvalidInput"/> without running anything.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parseResult = Create(output, error).Parse(args);
        var errors = parseResult.Errors.Select(parseError => parseError.Message).Concat(ConfigurationSettings.Read(parseResult).Errors).ToList();
        if (errors.Count > 0)
        {
            foreach (var message in errors)
                await error.WriteLineAsync($"error: {message}");
            await error.WriteLineAsync("Run 'researcher --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>The command tree <see cref="RunAsync"/> parses with; its commands write to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Researcher: ask a question, get a cited report.")
        {
            ServeCommand.Create(error),
            ResearchCommand.Create(output, error),
        };
        ServeCommand.AddServeAction(root, error);
        return root;
    }
}
