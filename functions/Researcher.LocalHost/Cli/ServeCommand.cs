using System.CommandLine;

namespace Researcher.LocalHost.Cli;

/// <summary><c>researcher serve [--urls URLS]</c>: serves the research API and the web client until stopped.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    public static Command Create()
    {
        var command = new Command("serve", "Serve the research API and the web client (the default command).");
        AddServeAction(command);
        return command;
    }

    /// <summary>Gives <paramref name="command"/> the <c>--urls</c> option and the serve action (the root command serves too).</summary>
    public static void AddServeAction(Command command)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Semicolon-separated addresses to listen on.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        command.Options.Add(urls);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var addresses = parseResult.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await using var app = LocalHostApplication.Create(addresses);
            await app.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
    }
}
