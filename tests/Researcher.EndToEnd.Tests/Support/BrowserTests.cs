using Microsoft.Extensions.DependencyInjection;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;
using Xunit.Abstractions;

namespace Researcher.EndToEnd.Tests.Support;

/// <summary>
/// A class of browser tests: each test gets a local host of its own (Kestrel on a free loopback
/// port, the Durable Task engine on a task hub of its own in the shared Azurite, the test corpus,
/// questions marked for <see cref="HeldPlans"/> held in their plan step) and opens browser contexts
/// on the class's Chromium; everything is closed after the test.
/// </summary>
public abstract class BrowserTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    private readonly List<ResearchPage> pages = [];
    private readonly List<string> heldQuestions = [];

    private protected TestCorpus Corpus { get; } = new();

    private protected LocalHostServer Server { get; private set; } = null!;

    /// <summary>The documents folder the host researches.</summary>
    private protected virtual string DocumentsPath => Corpus.Root;

    /// <summary>Settings added to the host's.</summary>
    private protected virtual IReadOnlyDictionary<string, string?>? HostSettings => null;

    /// <summary>Services added to the host's (after its own).</summary>
    private protected virtual void AddServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Server = await LocalHostServer.StartAsync(azurite, DocumentsPath, HostSettings, AddServices);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the host listens on {Server.BaseAddress}");
    }

    /// <summary>A browser context of its own on this test's host, with <paramref name="token"/> as the client's bearer token.</summary>
    private protected async Task<ResearchPage> OpenPageAsync(string? token = null)
    {
        var page = await ResearchPage.OpenAsync(chromium.Browser, Server.BaseAddress, token);
        pages.Add(page);
        return page;
    }

    /// <summary>A question the test corpus answers, held in its plan step until <see cref="HeldPlans.Release"/>.</summary>
    private protected string HeldQuestion()
    {
        var question = HeldPlans.NewQuestion();
        heldQuestions.Add(question);
        return question;
    }

    /// <summary>
    /// A page of its own that started a research of a <see cref="HeldQuestion"/> from the form (with
    /// <paramref name="start"/>, or as a standard research); returns once the research is held in its
    /// plan step and the page shows its first event.
    /// </summary>
    private protected async Task<(ResearchPage Browser, string Question, string ResearchId)> StartHeldResearchAsync(
        Func<ResearchPage, string, Task<string>>? start = null)
    {
        var browser = await OpenPageAsync();
        await browser.GotoAsync("/");
        var question = HeldQuestion();
        var researchId = await (start ?? ((page, held) => page.StartAsync(held)))(browser, question);
        await HeldPlans.WaitUntilHeldAsync(question);
        await browser.WaitForLogRowsAsync(1);
        return (browser, question, researchId);
    }

    public async Task DisposeAsync()
    {
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the test ended");
        foreach (var question in heldQuestions)
            HeldPlans.Release(question);
        foreach (var page in pages)
        {
            // What each page showed and reported (the excused problems too), for a failure's diagnosis.
            if (!page.Page.IsClosed) output.WriteLine($"The page shows: {await page.DescribeAsync()}");
            foreach (var problem in page.Problems) output.WriteLine($"The page reported {problem}");
            await page.DisposeAsync();
        }
        if (Server is not null) await Server.DisposeAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the host stopped");
        Corpus.Dispose();
        CleanUp();
    }

    /// <summary>Removes what a derived class made for its test.</summary>
    private protected virtual void CleanUp()
    {
    }
}
