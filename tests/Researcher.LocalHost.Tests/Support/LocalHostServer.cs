using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;
using Researcher.LocalHost.Runner;
using Researcher.LocalHost.State;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// The local host started for real: Kestrel on 127.0.0.1 with a free port, storage in the shared
/// Azurite (tables and container of its own), documents from a test corpus, plus two seams:
/// <see cref="HeldPlans"/> and <see cref="ResearchEndings"/>.
/// </summary>
internal sealed class LocalHostServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ResearchEndings? endings;

    private LocalHostServer(WebApplication app, HeldPlans heldPlans, ResearchEndings? endings)
    {
        this.app = app;
        HeldPlans = heldPlans;
        this.endings = endings;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public HttpClient Client { get; }

    public HeldPlans HeldPlans { get; }

    /// <summary>The ending signals; absent when a test replaced the research store.</summary>
    public ResearchEndings Endings => endings ?? throw new InvalidOperationException("This server's research store was replaced by the test.");

    public static async Task<LocalHostServer> StartAsync(
        AzuriteFixture azurite, string documentsPath, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var heldPlans = new HeldPlans();
        var app = LocalHostApplication.Create(["http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:Storage:ConnectionString"] = azurite.ConnectionString,
                ["Research:Storage:ContainerName"] = AzuriteFixture.NewContainerName("research"),
                ["Research:Storage:EventsTableName"] = AzuriteFixture.NewTableName("events"),
                ["Research:State:TableName"] = AzuriteFixture.NewTableName("researches"),
                ["Research:Documents:Path"] = documentsPath,
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

            builder.Services.AddSingleton(sp =>
            {
                var handlers = sp.GetRequiredService<ResearchStepHandlers>();
                return StepCatalog.ForResearch(handlers).Add(ResearchSteps.Plan, heldPlans.Wrap(handlers.PlanAsync));
            });
            builder.Services.AddSingleton<IResearchStore>(sp => new ResearchEndings(sp.GetRequiredService<TableResearchStore>()));
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var endings = app.Services.GetRequiredService<IResearchStore>() as ResearchEndings;
        return new LocalHostServer(app, heldPlans, endings);
    }

    /// <summary>Starts a research and returns the id from its 202 answer.</summary>
    public async Task<string> StartResearchAsync(string question)
    {
        var response = await Client.PostAsJsonAsync("/api/research", new { question });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync<ResearchAccepted>(response)).Id;
    }

    /// <summary>Starts a research that stays running (its plan step is held) until it is cancelled.</summary>
    public async Task<string> StartHeldResearchAsync()
    {
        var researchId = await StartResearchAsync($"{HeldPlans.Marker} {TestCorpus.Question}");
        await HeldPlans.WaitUntilHeldAsync(researchId);
        return researchId;
    }

    public async Task<ResearchStatusResponse> GetStatusAsync(string researchId)
    {
        var response = await Client.GetAsync($"/api/research/{researchId}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await ApiJson.ReadAsync<ResearchStatusResponse>(response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
