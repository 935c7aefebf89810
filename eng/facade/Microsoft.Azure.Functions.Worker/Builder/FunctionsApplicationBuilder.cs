using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Researcher.Facade;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
/// The isolated worker's application builder. The facade never creates one
/// (<see cref="FunctionsApplication.CreateBuilder"/> throws), so every member only states the shape.
/// </summary>
public sealed class FunctionsApplicationBuilder : IHostApplicationBuilder
{
    private FunctionsApplicationBuilder()
    {
    }

    public IDictionary<object, object> Properties => throw NotSupported(nameof(Properties));

    public IConfigurationManager Configuration => throw NotSupported(nameof(Configuration));

    public IHostEnvironment Environment => throw NotSupported(nameof(Environment));

    public ILoggingBuilder Logging => throw NotSupported(nameof(Logging));

    public IMetricsBuilder Metrics => throw NotSupported(nameof(Metrics));

    public IServiceCollection Services => throw NotSupported(nameof(Services));

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull => throw NotSupported(nameof(ConfigureContainer));

    public IHost Build() => throw NotSupported(nameof(Build));

    private static NotSupportedException NotSupported(string member) =>
        CompileOnlyFacade.NotSupported($"{nameof(FunctionsApplicationBuilder)}.{member}");
}
