using System.Text.Json;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>The statuses of the contract, as the API spells them.</summary>
public static class ResearchStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Completed or Failed or Cancelled;
}

/// <summary>The event types of the contract, as the API spells them.</summary>
public static class EventTypes
{
    public const string ResearchStarted = "researchStarted";
    public const string ResearchCompleted = "researchCompleted";
    public const string ResearchFailed = "researchFailed";
    public const string ResearchCancelled = "researchCancelled";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ResearchStarted, "stepStarted", "stepCompleted", "sourceFound", "subQuestionCompleted", "subQuestionFailed", "warning", ResearchCompleted, ResearchFailed, ResearchCancelled,
    };

    public static bool IsFinal(string type) => type is ResearchCompleted or ResearchFailed or ResearchCancelled;

    /// <summary>The status a research has once its log ends with <paramref name="finalType"/>.</summary>
    public static string StatusOf(string finalType) => finalType switch
    {
        ResearchCompleted => ResearchStatuses.Completed,
        ResearchFailed => ResearchStatuses.Failed,
        ResearchCancelled => ResearchStatuses.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(finalType), finalType, "Not a final event type."),
    };
}

/// <summary>What <c>GET /api/research/{id}</c> said (the fields the suite looks at).</summary>
public sealed record ResearchState(string Id, string Status, int Percent, string? CurrentStep, string? Message, string? Failure)
{
    public bool IsFinal => ResearchStatuses.IsFinal(Status);

    public static ResearchState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ResearchState(
            root.GetProperty("id").GetString()!,
            root.GetProperty("status").GetString()!,
            root.TryGetProperty("percent", out var percent) ? percent.GetInt32() : 0,
            Text(root, "currentStep"),
            Text(root, "message"),
            Text(root, "failure"));
    }

    public override string ToString() =>
        $"{Status} {Percent}% step '{CurrentStep}' ('{Message}')" + (Failure is null ? "" : $", failure '{Failure}'");

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One event as the API served it: the fields the suite checks, and its JSON exactly as received.</summary>
public sealed record ServedEvent(string ResearchId, long Sequence, string Type, string? Step, int Percent, string Json)
{
    public bool IsFinal => EventTypes.IsFinal(Type);

    public static ServedEvent From(JsonElement element) => new(
        element.GetProperty("researchId").GetString()!,
        element.GetProperty("sequence").GetInt64(),
        element.GetProperty("type").GetString()!,
        element.TryGetProperty("step", out var step) ? step.GetString() : null,
        element.TryGetProperty("percent", out var percent) ? percent.GetInt32() : 0,
        element.GetRawText());

    public override string ToString() => $"#{Sequence} {Type} ({Step}, {Percent}%)";
}

/// <summary>One page of <c>GET /api/research/{id}/events</c>.</summary>
public sealed record EventsPage(string Id, IReadOnlyList<ServedEvent> Events, long LastSequence)
{
    public static EventsPage Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new EventsPage(
            root.GetProperty("id").GetString()!,
            root.GetProperty("events").EnumerateArray().Select(ServedEvent.From).ToList(),
            root.GetProperty("lastSequence").GetInt64());
    }
}

/// <summary>An HTTP answer read whole: status, headers that matter here, and body.</summary>
public sealed record ApiAnswer(int StatusCode, string? MediaType, string? RetryAfter, string Body)
{
    public override string ToString() =>
        $"{StatusCode} ({MediaType ?? "no content type"}{(RetryAfter is null ? "" : $", Retry-After {RetryAfter}")}): {Shorten(Body)}";

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "...";
}
