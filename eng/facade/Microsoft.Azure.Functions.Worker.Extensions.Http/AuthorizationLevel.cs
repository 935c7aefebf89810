namespace Microsoft.Azure.Functions.Worker;

/// <summary>The key an HTTP trigger requires.</summary>
public enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}
