namespace Microsoft.DurableTask.Client;

/// <summary>
/// A snapshot of an orchestration instance. Holds its values like the real one; the Read*As methods
/// need the <see cref="DataConverter"/> the client sets when inputs and outputs were requested.
/// </summary>
public sealed class OrchestrationMetadata(string name, string instanceId)
{
    public string Name { get; } = name;

    public string InstanceId { get; } = instanceId;

    public DataConverter? DataConverter { get; init; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public T? ReadInputAs<T>() => RequireConverter(nameof(ReadInputAs)).Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => RequireConverter(nameof(ReadOutputAs)).Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => RequireConverter(nameof(ReadCustomStatusAs)).Deserialize<T>(SerializedCustomStatus);

    private DataConverter RequireConverter(string method) => DataConverter ?? throw new InvalidOperationException(
        $"The {method} method can only be used on {nameof(OrchestrationMetadata)} objects that are fetched with the option to include input and output data.");
}
