using Microsoft.DurableTask;
using Moq;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Tests.Support;

/// <summary>
/// A strict-enough mock of an orchestration context: fixed instance id and clock, the research's
/// cancel event pending until <paramref name="cancellation"/> (when given) completes, loose for
/// everything the test sets up.
/// </summary>
public static class OrchestrationContextMock
{
    public static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public static Mock<TaskOrchestrationContext> For(string instanceId, bool isReplaying = false, TaskCompletionSource<string?>? cancellation = null)
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.WaitForExternalEvent<string?>(ResearchWorkflows.CancelEvent, It.IsAny<CancellationToken>()))
            .Returns((cancellation ?? new TaskCompletionSource<string?>()).Task);
        context.SetupGet(c => c.InstanceId).Returns(instanceId);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.SetupGet(c => c.IsReplaying).Returns(isReplaying);
        return context;
    }
}
