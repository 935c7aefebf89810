using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Researcher.Core.Llm;

/// <summary>A model's answer read into <typeparamref name="T"/>, with what it cost.</summary>
/// <param name="Value">The parsed, validated answer.</param>
/// <param name="Usage">Tokens of all attempts together.</param>
/// <param name="Attempts">1 when the first answer was accepted, 2 after a repair.</param>
public sealed record StructuredAnswer<T>(T Value, LlmUsage Usage, int Attempts);

/// <summary>
/// Asks a chat model for a JSON answer of a given shape and reads it into a .NET type: the engine's
/// way of getting plans, queries and judgements from a model as data rather than prose.
/// </summary>
/// <remarks>
/// The request asks for JSON twice over: the JSON response format (OpenAI's <c>json_object</c>,
/// which Azure OpenAI, Ollama and most compatible servers honour; a caller's own
/// <see cref="ChatOptions.ResponseFormat"/> is kept) and an instruction with the JSON schema of
/// <typeparamref name="T"/>, for servers that ignore the format. An answer in a Markdown code fence
/// is unwrapped. A first answer that is not JSON of that shape, or that <c>validate</c> rejects, gets
/// exactly one repair attempt (the answer and its faults go back, corrected JSON is asked for);
/// after that the call fails with <see cref="LlmAnswerException"/>.
/// </remarks>
public static partial class StructuredAnswers
{
    /// <summary>
    /// How answers are read: the repo's JSON conventions (<see cref="Contracts.ResearchJson"/>:
    /// camelCase, enums as camelCase strings), but lenient where models are sloppy and harmless
    /// (unknown properties, comments, trailing commas) and strict where it matters (missing
    /// constructor parameters and nulls in non-nullable properties are faults to repair).
    /// </summary>
    public static JsonSerializerOptions AnswerJson { get; } = CreateAnswerJson();

    /// <summary>
    /// Sends <paramref name="messages"/> (not modified) to <paramref name="client"/> and returns the
    /// answer as <typeparamref name="T"/>.
    /// </summary>
    /// <param name="validate">
    /// The answer's faults beyond its JSON shape, empty when it is acceptable. Its messages go back to
    /// the model and into <see cref="LlmAnswerException"/>, so they should describe, not quote, the answer.
    /// </param>
    /// <exception cref="LlmAnswerException">The repaired answer was still not acceptable.</exception>
    public static async Task<StructuredAnswer<T>> AskAsync<T>(
        IChatClient client,
        IList<ChatMessage> messages,
        Func<T, IReadOnlyList<string>> validate,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(validate);

        var conversation = Conversation<T>(messages);
        var requestOptions = options?.Clone() ?? new ChatOptions();
        requestOptions.ResponseFormat ??= ChatResponseFormat.Json;

        var first = await client.GetResponseAsync(conversation, requestOptions, cancellationToken).ConfigureAwait(false);
        var usage = LlmUsage.From(first.Usage);
        var firstReading = Read(first.Text, validate);
        if (firstReading.Accepted)
            return new StructuredAnswer<T>(firstReading.Value!, usage, 1);

        conversation.Add(new ChatMessage(ChatRole.Assistant, first.Text));
        conversation.Add(new ChatMessage(ChatRole.User, RepairRequest(firstReading.FaultsForModel)));
        var second = await client.GetResponseAsync(conversation, requestOptions, cancellationToken).ConfigureAwait(false);
        usage += LlmUsage.From(second.Usage);
        var secondReading = Read(second.Text, validate);
        if (secondReading.Accepted)
            return new StructuredAnswer<T>(secondReading.Value!, usage, 2);

        throw new LlmAnswerException(typeof(T).Name, secondReading.FaultsForReport, usage);
    }

    /// <summary>The JSON inside a Markdown code fence, or the whole answer when it is not fenced.</summary>
    internal static string Unfence(string answer)
    {
        var trimmed = answer.Trim();
        // Only an answer that does not itself start as JSON is searched for a fence: a JSON string
        // value may contain backticks.
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            return trimmed;
        var fenced = CodeFence().Match(trimmed);
        return fenced.Success ? fenced.Groups["body"].Value.Trim() : trimmed;
    }

    /// <summary>
    /// The messages <see cref="AskAsync{T}"/> sends first: <paramref name="messages"/> with the
    /// instruction giving the answer's JSON schema inserted after their leading system messages (some
    /// chat templates reject a system message that does not come first). What a call's estimate counts.
    /// </summary>
    internal static List<ChatMessage> Conversation<T>(IList<ChatMessage> messages)
    {
        var conversation = new List<ChatMessage>(messages);
        var leadingSystemMessages = conversation.TakeWhile(m => m.Role == ChatRole.System).Count();
        conversation.Insert(leadingSystemMessages, new ChatMessage(ChatRole.System, ShapeOf<T>.Instruction));
        return conversation;
    }

    private static string RepairRequest(IReadOnlyList<string> faults) =>
        "Your previous answer could not be accepted:\n" +
        string.Join("\n", faults.Select(f => "- " + f)) +
        "\nReply with the corrected JSON only, matching the schema given before.";

    private static Reading<T> Read<T>(string? answer, Func<T, IReadOnlyList<string>> validate)
    {
        if (string.IsNullOrWhiteSpace(answer))
            return Reading<T>.Rejected(["The answer was empty."]);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(Unfence(answer), AnswerJson);
        }
        catch (JsonException failure)
        {
            // The serializer's message may quote the answer: the model gets it, the exception only
            // the position.
            var where = failure.LineNumber is { } line
                ? $" (line {line + 1}, byte {failure.BytePositionInLine + 1})"
                : "";
            return new Reading<T>(default, [failure.Message], [$"The answer was not valid JSON for {typeof(T).Name}{where}."]);
        }
        if (value is null)
            return Reading<T>.Rejected(["The answer was JSON null, not a value."]);
        var faults = validate(value);
        return faults.Count == 0 ? new Reading<T>(value, [], []) : Reading<T>.Rejected(faults);
    }

    private static JsonSerializerOptions CreateAnswerJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex(@"```[A-Za-z0-9_+-]*[ \t]*\r?\n?(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeFence();

    /// <summary>The instruction asking for an answer of type <typeparamref name="T"/>, with its JSON schema (built once per type).</summary>
    private static class ShapeOf<T>
    {
        public static readonly string Instruction =
            "Answer with one JSON value only, no prose and no code fence. It must match this JSON schema:\n" +
            AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: AnswerJson).GetRawText();
    }

    /// <summary>One answer read: the value if accepted, else its faults for the model and for the report.</summary>
    private sealed record Reading<T>(T? Value, IReadOnlyList<string> FaultsForModel, IReadOnlyList<string> FaultsForReport)
    {
        public bool Accepted => FaultsForReport.Count == 0;

        public static Reading<T> Rejected(IReadOnlyList<string> faults) => new(default, faults, faults);
    }
}
