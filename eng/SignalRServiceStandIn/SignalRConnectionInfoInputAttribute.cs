using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>The input binding that gives a client the <see cref="SignalRConnectionInfo"/> (service URL and access token) to connect with.</summary>
    public sealed class SignalRConnectionInfoInputAttribute : InputBindingAttribute
    {
        /// <summary>The app setting holding the Azure SignalR connection; the host uses <c>AzureSignalRConnectionString</c> when null.</summary>
        public string? ConnectionStringSetting { get; set; }

        /// <summary>The hub the client will connect to.</summary>
        public string? HubName { get; set; }

        /// <summary>The user id written into the access token (a binding expression such as <c>{headers.x-ms-client-principal-id}</c>).</summary>
        public string? UserId { get; set; }

        /// <summary>A JWT whose claims are added to the access token.</summary>
        public string? IdToken { get; set; }

        /// <summary>Which claim types of <see cref="IdToken"/> are kept.</summary>
        public string[]? ClaimTypeList { get; set; }
    }
}
