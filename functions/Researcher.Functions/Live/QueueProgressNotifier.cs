using System.Text.Json;
using Azure.Storage.Queues;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Storage;

namespace Researcher.Functions.Live;

/// <summary>
/// Tells live subscribers about an event by enqueuing a <see cref="ProgressNotice"/> (camelCase JSON,
/// base64-encoded as host.json's <c>messageEncoding</c> says) on <see cref="LiveProgress.NoticeQueueName"/>,
/// where <see cref="BroadcastProgressFunction"/> picks it up. The queue is created on first use. A failed
/// enqueue fails the record-progress activity, whose retry appends again (a no-op) and enqueues again.
/// </summary>
public sealed class QueueProgressNotifier(QueueClient queue) : IProgressNotifier
{
    /// <summary>The app setting of the storage the host's queue triggers listen on (a connection string).</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>A notice not broadcast within this long is dropped: by then a client has caught up from the log.</summary>
    public static readonly TimeSpan NoticeTimeToLive = TimeSpan.FromHours(1);

    private readonly SetUpOnce queueSetUp = new(cancellationToken => queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    public async Task NotifyAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        await queueSetUp.EnsureAsync(cancellationToken);
        var notice = JsonSerializer.Serialize(new ProgressNotice(progressEvent.ResearchId, progressEvent.Sequence), ResearchJson.Options);
        await queue.SendMessageAsync(notice, visibilityTimeout: null, timeToLive: NoticeTimeToLive, cancellationToken);
    }

    /// <summary>The notice queue in the storage of <paramref name="connectionString"/>, with the base64 encoding the queue trigger expects.</summary>
    public static QueueClient CreateQueue(string connectionString) =>
        new(connectionString, LiveProgress.NoticeQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}
