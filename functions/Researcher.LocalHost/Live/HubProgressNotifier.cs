using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Researcher.Core.Progress;

namespace Researcher.LocalHost.Live;

/// <summary>
/// Pushes each event to its research's group right after the log stored it. A push that fails is
/// logged and dropped, never failing the step: a client that missed it sees a gap in the sequence
/// numbers (or reconnects) and reads the event from the log.
/// </summary>
public sealed class HubProgressNotifier(
    IHubContext<ResearchHub> hub, IOptions<LiveProgressOptions> options, ILogger<HubProgressNotifier> logger) : IProgressNotifier
{
    public async Task NotifyAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await hub.Clients.Group(LiveProgress.GroupOf(progressEvent.ResearchId)).SendAsync(
                LiveProgress.MethodName, LiveProgress.MessageOf(progressEvent, options.Value.MaxMessageBytes), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not push event {Sequence} of research {ResearchId}; subscribers read it from the log.",
                progressEvent.Sequence, progressEvent.ResearchId);
        }
    }
}
