using System.ComponentModel.DataAnnotations;

namespace Researcher.LocalHost.Engine;

/// <summary>
/// The local host's Durable Task engine (DurableTask.AzureStorage on the storage account of
/// <c>Research:Storage</c>, Azurite locally). Bound from <c>Research:Engine</c>. The defaults make
/// a restarted host resume its researches within seconds; each setting says what it trades.
/// </summary>
public sealed class DurableEngineOptions
{
    public const string SectionName = "Research:Engine";

    /// <summary>
    /// The task hub: the queues and tables holding every research's history. Hosts that share a
    /// task hub (and storage account) share its researches and their work; a different name is a
    /// separate set of researches.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHubName { get; set; } = "Researcher";

    /// <summary>
    /// Control-queue partitions, fixed when the task hub is first created: the most hosts that can
    /// run orchestrations at once (activities are shared by any number). More partitions cost more
    /// polling of idle queues.
    /// </summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// This host's name among the hosts of the task hub. A host restarted under the same id takes its
    /// partitions back at once; under a new id it waits for the old leases to expire
    /// (<see cref="LeaseInterval"/>). Two hosts running at once must have different ids. Empty (the
    /// default) means the machine name.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,64}$")]
    public string WorkerId { get; set; } = "";

    /// <summary>The worker id in force: <see cref="WorkerId"/>, or the machine name when it is empty.</summary>
    public string EffectiveWorkerId => WorkerId is { Length: > 0 } id ? id : Environment.MachineName;

    /// <summary>Steps (activities) this host runs at once, across all researches: the bound on load it puts on its providers.</summary>
    [Range(1, 256)]
    public int MaxConcurrentActivities { get; set; } = 8;

    /// <summary>Orchestration episodes (workflow replays, each short) this host runs at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrentOrchestrations { get; set; } = 8;

    /// <summary>
    /// How long a step's message stays hidden from other hosts while it runs; the engine renews it
    /// for long steps. After a crash the step runs again once it expires: shorter resumes sooner,
    /// at the price of more renewals. DurableTask.Core looks at a running step's lock every 5 s and
    /// renews it then, so the timeout must leave room for that first renewal: at 5 s a step longer
    /// than 5 s (a model's answer, often) raced its own lock and could run twice at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The same for orchestration messages: after a crash, a research resumes once it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest pause between polls of an idle queue (polling backs off up to it): the delay
    /// before a new or resumed research is picked up when the host was idle, traded against
    /// storage transactions while idle.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a host's claim on a partition lasts unless renewed: how soon other hosts take over
    /// the orchestrations of a host that died, traded against lease renewals.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often the host checks that storage answers. When it answers again after an outage, the
    /// engine restarts its worker so that researches continue; shorter notices the return sooner.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan StorageProbeInterval { get; set; } = TimeSpan.FromSeconds(2);
}
