using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Researcher.Benchmarks.Infrastructure;

/// <summary>
/// A logger provider that counts the warnings and errors the Durable Task engine logs in a host
/// (categories starting "DurableTask"), by category and event id, keeping the first message of
/// each: a series' report can then say whether the engine stumbled (a work item processed twice,
/// a lock renewal that failed) instead of leaving it to the console scroll.
/// </summary>
internal sealed class EngineWarnings : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, (int Count, string FirstMessage)> counts = new(StringComparer.Ordinal);

    /// <summary>The counts so far, most frequent first, each as "category[event id] x count (first message, cut short)"; empty when none.</summary>
    public IReadOnlyList<string> Describe(int messageCharacters = 90) =>
        counts.OrderByDescending(pair => pair.Value.Count).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key} x {pair.Value.Count} (\"{Shorten(pair.Value.FirstMessage, messageCharacters)}\")")
            .ToList();

    public int Total => counts.Values.Sum(value => value.Count);

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("DurableTask", StringComparison.Ordinal) ? new Counter(this, categoryName) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private void Count(string key, string message) =>
        counts.AddOrUpdate(key, _ => (1, message), (_, value) => (value.Count + 1, value.FirstMessage));

    private static string Shorten(string text, int characters)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= characters ? line : line[..characters] + "...";
    }

    private sealed class Counter(EngineWarnings owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner.Count($"{category}[{eventId.Id}]", formatter(state, exception));
        }
    }
}
