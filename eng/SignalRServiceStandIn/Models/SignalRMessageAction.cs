using System;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>A message to SignalR clients: a target method and its arguments, for one connection, user or group (or everyone).</summary>
    public sealed class SignalRMessageAction
    {
        /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
        public SignalRMessageAction(string target)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target));
        }

        /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
        public SignalRMessageAction(string target, object[]? arguments) : this(target)
        {
            Arguments = arguments;
        }

        /// <summary>Send to this connection only.</summary>
        public string? ConnectionId { get; set; }

        /// <summary>Send to this user only.</summary>
        public string? UserId { get; set; }

        /// <summary>Send to this group only.</summary>
        public string? GroupName { get; set; }

        /// <summary>The client method invoked.</summary>
        public string Target { get; }

        /// <summary>The arguments of the client method.</summary>
        public object[]? Arguments { get; set; }

        /// <summary>The endpoints to send through; null sends through all.</summary>
        public SignalREndpoint[]? Endpoints { get; set; }
    }
}
