using Researcher.Core.Contracts;

namespace Researcher.Core.Api;

/// <summary>
/// One answer of the research HTTP contract, independent of the host that sends it: a status, a
/// body (JSON written with <see cref="ResearchJson.Options"/>, text, or a problem) and the headers
/// the contract uses. Each host turns it into its own response type and nothing else.
/// </summary>
public sealed record ApiAnswer(int Status, object? Json, string? Text, string ContentType, string? Location = null, int? RetryAfterSeconds = null)
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    public static ApiAnswer Ok(object body) => new(200, body, null, JsonContentType);

    /// <summary>202: accepted or not ready yet; <paramref name="location"/> is where to look next.</summary>
    public static ApiAnswer Accepted(string location, object body, int? retryAfterSeconds = null) =>
        new(202, body, null, JsonContentType, location, retryAfterSeconds);

    public static ApiAnswer Markdown(string text) => new(200, null, text, MarkdownContentType);

    public static ApiAnswer Problem(Problem problem, int? retryAfterSeconds = null) =>
        new(problem.Status, problem, null, Contracts.Problem.ContentType, null, retryAfterSeconds);
}

/// <summary>A subscription Core allowed: the host adds the SignalR connection to the research's group.</summary>
public sealed record ProgressSubscription(string ConnectionId, string GroupName);
