using Microsoft.Extensions.Options;

namespace Researcher.LocalHost.Cli;

/// <summary>How the commands report what stops them: one line per reason on stderr, and the exit code that says which kind.</summary>
internal static class CliErrors
{
    public static Task<int> InvalidAsync(TextWriter error, string message) => InvalidAsync(error, [message]);

    public static async Task<int> InvalidAsync(TextWriter error, IEnumerable<string> messages)
    {
        foreach (var message in messages)
            await error.WriteLineAsync($"error: {message}");
        return ExitCodes.InvalidInput;
    }

    /// <summary>
    /// The settings that failed their validation when <paramref name="exception"/> is only that (one
    /// <see cref="OptionsValidationException"/>, or several from start-up validation), each as
    /// "Configuration: ..."; null for any other exception.
    /// </summary>
    public static IReadOnlyList<string>? ConfigurationFailures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => Describe([invalid]),
        AggregateException { InnerExceptions: var inner } when inner.Count > 0 && inner.All(e => e is OptionsValidationException) =>
            Describe(inner.Cast<OptionsValidationException>()),
        _ => null,
    };

    /// <summary>What the commands say when the engine's storage cannot be reached.</summary>
    public static async Task<int> StorageUnavailableAsync(TextWriter error)
    {
        await error.WriteLineAsync(
            "error: Azure Storage cannot be reached (Research:Storage:ConnectionString). Researches run on the Durable Task " +
            "engine, which keeps them in Azure Storage: start Azurite (eng/run.sh starts it on 127.0.0.1:10000-10002).");
        return ExitCodes.StorageUnavailable;
    }

    private static List<string> Describe(IEnumerable<OptionsValidationException> failures) =>
        failures.SelectMany(e => e.Failures).Select(f => $"Configuration: {f}").ToList();
}
