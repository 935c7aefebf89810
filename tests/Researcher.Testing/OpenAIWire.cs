using System.Text.Json;

namespace Researcher.Testing;

/// <summary>The OpenAI chat-completions API's answers as the service writes them, for loopback fakes.</summary>
public static class OpenAIWire
{
    /// <summary>A whole (non-streamed) chat completion of <paramref name="content"/> with its token usage.</summary>
    public static string ChatCompletion(string content, int promptTokens, int completionTokens, string? model = "fake-model") =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });
}
