namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// The context of one function invocation. Only the members the app and its tests touch are
/// declared (TraceContext, BindingContext, RetryContext, FunctionDefinition and Features are left out).
/// </summary>
public abstract class FunctionContext
{
    public abstract string InvocationId { get; }

    public abstract string FunctionId { get; }

    public abstract IServiceProvider InstanceServices { get; set; }

    public abstract IDictionary<object, object> Items { get; set; }

    public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
}
