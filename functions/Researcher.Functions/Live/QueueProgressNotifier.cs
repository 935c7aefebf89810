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
    /// <summary>
    /// The connection of the storage the host's queue triggers listen on: a connection string, or an
    /// identity-based connection (<c>AzureWebJobsStorage__queueServiceUri</c> or <c>__accountName</c>, with
    /// <c>__credential</c> and <c>__clientId</c>), read as the host reads it (<see cref="StorageConnection.FromSetting"/>).
    /// </summary>
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
        CreateQueue(new QueueServiceClient(connectionString, WithNoticeEncoding(new QueueClientOptions())));

    /// <summary>The notice queue of <paramref name="service"/>, whose options must carry <see cref="WithNoticeEncoding"/>.</summary>
    public static QueueClient CreateQueue(QueueServiceClient service) => service.GetQueueClient(LiveProgress.NoticeQueueName);

    /// <summary>Sets the base64 message encoding the queue trigger expects (host.json's <c>messageEncoding</c>).</summary>
    public static QueueClientOptions WithNoticeEncoding(QueueClientOptions options)
    {
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return options;
    }
}
