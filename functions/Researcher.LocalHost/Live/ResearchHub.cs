using Microsoft.AspNetCore.SignalR;

namespace Researcher.LocalHost.Live;

/// <summary>
/// The hub browsers connect to (after <c>POST /api/negotiate</c>). It only sends: a connection
/// hears of a research once <c>POST /api/research/{id}/subscribe</c> has added it to that
/// research's group, after the same visibility check as every read. Clients call nothing on it.
/// </summary>
public sealed class ResearchHub : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/" + Core.Progress.LiveProgress.HubName;
}
