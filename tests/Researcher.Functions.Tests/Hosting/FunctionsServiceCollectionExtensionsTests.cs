using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core;
using Researcher.Core.Api;
using Researcher.Core.Progress;
using Researcher.Functions.Hosting;
using Researcher.Functions.Live;

namespace Researcher.Functions.Tests.Hosting;

/// <summary>The Functions app's registrations: its notifier replaces Core's silent one, whichever is registered first; its security headers follow its settings.</summary>
public sealed class FunctionsServiceCollectionExtensionsTests
{
    [Fact]
    public void The_queue_notifier_is_the_progress_notifier_in_either_registration_order()
    {
        var hostFirst = Services(("AzureWebJobsStorage", "UseDevelopmentStorage=true")).AddFunctionsHost().AddResearchEngine();
        var engineFirst = Services(("AzureWebJobsStorage", "UseDevelopmentStorage=true")).AddResearchEngine().AddFunctionsHost();

        Assert.IsType<QueueProgressNotifier>(hostFirst.BuildServiceProvider().GetRequiredService<IProgressNotifier>());
        Assert.IsType<QueueProgressNotifier>(engineFirst.BuildServiceProvider().GetRequiredService<IProgressNotifier>());
    }

    [Fact]
    public void Without_AzureWebJobsStorage_the_notifier_names_the_missing_setting()
    {
        using var provider = Services().AddFunctionsHost().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IProgressNotifier>());
        Assert.Contains("AzureWebJobsStorage", error.Message);
    }

    [Fact]
    public void The_security_headers_admit_the_signalR_service_the_bindings_use()
    {
        using var provider = Services((FunctionsServiceCollectionExtensions.SignalRConnectionSetting, "Endpoint=https://demo.service.signalr.net;AccessKey=a2V5;Version=1.0;"))
            .AddFunctionsHost().BuildServiceProvider();

        Assert.Contains("connect-src 'self' https://demo.service.signalr.net wss://demo.service.signalr.net;",
            provider.GetRequiredService<SecurityHeaders>().ContentSecurityPolicy);
    }

    [Fact]
    public void An_identity_based_AzureWebJobsStorage_gives_the_notifier_a_token_credential_queue_client()
    {
        using var provider = Services(
                ("AzureWebJobsStorage:queueServiceUri", "https://researchdata.queue.core.windows.net"),
                ("AzureWebJobsStorage:credential", "managedidentity"),
                ("AzureWebJobsStorage:clientId", "7d1f2c3b-0a4e-4e5f-9a6b-1c2d3e4f5a6b"))
            .AddFunctionsHost().BuildServiceProvider();

        Assert.IsType<QueueProgressNotifier>(provider.GetRequiredService<IProgressNotifier>());
        var service = provider.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(QueueProgressNotifier.ConnectionSetting);
        var queue = QueueProgressNotifier.CreateQueue(service);
        Assert.Equal("https://researchdata.queue.core.windows.net/research-progress", queue.Uri.AbsoluteUri);
    }

    [Fact]
    public void The_security_headers_admit_an_identity_based_signalR_service()
    {
        using var provider = Services(
                ($"{FunctionsServiceCollectionExtensions.SignalRConnectionSetting}:serviceUri", "https://demo.service.signalr.net"),
                ($"{FunctionsServiceCollectionExtensions.SignalRConnectionSetting}:credential", "managedidentity"))
            .AddFunctionsHost().BuildServiceProvider();

        Assert.Contains("connect-src 'self' https://demo.service.signalr.net wss://demo.service.signalr.net;",
            provider.GetRequiredService<SecurityHeaders>().ContentSecurityPolicy);
    }

    [Fact]
    public void Without_a_signalR_setting_the_policy_admits_only_the_app()
    {
        using var provider = Services().AddFunctionsHost().BuildServiceProvider();

        Assert.Contains("connect-src 'self';", provider.GetRequiredService<SecurityHeaders>().ContentSecurityPolicy);
    }

    private static IServiceCollection Services(params (string Key, string Value)[] settings) =>
        new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
