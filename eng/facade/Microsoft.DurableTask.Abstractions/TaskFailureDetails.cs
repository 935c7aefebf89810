namespace Microsoft.DurableTask;

/// <summary>What made a task fail: the exception type name, its message, and the inner failure.</summary>
public record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace,
    TaskFailureDetails? InnerFailure,
    IDictionary<string, object?>? Properties)
{
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    /// <summary>True when <see cref="ErrorType"/> names <typeparamref name="T"/> or a type derived from it.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        if (string.IsNullOrEmpty(ErrorType)) return false;
        var loaded = Type.GetType(ErrorType, throwOnError: false) ?? typeof(T).Assembly.GetType(ErrorType, throwOnError: false);
        return loaded is not null && typeof(T).IsAssignableFrom(loaded);
    }
}
