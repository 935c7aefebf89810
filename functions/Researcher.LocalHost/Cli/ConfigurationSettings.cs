using System.CommandLine;
using System.CommandLine.Parsing;

namespace Researcher.LocalHost.Cli;

/// <summary>
/// Configuration settings written on the command line of <c>serve</c> and <c>research</c>, as the
/// README documents them: <c>--Research:Limits:MaxQuestionLength=500</c> or
/// <c>--Research:Limits:MaxQuestionLength 500</c>. A command that takes them has the argument
/// <see cref="Create"/> gives, which collects every token none of its options matched.
/// </summary>
public static class ConfigurationSettings
{
    /// <summary>The name of the argument that collects every token no option of the command matched.</summary>
    private const string ArgumentName = "settings";

    /// <summary>The argument a command that takes settings adds.</summary>
    public static Argument<string[]> Create() => new(ArgumentName)
    {
        Description = "Configuration settings, each --Section:Key=value or --Section:Key value (for example --Research:Limits:MaxQuestionLength=500).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>
    /// The configuration settings of the command <paramref name="parseResult"/> runs (written after
    /// <c>serve</c> or <c>research</c>, or before <c>serve</c>, or on a bare <c>researcher</c>), as
    /// <c>--Key=value</c> arguments for the host's configuration, and an error for every token that is not one. Every token
    /// no option matched is read as a setting:
    /// <list type="bullet">
    /// <item><c>--Key=value</c>, with any key: this is the shape ASP.NET Core itself reads as command-line
    /// configuration (host settings such as <c>--environment=Development</c> included), and the parser has
    /// already matched this command's own options in both their <c>--urls value</c> and <c>--urls=value</c>
    /// forms, so a <c>--x=y</c> left over can only be meant as configuration;</item>
    /// <item><c>--Section:Key value</c>, when the value is the very next token and does not start with
    /// <c>-</c>: a key with a <c>:</c> cannot be the name of an option, so this is not a mistyped one.</item>
    /// </list>
    /// Anything else (<c>--colour</c>, <c>--colour blue</c>, a stray word, a setting with no value, a setting
    /// written before <c>research</c>, or given to a command that takes no settings) is an error, as an unknown token always was.
    /// </summary>
    public static CommandLineSettings Read(ParseResult parseResult)
    {
        // Where each token stands on the command line: a value must follow its key directly.
        var positions = new Dictionary<Token, int>(ReferenceEqualityComparer.Instance);
        for (var index = 0; index < parseResult.Tokens.Count; index++)
            positions[parseResult.Tokens[index]] = index;

        // Settings before the command count for serving only (`researcher --Key=value serve`), as
        // they always did; the research command takes its own, after its name.
        var running = parseResult.CommandResult;
        var takesSettings = running.Command.Arguments.Any(argument => argument.Name == ArgumentName);
        var takesSettingsBeforeIt = running.Parent is null || running.Command.Name == ServeCommand.Name;
        var tokens = new List<Token>();
        var misplaced = new List<Token>();
        for (var command = running; command is not null; command = command.Parent as CommandResult)
        {
            (command == running || takesSettingsBeforeIt ? tokens : misplaced).AddRange(command.Children.OfType<ArgumentResult>()
                .Where(result => result.Argument.Name == ArgumentName)
                .SelectMany(result => result.Tokens));
        }
        tokens.Sort((left, right) => positions[left].CompareTo(positions[right]));

        var configurationArgs = new List<string>();
        var errors = misplaced.Select(token => $"Unrecognized command or argument '{token.Value}' (settings go after the command's name).").ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].Value;
            if (!takesSettings)
                errors.Add($"Unrecognized command or argument '{token}'.");
            else if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2 || token[2] is '-' or '=' or ':')
                errors.Add(Unrecognized(token));
            else if (token.Contains('=', StringComparison.Ordinal))
                configurationArgs.Add(token);
            else if (!token.Contains(':', StringComparison.Ordinal))
                errors.Add(Unrecognized(token));
            else if (i + 1 < tokens.Count && positions[tokens[i + 1]] == positions[tokens[i]] + 1 && !tokens[i + 1].Value.StartsWith('-'))
                configurationArgs.Add($"{token}={tokens[++i].Value}");
            else
                errors.Add($"The setting '{token}' has no value; write {token}=VALUE or {token} VALUE.");
        }
        return new CommandLineSettings(configurationArgs, errors);
    }

    private static string Unrecognized(string token) =>
        $"Unrecognized command or argument '{token}' (a configuration setting is written --Section:Key=value).";
}

/// <summary>
/// The configuration settings of a command line: <paramref name="ConfigurationArgs"/>, each
/// <c>--Key=value</c>, in the order given (a later one wins); <paramref name="Errors"/>, one message per
/// token that is not a setting; <see cref="ResearcherCommandLine.RunAsync"/> refuses a command line with errors before anything runs.
/// </summary>
public sealed record CommandLineSettings(IReadOnlyList<string> ConfigurationArgs, IReadOnlyList<string> Errors);
