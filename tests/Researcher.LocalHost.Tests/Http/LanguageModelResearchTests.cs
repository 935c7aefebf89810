using System.Net;
using System.Net.Http.Json;
using Researcher.Core.Contracts;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>
/// Research with real providers, over real HTTP: the local host on Azurite talks to a fake
/// OpenAI-compatible model server and a fake Tavily on loopback, reads the pages the search
/// names through the SSRF-safe fetcher, and reports what it spent.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class LanguageModelResearchTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Question = "How do tides form?";

    private readonly TestCorpus corpus = new();
    private FakeProviderWeb web = null!;
    private LocalHostServer server = null!;

    public async Task InitializeAsync()
    {
        web = await FakeProviderWeb.StartAsync();
        server = await LocalHostServer.StartAsync(azurite, corpus.Root, web.Settings());
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await web.DisposeAsync();
        corpus.Dispose();
    }

    [Theory]
    [InlineData("research_report")]
    [InlineData("detailed_report")]
    public async Task A_report_cites_only_fetched_pages_and_the_status_shows_tokens_and_cost(string reportType)
    {
        var researchId = await StartAsync(new { question = Question, reportType });

        var status = await server.WaitForEndAsync(researchId);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        var markdown = await server.Client.GetStringAsync($"/api/research/{researchId}/report");

        var fetched = web.Requests.Where(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/pages/", StringComparison.Ordinal))
            .Select(r => new Uri(web.BaseAddress, r.PathAndQuery).AbsoluteUri).ToHashSet();
        var cited = ReportCitations.AssertResolve(markdown, fetched);
        Assert.Equal(FakeProviderWeb.Pages.Count, cited.Count);
        // Every sub-question's search finds the three pages; each is fetched once.
        Assert.Equal(FakeProviderWeb.Pages.Count, web.Requests.Count(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/pages/", StringComparison.Ordinal)));

        var spending = Assert.IsType<ResearchSpending>(status.Spending);
        var chats = web.ChatRequests;
        Assert.Equal(chats.Count, spending.Usage.Calls);
        Assert.True(spending.Usage.InputTokens > 0 && spending.Usage.OutputTokens > 0, $"No tokens counted: {spending.Usage}");
        Assert.Equal(spending.Usage.InputTokens + spending.Usage.OutputTokens, spending.Usage.TotalTokens);
        Assert.True(spending.Usage.Cost > 0m, $"No cost: {spending.Usage}");
        Assert.Equal("USD", spending.Currency);
        Assert.False(spending.BudgetReached);
        Assert.Contains("## About this research", markdown);
        // Notes were taken from each page for each sub-question that found it, with the fast model.
        Assert.Contains(chats, chat => chat.GetProperty("model").GetString() == "fake-fast"
            && chat.GetProperty("messages")[0].GetProperty("content").GetString()!.Contains("You take research notes", StringComparison.Ordinal));

        if (reportType == "detailed_report")
        {
            Assert.Contains("## Introduction", markdown);
            Assert.Contains("## Conclusion", markdown);
            Assert.True(markdown.IndexOf("## Introduction", StringComparison.Ordinal) < markdown.IndexOf("## Spring and neap tides", StringComparison.Ordinal));
            Assert.True(markdown.IndexOf("## Tides along coasts", StringComparison.Ordinal) < markdown.IndexOf("## Conclusion", StringComparison.Ordinal));
            // One section call per researched sub-question (three), then one for the introduction and conclusion.
            Assert.Equal(3, chats.Count(c => SystemPrompt(c).Contains("You write ONE section", StringComparison.Ordinal)));
            Assert.Single(chats, c => SystemPrompt(c).Contains("Write its introduction and its conclusion", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_budget_reached_while_gathering_still_ends_in_a_report_that_says_so()
    {
        // A token budget that pays for planning and a few notes, not for all nine (three pages, three sub-questions).
        var researchId = await StartAsync(new { question = Question, maxTokens = 9_000 });

        var status = await server.WaitForEndAsync(researchId);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        var spending = Assert.IsType<ResearchSpending>(status.Spending);
        Assert.True(spending.BudgetReached);
        Assert.Equal(9_000, spending.Budget.MaxTokens);
        Assert.True(spending.Usage.TotalTokens <= 9_000, $"Spent {spending.Usage.TotalTokens} tokens of a 9000 budget.");
        var notes = web.ChatRequests.Count(c => SystemPrompt(c).Contains("You take research notes", StringComparison.Ordinal));
        Assert.InRange(notes, 0, 8);

        var markdown = await server.Client.GetStringAsync($"/api/research/{researchId}/report");
        Assert.Contains("reached its budget", markdown);
        Assert.Contains("9,000 tokens", markdown);
    }

    [Fact]
    public async Task Report_options_are_checked_before_a_research_starts()
    {
        var unknownTone = await server.Client.PostAsJsonAsync("/api/research", new { question = Question, tone = "sarcastic" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownTone.StatusCode);
        Assert.Contains("objective", await unknownTone.Content.ReadAsStringAsync());

        var customWithoutInstructions = await server.Client.PostAsJsonAsync("/api/research", new { question = Question, reportType = "custom_report" });
        Assert.Equal(HttpStatusCode.BadRequest, customWithoutInstructions.StatusCode);
        Assert.Contains("instructions", await customWithoutInstructions.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_custom_report_in_a_tone_and_language_passes_them_to_the_writer()
    {
        var researchId = await StartAsync(new
        {
            question = Question,
            reportType = "custom_report",
            instructions = "Write a one-paragraph briefing for harbour pilots.",
            tone = "formal",
            language = "German",
            targetWords = 300,
        });

        var status = await server.WaitForEndAsync(researchId);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        var writer = Assert.Single(web.ChatRequests, c => c.GetProperty("model").GetString() == "fake-smart");
        var system = SystemPrompt(writer);
        Assert.Contains("formal", system);
        Assert.Contains("write in German", system);
        Assert.Contains("about 300 words", system);
        Assert.Contains("Write a one-paragraph briefing for harbour pilots.", writer.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_research_of_listed_pages_reads_those_pages_only_and_never_searches()
    {
        var listed = web.PageUrls.Take(2).ToArray();
        var researchId = await StartAsync(new { question = Question, sourceUrls = listed });

        var status = await server.WaitForEndAsync(researchId);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        var markdown = await server.Client.GetStringAsync($"/api/research/{researchId}/report");
        var cited = ReportCitations.AssertResolve(markdown, listed);
        Assert.Equal(2, cited.Count);
        Assert.DoesNotContain(web.Requests, r => r.PathAndQuery == "/search");
        // Each listed page was fetched once, for planning; the branches found it stored.
        Assert.Equal(listed.Length, web.Requests.Count(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/pages/", StringComparison.Ordinal)));
        var planner = Assert.Single(web.ChatRequests, c => SystemPrompt(c).Contains("You plan a research task", StringComparison.Ordinal));
        var request = planner.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.Contains(FakeProviderWeb.Pages[0].Paragraphs[0], request);
    }

    [Fact]
    public async Task A_deep_research_extracts_learnings_with_the_fast_model_explores_their_follow_ups_and_cites_what_it_fetched()
    {
        var researchId = await StartAsync(new { question = Question, reportType = "deep", breadth = 2, depth = 2 });

        var status = await server.WaitForEndAsync(researchId);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        Assert.Equal("deep", status.ReportType);
        var events = await EventsAsync(researchId);
        var started = events.Where(e => e.Type == Core.Progress.ProgressEventType.BranchStarted).Select(e => e.Data!).ToList();
        // Two top-level queries, each with one child (breadth 2 halves to 1) from the follow-ups the model proposed.
        Assert.Equal(["1", "1.1", "2", "2.1"], started.Select(d => d["branch"]).Order(Core.Workflow.TreePath.Order));
        Assert.All(started.Where(d => d["depth"] == "2"), d => Assert.Contains("details", d["query"], StringComparison.Ordinal));

        var chats = web.ChatRequests;
        Assert.Equal(4, chats.Count(c => SystemPrompt(c).Contains("You extract research learnings", StringComparison.Ordinal)
            && c.GetProperty("model").GetString() == "fake-fast"));
        // Deep research learns in its branches: no separate note-taking.
        Assert.DoesNotContain(chats, c => SystemPrompt(c).Contains("You take research notes", StringComparison.Ordinal));

        var markdown = await server.Client.GetStringAsync($"/api/research/{researchId}/report");
        var fetched = web.Requests.Where(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/pages/", StringComparison.Ordinal))
            .Select(r => new Uri(web.BaseAddress, r.PathAndQuery).AbsoluteUri).ToHashSet();
        Assert.NotEmpty(ReportCitations.AssertResolve(markdown, fetched));
        // Each page is fetched once however many branches find it.
        Assert.Equal(fetched.Count, web.Requests.Count(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/pages/", StringComparison.Ordinal)));
        var spending = Assert.IsType<ResearchSpending>(status.Spending);
        Assert.Equal(chats.Count, spending.Usage.Calls);
    }

    private async Task<IReadOnlyList<Core.Progress.ProgressEvent>> EventsAsync(string researchId)
    {
        var response = await server.Client.GetAsync($"/api/research/{researchId}/events");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync<ResearchEventsResponse>(response)).Events;
    }

    private async Task<string> StartAsync(object request)
    {
        var response = await server.Client.PostAsJsonAsync("/api/research", request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync<ResearchAccepted>(response)).Id;
    }

    private static string SystemPrompt(System.Text.Json.JsonElement chat) =>
        chat.GetProperty("messages")[0].GetProperty("content").GetString() ?? "";
}
