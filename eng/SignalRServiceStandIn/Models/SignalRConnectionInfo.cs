namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>What a client needs to connect to SignalR Service.</summary>
    public sealed class SignalRConnectionInfo
    {
        /// <summary>The service URL the client connects to.</summary>
        public string Url { get; set; }

        /// <summary>The access token the client connects with.</summary>
        public string AccessToken { get; set; }
    }
}
