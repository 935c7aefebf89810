namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>A client negotiation: every endpoint with its connection information, for the function to pick one.</summary>
    public sealed class SignalRNegotiationContext
    {
        /// <summary>The endpoints to choose from.</summary>
        public SignalREndpointConnectionInfo[] Endpoints { get; set; }
    }

    /// <summary>A SignalR endpoint and the connection information a client would use to connect through it.</summary>
    public sealed class SignalREndpointConnectionInfo
    {
        /// <summary>Its priority for client routing.</summary>
        public SignalREndpointType EndpointType { get; set; }

        /// <summary>Its name.</summary>
        public string Name { get; set; }

        /// <summary>Its URL.</summary>
        public string Endpoint { get; set; }

        /// <summary>Whether the service behind it is healthy.</summary>
        public bool Online { get; set; }

        /// <summary>What to return to the client that is to connect through this endpoint.</summary>
        public SignalRConnectionInfo ConnectionInfo { get; set; }
    }
}
