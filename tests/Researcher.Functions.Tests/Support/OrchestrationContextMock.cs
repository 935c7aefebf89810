using Microsoft.DurableTask;
using Moq;

namespace Researcher.Functions.Tests.Support;

/// <summary>A strict-enough mock of an orchestration context: fixed instance id and clock, loose for everything the test sets up.</summary>
public static class OrchestrationContextMock
{
    public static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public static Mock<TaskOrchestrationContext> For(string instanceId, bool isReplaying = false)
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.InstanceId).Returns(instanceId);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.SetupGet(c => c.IsReplaying).Returns(isReplaying);
        return context;
    }
}
