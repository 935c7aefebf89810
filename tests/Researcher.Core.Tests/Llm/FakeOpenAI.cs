using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Researcher.Core.Llm;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Llm;

/// <summary>
/// The OpenAI API's wire format, for loopback fakes: chat completions (whole and streamed),
/// embeddings and error answers, as the real service sends them.
/// </summary>
internal static class FakeOpenAI
{
    public const string ApiKey = "sk-test-0123456789-very-secret";

    /// <summary>
    /// Provider clients for tests whose fake answers every call at once: the default limits without
    /// retries, so a failure surfaces on its first answer. Shared by those tests for the whole run; a
    /// test of the limits or the retries makes its own with <see cref="Clients"/>.
    /// </summary>
    public static ProviderHttpClients Http { get; } = Clients();

    /// <summary>Provider clients with these limits, retrying after 10 ms (or what a Retry-After asks).</summary>
    public static ProviderHttpClients Clients(
        int maxRetries = 0, int maxConcurrentRequests = 4, TimeSpan? attemptTimeout = null, TimeProvider? time = null) =>
        new(Options.Create(new ProviderRequestOptions
        {
            MaxRetries = maxRetries,
            MaxConcurrentRequests = maxConcurrentRequests,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            AttemptTimeout = attemptTimeout ?? new ProviderRequestOptions().AttemptTimeout,
        }), time ?? TimeProvider.System);

    /// <summary>Options pointing the <see cref="LlmOptions.OpenAI"/> provider at <paramref name="server"/>'s <c>/v1</c>.</summary>
    public static LlmOptions OptionsFor(LoopbackHttpServer server, string provider = LlmOptions.OpenAI, string? apiKey = ApiKey) => new()
    {
        Provider = provider,
        Endpoint = new Uri(server.BaseAddress, "v1").ToString(),
        ApiKey = apiKey,
        FastModel = "fast-model",
        SmartModel = "smart-model",
        EmbeddingModel = "embedding-model",
        MaxOutputTokens = 321,
    };

    /// <summary>A handler answering the n-th chat request with the n-th content (the last one repeats).</summary>
    public static Func<HttpContext, Task> ChatAnswers(params (string Content, int PromptTokens, int CompletionTokens)[] answers)
    {
        var next = -1;
        return context =>
        {
            var index = Math.Min(Interlocked.Increment(ref next), answers.Length - 1);
            var (content, prompt, completion) = answers[index];
            return WriteJsonAsync(context, 200, ChatCompletion(content, prompt, completion));
        };
    }

    public static Func<HttpContext, Task> ChatAnswers(params string[] contents) =>
        ChatAnswers([.. contents.Select(c => (c, 10, 5))]);

    public static string ChatCompletion(string content, int promptTokens = 10, int completionTokens = 5) =>
        OpenAIWire.ChatCompletion(content, promptTokens, completionTokens);

    /// <summary>
    /// A streamed answer: one <c>data:</c> event per piece, one with the finish reason, then (as the
    /// service does when asked for <c>stream_options.include_usage</c>) one with no choices and the
    /// call's usage, then <c>[DONE]</c>.
    /// </summary>
    public static async Task StreamAsync(HttpContext context, (int Prompt, int Completion) usage, params string[] pieces)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        var events = new StringBuilder();
        foreach (var piece in pieces)
            events.Append("data: ").Append(Chunk(new { role = "assistant", content = piece }, null)).Append("\n\n");
        events.Append("data: ").Append(Chunk(new { }, "stop")).Append("\n\n");
        events.Append("data: ").Append(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "fake-model",
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = usage.Prompt, completion_tokens = usage.Completion, total_tokens = usage.Prompt + usage.Completion },
        })).Append("\n\n");
        events.Append("data: [DONE]\n\n");
        await context.Response.WriteAsync(events.ToString());
    }

    /// <summary>
    /// Answers an embeddings request with <paramref name="vectors"/> in the encoding it asked for: as
    /// base64 of little-endian 32-bit floats for <c>"encoding_format": "base64"</c> (what the SDK asks
    /// for), as arrays of numbers otherwise; the usage counts 4 tokens.
    /// </summary>
    public static Task EmbeddingsAsync(HttpContext context, params float[][] vectors) => EmbeddingsAsync(context, _ => vectors);

    /// <summary>As <see cref="EmbeddingsAsync(HttpContext, float[][])"/>, with the vectors <paramref name="vectorsFor"/> gives the request's inputs.</summary>
    public static async Task EmbeddingsAsync(HttpContext context, Func<IReadOnlyList<string>, IEnumerable<float[]>> vectorsFor)
    {
        var request = await JsonDocument.ParseAsync(context.Request.Body);
        var base64 = request.RootElement.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        var vectors = vectorsFor([.. request.RootElement.GetProperty("input").EnumerateArray().Select(input => input.GetString()!)]);
        await WriteJsonAsync(context, 200, JsonSerializer.Serialize(new
        {
            @object = "list",
            data = vectors.Select((vector, index) => new
            {
                @object = "embedding",
                index,
                embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector,
            }),
            model = "embedding-model",
            usage = new { prompt_tokens = 4, total_tokens = 4 },
        }));
    }

    public static string Error(string message, string code) =>
        JsonSerializer.Serialize(new { error = new { message, type = "requests", param = (string?)null, code } });

    public static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>The request body as JSON, to check what the client sent.</summary>
    public static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static string Chunk(object delta, string? finishReason) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "fake-model",
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        });
}
