namespace Microsoft.Azure.Functions.Worker.SignalRService
{
    /// <summary>Names the extension uses.</summary>
    public class Constants
    {
        /// <summary>The app setting read for the Azure SignalR connection when a binding names none.</summary>
        public const string DefaultConnectionStringName = "AzureSignalRConnectionString";
    }
}
