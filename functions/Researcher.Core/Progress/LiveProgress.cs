using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Researcher.Core.Contracts;

namespace Researcher.Core.Progress;

/// <summary>
/// The live-progress contract both hosts share: the SignalR hub, the group of each research, and the
/// one client method <c>progress</c>, whose single argument is the event exactly as
/// <c>GET /api/research/{id}/events</c> returns it. An event larger than
/// <see cref="LiveProgressOptions.MaxMessageBytes"/> goes without its data and with
/// <c>"truncated": true</c>; the client fetches it whole from the log (a reference, not a payload).
/// </summary>
public static class LiveProgress
{
    /// <summary>The SignalR hub every client connects to (Azure SignalR Service hub name, local hub path /hubs/research).</summary>
    public const string HubName = "research";

    /// <summary>The client method each event is sent to.</summary>
    public const string MethodName = "progress";

    /// <summary>The queue the Functions app's record-progress activity notifies (Azure Storage queue names: lowercase, digits, hyphens).</summary>
    public const string NoticeQueueName = "research-progress";

    /// <summary>The SignalR group of a research's subscribers.</summary>
    public static string GroupOf(string researchId) => $"research-{researchId}";

    /// <summary>The argument of the <c>progress</c> message for <paramref name="progressEvent"/>.</summary>
    public static JsonElement MessageOf(ProgressEvent progressEvent, int maxMessageBytes)
    {
        var whole = JsonSerializer.SerializeToUtf8Bytes(progressEvent, ResearchJson.Options);
        if (whole.Length <= maxMessageBytes) return JsonSerializer.Deserialize<JsonElement>(whole);

        var reference = JsonSerializer.SerializeToNode(progressEvent with { Data = null }, ResearchJson.Options)!.AsObject();
        reference["truncated"] = true;
        return JsonSerializer.SerializeToElement(reference, ResearchJson.Options);
    }
}

/// <summary>What the record-progress activity enqueues in Azure Functions: which event to send, not the event (it is read from the log).</summary>
public sealed record ProgressNotice(string ResearchId, long Sequence);

/// <summary>Limits of live progress. Bound from <c>Research:LiveProgress</c>.</summary>
public sealed class LiveProgressOptions
{
    public const string SectionName = "Research:LiveProgress";

    /// <summary>
    /// The largest <c>progress</c> message sent with the event's data (bytes of its UTF-8 JSON); a
    /// larger event is sent without its data, as a reference to the log. Azure
    /// SignalR Service's serverless REST API takes bodies of up to about 1 MB.
    /// </summary>
    [Range(1_024, 256 * 1024)]
    public int MaxMessageBytes { get; set; } = 32 * 1024;
}
