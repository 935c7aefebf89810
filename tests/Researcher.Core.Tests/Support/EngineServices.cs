using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Researcher.Core.Tests.Support;

/// <summary>The research engine's services as the hosts register them (AddResearchEngine), over a documents folder and some settings.</summary>
internal static class EngineServices
{
    public static ServiceProvider Build(string documentsPath, params (string Key, string Value)[] settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection([new("Research:Documents:Path", documentsPath), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
                .Build())
            .AddLogging()
            .AddResearchEngine()
            .BuildServiceProvider();
}
