using System.CommandLine;
using Microsoft.Extensions.Options;
using Researcher.Core.Storage;

namespace Researcher.LocalHost.Cli;

/// <summary>
/// <c>researcher serve [--urls URLS] [--Section:Key=value | --Section:Key value ...]</c>: serves the research
/// API and the web client until stopped, with the configuration settings given on its command line.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    public const string Name = "serve";

    public static Command Create(TextWriter error)
    {
        var command = new Command(Name, "Serve the research API and the web client (the default command).");
        AddServeAction(command, error);
        return command;
    }

    /// <summary>
    /// Gives <paramref name="command"/> the <c>--urls</c> option, the configuration settings and the serve
    /// action (the root command serves too). The action runs the application with the settings
    /// <see cref="ConfigurationSettings.Read"/> finds; tokens that are not settings never reach its configuration.
    /// Settings that fail their validation at start-up, or storage that cannot be reached, end it with a
    /// message on <paramref name="error"/> and <see cref="ExitCodes.InvalidInput"/> or <see cref="ExitCodes.StorageUnavailable"/>.
    /// </summary>
    public static void AddServeAction(Command command, TextWriter error)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Semicolon-separated addresses to listen on.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        command.Options.Add(urls);
        command.Arguments.Add(ConfigurationSettings.Create());
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var addresses = parseResult.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await using var app = LocalHostApplication.Create(addresses, configurationArgs: ConfigurationSettings.Read(parseResult).ConfigurationArgs);
            try
            {
                // Settings are checked before the host starts, which would log each failure with its stack trace.
                app.Services.GetService<IStartupValidator>()?.Validate();
                await app.RunAsync(cancellationToken);
            }
            catch (Exception ex) when (CliErrors.ConfigurationFailures(ex) is { } failures)
            {
                return await CliErrors.InvalidAsync(error, failures);
            }
            catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
            {
                return await CliErrors.StorageUnavailableAsync(error);
            }
            return ExitCodes.Success;
        });
    }
}
