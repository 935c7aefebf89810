using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>The input binding that gives a <see cref="SignalRNegotiationContext"/>: every endpoint with its connection information, to pick one.</summary>
    public sealed class SignalRNegotiationInputAttribute : InputBindingAttribute
    {
        /// <summary>The app setting holding the Azure SignalR connection.</summary>
        public string? ConnectionStringSetting { get; set; }

        /// <summary>The hub the client will connect to.</summary>
        public string? HubName { get; set; }

        /// <summary>The user id written into the access token.</summary>
        public string? UserId { get; set; }

        /// <summary>A JWT whose claims are added to the access token.</summary>
        public string? IdToken { get; set; }

        /// <summary>Which claim types of <see cref="IdToken"/> are kept.</summary>
        public string[]? ClaimTypeList { get; set; }

        public SignalRNegotiationInputAttribute(string hubName, string connectionStringSetting)
        {
            HubName = hubName;
            ConnectionStringSetting = connectionStringSetting;
        }
    }
}
