namespace Researcher.Facade;

/// <summary>
/// The one failure of every facade member that would need the Azure Functions host: the facade
/// compiles the app, it never runs it.
/// </summary>
internal static class CompileOnlyFacade
{
    public static NotSupportedException NotSupported(string member) => new(
        $"compile-only facade: {member} needs the Azure Functions host and the real packages. " +
        "This build used eng/facade (FunctionsFacade=true) and cannot run or be deployed; " +
        "build on a machine that restores the real packages.");
}
