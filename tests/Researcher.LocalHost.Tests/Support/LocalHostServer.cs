using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// The local host started for real: Kestrel on 127.0.0.1 with a free port, the Durable Task engine
/// on a task hub of its own in the shared Azurite (with a container and table of its own too),
/// documents from a test corpus, and one seam: questions marked for <see cref="HeldPlans"/> stay
/// in their plan step.
/// </summary>
internal sealed class LocalHostServer : IAsyncDisposable
{
    private static readonly TimeSpan StatusPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> heldQuestions = new();

    private LocalHostServer(WebApplication app)
    {
        this.app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The settings every test host gets: fresh storage names, the corpus, quick polling of idle queues.</summary>
    public static Dictionary<string, string?> Settings(AzuriteFixture azurite, string documentsPath) => new()
    {
        ["Research:Storage:ConnectionString"] = azurite.ConnectionString,
        ["Research:Storage:ContainerName"] = AzuriteFixture.NewContainerName("research"),
        ["Research:Storage:EventsTableName"] = AzuriteFixture.NewTableName("events"),
        ["Research:Engine:TaskHubName"] = AzuriteFixture.NewTableName("hub"),
        ["Research:Engine:MaxQueuePollingInterval"] = "00:00:00.200",
        ["Research:Documents:Path"] = documentsPath,
    };

    /// <summary>The address the host listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => Client.BaseAddress!;

    public static async Task<LocalHostServer> StartAsync(
        AzuriteFixture azurite, string documentsPath, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var app = LocalHostApplication.Create(["http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(azurite, documentsPath));
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.Decorate<IResearchPlanner>(planner => new HeldPlans(planner));
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new LocalHostServer(app);
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
        var question = HeldPlans.NewQuestion();
        var researchId = await StartResearchAsync(question);
        heldQuestions[researchId] = question;
        await HeldPlans.WaitUntilHeldAsync(question);
        return researchId;
    }

    /// <summary>Lets a held research's plan step end: the research runs on to its end.</summary>
    public void ReleaseHeldResearch(string researchId) => HeldPlans.Release(heldQuestions[researchId]);

    /// <summary>Asks a held research to cancel and lets its plan step end, so that the workflow sees the cancellation.</summary>
    public async Task<HttpResponseMessage> CancelHeldResearchAsync(string researchId)
    {
        var response = await Client.PostAsync($"/api/research/{researchId}/cancel", null);
        HeldPlans.Release(heldQuestions[researchId]);
        return response;
    }

    public async Task<ResearchStatusResponse> GetStatusAsync(string researchId)
    {
        var response = await Client.GetAsync($"/api/research/{researchId}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await ApiJson.ReadAsync<ResearchStatusResponse>(response);
    }

    /// <summary>The research's status once it has ended (completed, failed or cancelled); fails the test past <see cref="TestTimeouts.Bound"/>.</summary>
    public async Task<ResearchStatusResponse> WaitForEndAsync(string researchId)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Bound);
        using var polling = new PeriodicTimer(StatusPollingInterval);
        while (true)
        {
            var status = await GetStatusAsync(researchId);
            if (status.Status.IsFinal()) return status;
            try
            {
                await polling.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Research {researchId} had not ended within {TestTimeouts.Bound}: {status.Status}, {status.Percent}% ({status.Message}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var question in heldQuestions.Values)
            HeldPlans.Release(question);
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
