using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Progress;
using Researcher.Functions.Hosting;
using Researcher.Functions.Live;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Live;

/// <summary>The notifier on a real Azurite queue: what it enqueues, how it is encoded, and that a failed enqueue fails.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class QueueProgressNotifierTests(AzuriteFixture azurite)
{
    private const string ResearchId = "00112233445566778899aabbccddeeff";

    [Fact]
    public async Task A_notice_is_enqueued_on_the_notice_queue_as_base64_camel_case_json()
    {
        var queue = QueueProgressNotifier.CreateQueue(azurite.ConnectionString);
        var notifier = new QueueProgressNotifier(queue);

        await notifier.NotifyAsync(Event(12));
        await notifier.NotifyAsync(Event(13));

        Assert.Equal(LiveProgress.NoticeQueueName, queue.Name);
        var raw = new QueueClient(azurite.ConnectionString, LiveProgress.NoticeQueueName);
        var messages = (await raw.ReceiveMessagesAsync(maxMessages: 10)).Value;
        var bodies = messages.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString()))).Order().ToList();
        Assert.Equal([$$"""{"researchId":"{{ResearchId}}","sequence":12}""", $$"""{"researchId":"{{ResearchId}}","sequence":13}"""], bodies);
    }

    [Fact]
    public async Task The_notifier_the_host_registers_enqueues_base64_notices_on_AzureWebJobsStorage()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection([new KeyValuePair<string, string?>(QueueProgressNotifier.ConnectionSetting, azurite.ConnectionString)])
                .Build())
            .AddFunctionsHost()
            .BuildServiceProvider();
        var raw = new QueueClient(azurite.ConnectionString, LiveProgress.NoticeQueueName);
        await raw.CreateIfNotExistsAsync();
        await raw.ClearMessagesAsync();

        await provider.GetRequiredService<IProgressNotifier>().NotifyAsync(Event(21));

        var message = Assert.Single((await raw.ReceiveMessagesAsync(maxMessages: 10)).Value);
        await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal($$"""{"researchId":"{{ResearchId}}","sequence":21}""", Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString())));
    }

    [Fact]
    public async Task An_enqueue_that_fails_fails_the_notification()
    {
        var unreachable = new QueueClient(
            new Uri($"http://127.0.0.1:9/devstoreaccount1/{LiveProgress.NoticeQueueName}"),
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64, Retry = { MaxRetries = 0 } });

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => new QueueProgressNotifier(unreachable).NotifyAsync(Event(1)));
    }

    private static ProgressEvent Event(long sequence) =>
        new(ResearchId, sequence, DateTime.UtcNow, ProgressEventType.StepStarted, "search", "Searching", 10);
}
