using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Functions.Live;

/// <summary>
/// Turns each <see cref="ProgressNotice"/> into the <c>progress</c> message for the research's SignalR
/// group: the event as the log holds it (<see cref="LiveProgress.MessageOf"/>: a reference when it is
/// too large). Runs outside the research: a failed read or send fails this function and the queue
/// delivers the notice again; a notice naming no logged event is logged and sends nothing (a null
/// return value binds no output).
/// </summary>
public sealed class BroadcastProgressFunction(IEventLog eventLog, IOptions<LiveProgressOptions> options, ILogger<BroadcastProgressFunction> logger)
{
    [Function("BroadcastProgress")]
    [SignalROutput(HubName = LiveProgress.HubName)]
    public async Task<SignalRMessageAction?> BroadcastAsync(
        [QueueTrigger(LiveProgress.NoticeQueueName)] ProgressNotice notice,
        CancellationToken cancellationToken)
    {
        if (!ResearchIds.IsWellFormed(notice.ResearchId) || notice.Sequence < 1)
        {
            logger.LogWarning("Dropped a progress notice that names no event (research {ResearchId}, sequence {Sequence}).", notice.ResearchId, notice.Sequence);
            return null;
        }

        var events = await eventLog.ReadAsync(notice.ResearchId, notice.Sequence - 1, 1, cancellationToken);
        if (events is not [{ } progressEvent] || progressEvent.Sequence != notice.Sequence)
        {
            logger.LogWarning("Research {ResearchId} has no event {Sequence} in its log; nothing was sent.", notice.ResearchId, notice.Sequence);
            return null;
        }

        return new SignalRMessageAction(LiveProgress.MethodName, [LiveProgress.MessageOf(progressEvent, options.Value.MaxMessageBytes)])
        {
            GroupName = LiveProgress.GroupOf(notice.ResearchId),
        };
    }
}
