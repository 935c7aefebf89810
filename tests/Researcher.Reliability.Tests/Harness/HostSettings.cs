namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// The settings a host process gets as environment variables (<c>Research__Storage__ConnectionString</c>
/// for <c>Research:Storage:ConnectionString</c>). Hosts of one test share storage and the task hub;
/// each host process gets its own <see cref="WorkerId"/>, kept when that host is restarted.
/// </summary>
public sealed record HostSettings(
    string StorageConnectionString,
    string ContainerName,
    string EventsTableName,
    string StateTableName,
    string DocumentsPath,
    string TaskHubName,
    string WorkerId,
    int MaxConcurrentActivities = 2,
    int PartitionCount = 4)
{
    /// <summary>Fresh storage names and a fresh task hub (letters and digits, starting with a letter) for one test.</summary>
    public static HostSettings ForNewTest(string storageConnectionString, string documentsPath, string workerId)
    {
        var unique = Guid.NewGuid().ToString("N")[..16];
        return new HostSettings(
            storageConnectionString,
            ContainerName: $"reliability-{unique}",
            EventsTableName: $"Events{unique}",
            StateTableName: $"Researches{unique}",
            documentsPath,
            TaskHubName: $"Reliability{unique}",
            workerId);
    }

    /// <summary>The environment variables that carry these settings to the host.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>
    {
        ["Research__Storage__ConnectionString"] = StorageConnectionString,
        ["Research__Storage__ContainerName"] = ContainerName,
        ["Research__Storage__EventsTableName"] = EventsTableName,
        ["Research__State__TableName"] = StateTableName,
        ["Research__Documents__Path"] = DocumentsPath,
        // These tests are about crashes, cancellation and hosts sharing work, not ranking. Two hosts
        // embedding the generated corpus (1,200 passages) on 2 shared cores slowed researches until they
        // looked stuck, so the hosts rank with BM25 alone here.
        ["Research__Embeddings__Enabled"] = "false",
        ["Research__Engine__TaskHubName"] = TaskHubName,
        ["Research__Engine__WorkerId"] = WorkerId,
        ["Research__Engine__MaxConcurrentActivities"] = $"{MaxConcurrentActivities}",
        ["Research__Engine__PartitionCount"] = $"{PartitionCount}",
        // One line per log entry, with its category and time, so that the captured output reads as a timeline.
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        // The engine's own activity log lines are how the two-host test tells which host ran steps.
        ["Logging__LogLevel__DurableTask.Core"] = "Information",
    };
}
