using System.Text.Json.Serialization;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>Adds a connection or user to a group, removes it, or removes a user from every group.</summary>
    public sealed class SignalRGroupAction
    {
        public SignalRGroupAction(SignalRGroupActionType actionType)
        {
            Action = actionType;
        }

        /// <summary>The connection added or removed.</summary>
        public string? ConnectionId { get; set; }

        /// <summary>The user added or removed.</summary>
        public string? UserId { get; set; }

        /// <summary>The group; null with <see cref="SignalRGroupActionType.RemoveAll"/>.</summary>
        public string? GroupName { get; set; }

        /// <summary>What to do.</summary>
        public SignalRGroupActionType Action { get; set; }

        /// <summary>The endpoints to act on; null acts on all.</summary>
        public SignalREndpoint[]? Endpoints { get; set; }
    }

    /// <summary>What a <see cref="SignalRGroupAction"/> does.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public enum SignalRGroupActionType
    {
        /// <summary>Adds the user or connection to the group.</summary>
        Add,

        /// <summary>Removes the user or connection from the group.</summary>
        Remove,

        /// <summary>Removes the user from every group.</summary>
        RemoveAll
    }
}
