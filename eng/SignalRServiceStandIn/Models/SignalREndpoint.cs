using System.Text.Json.Serialization;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>One SignalR Service endpoint of a hub.</summary>
    public sealed class SignalREndpoint
    {
        /// <summary>Its priority for client routing.</summary>
        public SignalREndpointType EndpointType { get; set; }

        /// <summary>Its name.</summary>
        public string Name { get; set; }

        /// <summary>Its URL.</summary>
        public string Endpoint { get; set; }

        /// <summary>Whether the service behind it is healthy.</summary>
        public bool Online { get; set; }
    }

    /// <summary>The priority of a <see cref="SignalREndpoint"/> for client routing.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public enum SignalREndpointType
    {
        /// <summary>Receives client traffic first.</summary>
        Primary,

        /// <summary>Receives client traffic only while no primary endpoint is available.</summary>
        Secondary
    }
}
