namespace Researcher.Core.Contracts;

/// <summary>The body of <c>POST /api/research/{id}/subscribe</c>: the SignalR connection to add to the research's group.</summary>
public sealed record SubscribeRequest(string? ConnectionId)
{
    /// <summary>Longer than any id ASP.NET Core SignalR or Azure SignalR Service hands out.</summary>
    public const int MaxConnectionIdLength = 128;

    /// <summary>Connection ids are URL-safe base64 or base64 (ASP.NET Core SignalR, Azure SignalR Service).</summary>
    public static bool IsWellFormedConnectionId(string? connectionId) =>
        connectionId is { Length: > 0 and <= MaxConnectionIdLength }
        && connectionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '+' or '/');
}

/// <summary>The 200 answer to <c>POST /api/research/{id}/subscribe</c>: the connection now receives the research's <c>progress</c> messages.</summary>
public sealed record SubscribeResponse(string Id, string ConnectionId, ResearchRuntimeStatus Status, ResearchLinks Links);
