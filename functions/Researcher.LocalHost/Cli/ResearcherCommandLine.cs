using System.CommandLine;

namespace Researcher.LocalHost.Cli;

/// <summary>The <c>researcher</c> command line: <c>serve</c> (also what a bare <c>researcher</c> does) and <c>research</c>.</summary>
public static class ResearcherCommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse prints why and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Researcher: ask a question, get a cited report.")
        {
            ServeCommand.Create(),
            ResearchCommand.Create(output, error),
        };
        ServeCommand.AddServeAction(root);

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
                await error.WriteLineAsync($"error: {parseError.Message}");
            await error.WriteLineAsync("Run 'researcher --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
