using System;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>The SignalR trigger: a function run for a hub's connection events or client messages.</summary>
    public sealed class SignalRTriggerAttribute : TriggerBindingAttribute
    {
        public SignalRTriggerAttribute(string hubName, string category, string @event) : this(hubName, category, @event, Array.Empty<string>())
        {
        }

        public SignalRTriggerAttribute(string hubName, string category, string @event, params string[] parameterNames)
        {
            HubName = hubName;
            Category = category;
            Event = @event;
            ParameterNames = parameterNames;
        }

        /// <summary>The app setting holding the Azure SignalR connection.</summary>
        public string? ConnectionStringSetting { get; set; }

        /// <summary>The hub the event comes from.</summary>
        public string HubName { get; }

        /// <summary>The event: <c>connected</c> or <c>disconnected</c> for connections, the client's target for messages.</summary>
        public string Event { get; }

        /// <summary><c>connections</c> or <c>messages</c>.</summary>
        public string Category { get; }

        /// <summary>For messages: names given, in order, to the invocation's arguments.</summary>
        public string[] ParameterNames { get; }
    }
}
