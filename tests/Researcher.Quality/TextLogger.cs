using Microsoft.Extensions.Logging;

namespace Researcher.Quality;

/// <summary>Writes information and above to a text writer, one line each: the index build's progress during a benchmark.</summary>
internal sealed class TextLogger<T>(TextWriter writer) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) writer.WriteLine($"[{DateTime.Now:HH:mm:ss}] {formatter(state, exception)}");
    }
}
