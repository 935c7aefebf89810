namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of every binding attribute.</summary>
public abstract class BindingAttribute : Attribute;

/// <summary>Base of trigger binding attributes (one per function).</summary>
public abstract class TriggerBindingAttribute : BindingAttribute;

/// <summary>Base of input binding attributes.</summary>
public abstract class InputBindingAttribute : BindingAttribute;
