using DurableTask.Core;

namespace Researcher.LocalHost.Engine;

/// <summary>
/// Registers a function on DurableTask.Core under its name and no version, with a new shim for
/// every execution (an orchestration shim holds the state of one run).
/// </summary>
internal sealed class ShimCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public ShimCreator(string name, Func<T> create)
    {
        this.create = create;
        Name = name;
        Version = "";
    }

    public override T Create() => create();
}
