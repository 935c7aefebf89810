using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Researcher.Testing;

/// <summary>
/// How long the fake takes to answer each kind of request, as a real provider would (a Tavily search,
/// a page on a web server, a model's completion); <see cref="None"/> answers at once.
/// </summary>
public sealed record ProviderLatencies(TimeSpan Search, TimeSpan Page, TimeSpan Chat)
{
    public static ProviderLatencies None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>The kinds of request <see cref="FakeProviderWeb"/> answers.</summary>
public enum ProviderRequestKind
{
    Search,
    Page,
    Chat,
}

/// <summary>The engine prompts a chat request can be, told apart by their system prompt.</summary>
public enum ChatPromptKind
{
    /// <summary>The planner's: sub-questions from the question and a first search.</summary>
    Plan,
    /// <summary>The note-taker's: notes from one source's passages for one sub-question.</summary>
    Notes,
    /// <summary>A deep-research branch's: learnings from its numbered passages, and follow-up queries.</summary>
    Learnings,
    /// <summary>One section of a detailed report.</summary>
    Section,
    /// <summary>The introduction and conclusion of a detailed report, from its written sections.</summary>
    Framing,
    /// <summary>A whole report in one call (research, resource, outline and custom reports).</summary>
    Report,
}

/// <summary>
/// One request the fake answered and when, on the <see cref="Stopwatch"/> clock of this process: from the
/// handler's start (the body already read) to the end of its answer, the latency included. <see cref="Prompt"/>
/// is set for chat requests only. <see cref="Subject"/> names what the request was for, where the fake can tell:
/// a search's query (its body's <c>query</c>) and a learnings chat's branch query (its <c>Branch query:</c> line);
/// null for every other request.
/// </summary>
public sealed record TimedProviderRequest(ProviderRequestKind Kind, ChatPromptKind? Prompt, long StartedAt, long EndedAt, string? Subject = null)
{
    public TimeSpan Duration => Stopwatch.GetElapsedTime(StartedAt, EndedAt);
}

/// <summary>
/// The outside world of a research with real providers, on one loopback server: a Tavily search
/// API (<c>POST /search</c>), the web pages its results name (<c>GET /pages/{name}</c>), and an
/// OpenAI-compatible chat-completions API (<c>POST /v1/chat/completions</c>) that answers each of
/// the engine's prompts (plan, notes, learnings, report, section, introduction and conclusion) in the shape
/// asked for, from what the prompt holds, and reports token usage (about four characters a token).
/// Deterministic; every request is recorded, and the answered ones are timed. Each kind of request
/// can wait a fixed latency before it is answered (<see cref="ProviderLatencies"/>), so that a
/// benchmark sees providers that take time as real ones do.
/// </summary>
public sealed partial class FakeProviderWeb : IAsyncDisposable
{
    public const string TavilyKey = "tvly-test-key-not-a-secret";

    /// <summary>The pages on the fake web: name, title, and paragraphs about tides.</summary>
    public static IReadOnlyList<(string Name, string Title, string[] Paragraphs)> Pages { get; } =
    [
        ("moon-gravity", "How the Moon raises tides", [
            "The Moon's gravity pulls the ocean on the side of the Earth facing it into a bulge of water.",
            "A second bulge forms on the far side, where the Moon's pull is weakest, so most coasts see two high tides a day."]),
        ("spring-neap", "Spring and neap tides", [
            "Spring tides happen at new and full moon, when the Sun and the Moon pull in line and tides range widest.",
            "Neap tides happen at the quarter moons, when the Sun's pull partly cancels the Moon's and tides range least."]),
        ("coast-shape", "Why tides differ along coasts", [
            "The shape of a coastline and the depth of the sea floor amplify or damp the tide locally.",
            "The Bay of Fundy funnels the tide into a range of up to sixteen metres."]),
    ];

    /// <summary>The sub-questions the fake's planner proposes, in order: as many as it is asked for, at most <see cref="StartAsync"/>'s limit.</summary>
    private static readonly (string Question, string Title)[] PlannedSubQuestions =
    [
        ("What are spring and neap tides?", "Spring and neap tides"),
        ("Why do tides differ along coasts?", "Tides along coasts"),
        ("What part does the Sun play in the tides?", "The Sun's part"),
    ];

    private readonly LoopbackHttpServer server;
    private readonly ProviderLatencies latencies;
    private readonly int maxPlannedSubQuestions;
    private readonly ConcurrentQueue<TimedProviderRequest> timings = new();

    private FakeProviderWeb(LoopbackHttpServer server, ProviderLatencies latencies, int maxPlannedSubQuestions)
    {
        this.server = server;
        this.latencies = latencies;
        this.maxPlannedSubQuestions = maxPlannedSubQuestions;
    }

    public Uri BaseAddress => server.BaseAddress;

    public IReadOnlyList<RecordedRequest> Requests => server.Requests;

    /// <summary>The searches, pages and chats answered so far, in the order their answers ended.</summary>
    public IReadOnlyList<TimedProviderRequest> Timings => [.. timings];

    /// <summary>The page addresses the fake web serves, as search results name them.</summary>
    public IReadOnlyList<string> PageUrls => Pages.Select(page => new Uri(BaseAddress, $"pages/{page.Name}").AbsoluteUri).ToList();

    /// <summary>The chat requests the engine sent, as JSON bodies.</summary>
    public IReadOnlyList<JsonElement> ChatRequests =>
        Requests.Where(r => r.PathAndQuery.StartsWith("/v1/chat/completions", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    /// <summary>
    /// Starts the fake; <paramref name="latencies"/> (none by default) delay every answer of their kind.
    /// Its planner proposes as many sub-questions as asked, at most <paramref name="maxPlannedSubQuestions"/>
    /// (2 by default, at most 3): with 3, a deep research of breadth 4 gets its 4 top-level queries
    /// (the question itself and 3 sub-questions).
    /// </summary>
    public static async Task<FakeProviderWeb> StartAsync(ProviderLatencies? latencies = null, int maxPlannedSubQuestions = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPlannedSubQuestions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPlannedSubQuestions, PlannedSubQuestions.Length);
        FakeProviderWeb? web = null;
        var server = await LoopbackHttpServer.StartAsync(context => web!.AnswerAsync(context));
        web = new FakeProviderWeb(server, latencies ?? ProviderLatencies.None, maxPlannedSubQuestions);
        return web;
    }

    /// <summary>Which engine prompt a chat request (its JSON body) is, by its system prompt.</summary>
    public static ChatPromptKind PromptKindOf(JsonElement chatRequest) =>
        KindOfSystemPrompt(chatRequest.GetProperty("messages")[0].GetProperty("content").ToString());

    private static ChatPromptKind KindOfSystemPrompt(string system) => system switch
    {
        _ when system.Contains("You plan a research task", StringComparison.Ordinal) => ChatPromptKind.Plan,
        _ when system.Contains("You take research notes", StringComparison.Ordinal) => ChatPromptKind.Notes,
        _ when system.Contains("You extract research learnings", StringComparison.Ordinal) => ChatPromptKind.Learnings,
        _ when system.Contains("Write its introduction and its conclusion", StringComparison.Ordinal) => ChatPromptKind.Framing,
        _ when system.Contains("You write ONE section", StringComparison.Ordinal) => ChatPromptKind.Section,
        _ => ChatPromptKind.Report,
    };

    /// <summary>The host settings that point the engine at this fake: OpenAI-compatible models with prices, Tavily search, the pages allowed.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Research:Llm:Provider"] = "OpenAICompatible",
        ["Research:Llm:Endpoint"] = new Uri(BaseAddress, "v1").AbsoluteUri,
        ["Research:Llm:FastModel"] = "fake-fast",
        ["Research:Llm:SmartModel"] = "fake-smart",
        ["Research:Llm:Prices:0:Model"] = "fake-fast",
        ["Research:Llm:Prices:0:InputPerMillionTokens"] = "0.15",
        ["Research:Llm:Prices:0:OutputPerMillionTokens"] = "0.60",
        ["Research:Llm:Prices:1:Model"] = "fake-smart",
        ["Research:Llm:Prices:1:InputPerMillionTokens"] = "2.50",
        ["Research:Llm:Prices:1:OutputPerMillionTokens"] = "10",
        ["Research:Search:Provider"] = "tavily",
        ["Research:Search:Tavily:BaseUrl"] = BaseAddress.AbsoluteUri,
        ["Research:Search:Tavily:ApiKey"] = TavilyKey,
        ["Research:Web:Fetch:AllowedHosts:0"] = BaseAddress.Authority,
    };

    private async Task AnswerAsync(HttpContext context)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Method == "POST" && path == "/search")
        {
            context.Request.Body.Position = 0;
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var query = body.RootElement.TryGetProperty("query", out var text) ? text.GetString() : null;
            await WaitAsync(latencies.Search, context);
            await JsonAsync(context, Search());
            timings.Enqueue(new TimedProviderRequest(ProviderRequestKind.Search, null, startedAt, Stopwatch.GetTimestamp(), query));
        }
        else if (context.Request.Method == "GET" && path.StartsWith("/pages/", StringComparison.Ordinal)
                 && Pages.FirstOrDefault(p => p.Name == path["/pages/".Length..]) is { Name: not null } page)
        {
            await WaitAsync(latencies.Page, context);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!doctype html><html><head><title>{page.Title}</title></head><body><nav>Home | About</nav><article><h1>{page.Title}</h1>" +
                string.Concat(page.Paragraphs.Select(p => $"<p>{p}</p>")) + "</article></body></html>");
            timings.Enqueue(new TimedProviderRequest(ProviderRequestKind.Page, null, startedAt, Stopwatch.GetTimestamp()));
        }
        else if (context.Request.Method == "POST" && path == "/v1/chat/completions")
        {
            context.Request.Body.Position = 0;
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var prompt = PromptKindOf(body.RootElement);
            var subject = prompt == ChatPromptKind.Learnings ? BranchQueryOf(UserMessage(body.RootElement)) : null;
            await WaitAsync(latencies.Chat, context);
            await JsonAsync(context, Chat(body.RootElement, maxPlannedSubQuestions));
            timings.Enqueue(new TimedProviderRequest(ProviderRequestKind.Chat, prompt, startedAt, Stopwatch.GetTimestamp(), subject));
        }
        else
            context.Response.StatusCode = 404;
    }

    private string Search() => JsonSerializer.Serialize(new
    {
        query = "tides",
        results = Pages.Select((page, index) => new
        {
            title = page.Title,
            url = PageUrls[index],
            content = page.Paragraphs[0],
            score = 0.9 - index * 0.1,
        }),
    });

    /// <summary>
    /// A chat completion answering the engine's prompt by its kind; a plan proposes as many
    /// sub-questions as asked, at most <paramref name="maxPlannedSubQuestions"/>.
    /// </summary>
    private static string Chat(JsonElement request, int maxPlannedSubQuestions)
    {
        var messages = request.GetProperty("messages").EnumerateArray().ToList();
        var system = messages[0].GetProperty("content").ToString();
        var user = UserMessage(request);
        var content = KindOfSystemPrompt(system) switch
        {
            ChatPromptKind.Plan => JsonSerializer.Serialize(new
            {
                subQuestions = PlannedSubQuestions
                    .Take(Math.Min(maxPlannedSubQuestions, SubQuestionsWanted().Match(system) is { Success: true } wanted
                        ? int.Parse(wanted.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 2))
                    .Select(planned => new { question = planned.Question, title = planned.Title })
                    .ToArray(),
            }),
            ChatPromptKind.Notes => JsonSerializer.Serialize(new
            {
                relevant = true,
                notes = PassageText().Matches(user).Select(m => m.Groups["text"].Value.Trim()).Select(FirstSentence).ToArray(),
            }),
            ChatPromptKind.Learnings => Learnings(user),
            ChatPromptKind.Framing =>
                $"## Introduction\n\nTides are the daily rise and fall of the sea {Cite(Sources(user).Take(1))}.\n\n" +
                $"## Conclusion\n\nThe Moon, the Sun and the coast together shape each tide {Cite(Sources(user))}.",
            ChatPromptKind.Section =>
                string.Join(" ", Sources(user).Select(n => $"Source {n} explains part of this sub-question [{n}].")),
            _ => "## Summary\n\nThe Moon's gravity raises tides, and the Sun and the coast shape them " + Cite(Sources(user)) + ".\n\n" +
                 string.Join("\n\n", Titles().Matches(user).Select(m =>
                     $"## {m.Groups["title"].Value.Trim()}\n\nWhat the sources say on this [1].")),
        };
        var promptTokens = messages.Sum(m => m.GetProperty("content").ToString().Length) / 4;
        var completionTokens = Math.Max(1, content.Length / 4);
        return OpenAIWire.ChatCompletion(content, promptTokens, completionTokens, request.GetProperty("model").GetString());
    }

    /// <summary>
    /// A branch's learnings: the first sentence of each of its first three passages, each citing its
    /// passage (the first learning cites [1]), and as many follow-ups as the prompt asks for, named
    /// after the branch's query ("QUERY details 1", ...), each with a goal.
    /// </summary>
    private static string Learnings(string user)
    {
        var query = BranchQueryOf(user) ?? "";
        var wanted = FollowUpsWanted().Match(user) is { Success: true } match ? int.Parse(match.Groups["n"].Value) : 0;
        return JsonSerializer.Serialize(new
        {
            learnings = NumberedPassage().Matches(user).Take(3).Select(m => new
            {
                text = FirstSentence(m.Groups["text"].Value.Trim()),
                sources = new[] { int.Parse(m.Groups["n"].Value) },
            }).ToArray(),
            followUps = Enumerable.Range(1, wanted).Select(n => new
            {
                query = $"{query} details {n}",
                goal = $"Details {n} of what is still unknown about {query}",
            }).ToArray(),
        });
    }

    /// <summary>A chat request's last message, the engine's request to the model (empty when it sent the system prompt alone).</summary>
    private static string UserMessage(JsonElement chatRequest)
    {
        var messages = chatRequest.GetProperty("messages");
        return messages.GetArrayLength() > 1 ? messages[messages.GetArrayLength() - 1].GetProperty("content").ToString() : "";
    }

    /// <summary>The query a learnings prompt names on its <c>Branch query:</c> line, or null.</summary>
    private static string? BranchQueryOf(string user) =>
        BranchQuery().Match(user) is { Success: true } match ? match.Groups["query"].Value.Trim() : null;

    private static IEnumerable<int> Sources(string prompt) =>
        SourceNumber().Matches(prompt).Select(m => int.Parse(m.Groups["n"].Value)).Distinct().Order();

    private static string Cite(IEnumerable<int> sources) => string.Concat(sources.Select(n => $"[{n}]"));

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    /// <summary>The provider's latency: the answer waits it out (a client that gave up ends the wait).</summary>
    private static Task WaitAsync(TimeSpan latency, HttpContext context) =>
        latency > TimeSpan.Zero ? Task.Delay(latency, context.RequestAborted) : Task.CompletedTask;

    private static Task JsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [GeneratedRegex(@"<passage>\s*(?:Section:[^\n]*\n\s*)?(?<text>.*?)</passage>", RegexOptions.Singleline)]
    private static partial Regex PassageText();

    [GeneratedRegex(@"<passage n=""(?<n>\d+)"">\s*(?:Source:[^\n]*\n)?(?:Section:[^\n]*\n)?\s*(?<text>.*?)</passage>", RegexOptions.Singleline)]
    private static partial Regex NumberedPassage();

    [GeneratedRegex(@"Propose 1 to (?<n>\d+) sub-questions")]
    private static partial Regex SubQuestionsWanted();

    [GeneratedRegex(@"^Branch query: (?<query>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex BranchQuery();

    [GeneratedRegex(@"^Follow-up queries to propose: at most (?<n>\d+)$", RegexOptions.Multiline)]
    private static partial Regex FollowUpsWanted();

    [GeneratedRegex(@"source=""(?<n>\d+)""|\[(?<n>\d+)\]")]
    private static partial Regex SourceNumber();

    [GeneratedRegex(@"^Title: (?<title>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Titles();
}
