using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>The SignalR output binding: a <see cref="SignalRMessageAction"/> sends a message, a <see cref="SignalRGroupAction"/> manages a group.</summary>
    public sealed class SignalROutputAttribute : OutputBindingAttribute
    {
        public SignalROutputAttribute()
        {
        }

        /// <summary>The app setting holding the Azure SignalR connection; the host uses <c>AzureSignalRConnectionString</c> when null.</summary>
        public string? ConnectionStringSetting { get; set; }

        /// <summary>The hub the action applies to.</summary>
        public string? HubName { get; set; }
    }
}
