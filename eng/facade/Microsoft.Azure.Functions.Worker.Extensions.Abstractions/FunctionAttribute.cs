namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks a method as a function with the given name (the host's function and Durable task name).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
