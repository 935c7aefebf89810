using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Researcher.Testing;

/// <summary>
/// The outside world of a research with real providers, on one loopback server: a Tavily search
/// API (<c>POST /search</c>), the web pages its results name (<c>GET /pages/{name}</c>), and an
/// OpenAI-compatible chat-completions API (<c>POST /v1/chat/completions</c>) that answers each of
/// the engine's prompts (plan, notes, report, section, introduction and conclusion) in the shape
/// asked for, from what the prompt holds, and reports token usage (about four characters a token).
/// Deterministic; every request is recorded.
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

    private readonly LoopbackHttpServer server;

    private FakeProviderWeb(LoopbackHttpServer server) => this.server = server;

    public Uri BaseAddress => server.BaseAddress;

    public IReadOnlyList<RecordedRequest> Requests => server.Requests;

    /// <summary>The page addresses the fake web serves, as search results name them.</summary>
    public IReadOnlyList<string> PageUrls => Pages.Select(page => new Uri(BaseAddress, $"pages/{page.Name}").AbsoluteUri).ToList();

    /// <summary>The chat requests the engine sent, as JSON bodies.</summary>
    public IReadOnlyList<JsonElement> ChatRequests =>
        Requests.Where(r => r.PathAndQuery.StartsWith("/v1/chat/completions", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    public static async Task<FakeProviderWeb> StartAsync()
    {
        FakeProviderWeb? web = null;
        var server = await LoopbackHttpServer.StartAsync(context => web!.AnswerAsync(context));
        web = new FakeProviderWeb(server);
        return web;
    }

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
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Method == "POST" && path == "/search")
            await JsonAsync(context, Search());
        else if (context.Request.Method == "GET" && path.StartsWith("/pages/", StringComparison.Ordinal)
                 && Pages.FirstOrDefault(p => p.Name == path["/pages/".Length..]) is { Name: not null } page)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!doctype html><html><head><title>{page.Title}</title></head><body><nav>Home | About</nav><article><h1>{page.Title}</h1>" +
                string.Concat(page.Paragraphs.Select(p => $"<p>{p}</p>")) + "</article></body></html>");
        }
        else if (context.Request.Method == "POST" && path == "/v1/chat/completions")
        {
            context.Request.Body.Position = 0;
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            await JsonAsync(context, Chat(body.RootElement));
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

    /// <summary>A chat completion answering the engine's prompt by its kind.</summary>
    private static string Chat(JsonElement request)
    {
        var messages = request.GetProperty("messages").EnumerateArray().ToList();
        var system = messages[0].GetProperty("content").ToString();
        var user = messages.Count > 1 ? messages[^1].GetProperty("content").ToString() : "";
        var content = system switch
        {
            _ when system.Contains("You plan a research task", StringComparison.Ordinal) => JsonSerializer.Serialize(new
            {
                subQuestions = new[]
                {
                    new { question = "What are spring and neap tides?", title = "Spring and neap tides" },
                    new { question = "Why do tides differ along coasts?", title = "Tides along coasts" },
                },
            }),
            _ when system.Contains("You take research notes", StringComparison.Ordinal) => JsonSerializer.Serialize(new
            {
                relevant = true,
                notes = PassageText().Matches(user).Select(m => m.Groups["text"].Value.Trim()).Select(FirstSentence).ToArray(),
            }),
            _ when system.Contains("Write its introduction and its conclusion", StringComparison.Ordinal) =>
                $"## Introduction\n\nTides are the daily rise and fall of the sea {Cite(Sources(user).Take(1))}.\n\n" +
                $"## Conclusion\n\nThe Moon, the Sun and the coast together shape each tide {Cite(Sources(user))}.",
            _ when system.Contains("You write ONE section", StringComparison.Ordinal) =>
                string.Join(" ", Sources(user).Select(n => $"Source {n} explains part of this sub-question [{n}].")),
            _ => "## Summary\n\nThe Moon's gravity raises tides, and the Sun and the coast shape them " + Cite(Sources(user)) + ".\n\n" +
                 string.Join("\n\n", Titles().Matches(user).Select(m =>
                     $"## {m.Groups["title"].Value.Trim()}\n\nWhat the sources say on this [1].")),
        };
        var promptTokens = messages.Sum(m => m.GetProperty("content").ToString().Length) / 4;
        var completionTokens = Math.Max(1, content.Length / 4);
        return JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = request.GetProperty("model").GetString(),
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });
    }

    private static IEnumerable<int> Sources(string prompt) =>
        SourceNumber().Matches(prompt).Select(m => int.Parse(m.Groups["n"].Value)).Distinct().Order();

    private static string Cite(IEnumerable<int> sources) => string.Concat(sources.Select(n => $"[{n}]"));

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    private static Task JsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [GeneratedRegex(@"<passage>\s*(?:Section:[^\n]*\n\s*)?(?<text>.*?)</passage>", RegexOptions.Singleline)]
    private static partial Regex PassageText();

    [GeneratedRegex(@"source=""(?<n>\d+)""|\[(?<n>\d+)\]")]
    private static partial Regex SourceNumber();

    [GeneratedRegex(@"^Title: (?<title>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Titles();
}
