using Microsoft.Azure.Functions.Worker;
using Researcher.Functions.Hosting;

namespace Researcher.Functions.Tests.Hosting;

/// <summary>A build against the compile-only SignalR stand-in refuses to start; one against the real package does not.</summary>
public sealed class SignalRStandInCheckTests
{
    /// <summary>Set by this project's build from ResearcherSignalRStandIn, the same property that chose the app's reference.</summary>
    private static readonly bool BuiltWithStandIn =
#if SIGNALR_STAND_IN
        true;
#else
        false;
#endif

    [Fact]
    public void The_loaded_SignalR_extension_is_the_stand_in_exactly_when_the_build_chose_it()
    {
        Assert.Equal(BuiltWithStandIn, SignalRStandInCheck.IsCompileOnlyStandIn(SignalRStandInCheck.ExtensionAssembly));
        Assert.Equal("Microsoft.Azure.Functions.Worker.Extensions.SignalRService", SignalRStandInCheck.ExtensionAssembly.GetName().Name);
        Assert.Equal(new Version(2, 0, 1, 0), SignalRStandInCheck.ExtensionAssembly.GetName().Version);
    }

    [Fact]
    public void Starting_on_the_stand_in_throws_and_on_the_real_package_does_not()
    {
        var start = () => SignalRStandInCheck.EnsureRealExtension(SignalRStandInCheck.ExtensionAssembly);

        if (BuiltWithStandIn)
            Assert.Contains("compile-only stand-in", Assert.Throws<InvalidOperationException>(start).Message);
        else
            start();
    }

    [Fact]
    public void An_assembly_without_the_mark_is_not_the_stand_in()
    {
        Assert.False(SignalRStandInCheck.IsCompileOnlyStandIn(typeof(FunctionAttribute).Assembly));
        SignalRStandInCheck.EnsureRealExtension(typeof(FunctionAttribute).Assembly);
    }

    [Fact]
    public void The_stand_in_s_models_stay_plain_data()
    {
        var message = new SignalRMessageAction("progress", ["argument"]) { GroupName = "research-1" };
        var group = new SignalRGroupAction(SignalRGroupActionType.Remove) { ConnectionId = "c", GroupName = "g" };

        Assert.Equal(("progress", "research-1", 1), (message.Target, message.GroupName, message.Arguments!.Length));
        Assert.Equal((SignalRGroupActionType.Remove, "c", "g"), (group.Action, group.ConnectionId, group.GroupName));
        Assert.Throws<ArgumentNullException>(() => new SignalRMessageAction(null!));
    }
}
