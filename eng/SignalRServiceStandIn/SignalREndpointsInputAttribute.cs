using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>The input binding that gives the <see cref="SignalREndpoint"/> list of a hub.</summary>
    public sealed class SignalREndpointsInputAttribute : InputBindingAttribute
    {
        public SignalREndpointsInputAttribute(string hubName)
        {
            HubName = hubName;
        }

        public SignalREndpointsInputAttribute(string hubName, string connectionStringSetting)
        {
            HubName = hubName;
            ConnectionStringSetting = connectionStringSetting;
        }

        /// <summary>The app setting holding the Azure SignalR connection.</summary>
        public string? ConnectionStringSetting { get; set; }

        /// <summary>The hub whose endpoints are listed.</summary>
        public string? HubName { get; set; }
    }
}
