using Researcher.Facade;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Entry point of an isolated-worker app. In the facade, creating the builder fails: there is no host.</summary>
public static class FunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) =>
        throw CompileOnlyFacade.NotSupported($"{nameof(FunctionsApplication)}.{nameof(CreateBuilder)}");
}
