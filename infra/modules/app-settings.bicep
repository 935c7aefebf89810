// The Function App's application settings. Every connection is identity-based (the app's
// user-assigned managed identity): no connection string or access key appears here, and the search
// API keys are Key Vault references. tests/Researcher.Functions.Tests compiles this template and
// checks these names against the settings the app reads (InfrastructureSettingsDriftTests): keep
// the settings in the `appSettings` variable, with literal names.

@description('Name of the Function App.')
param functionAppName string

@description('Client id of the app\'s user-assigned managed identity.')
param identityClientId string

@description('Blob service of the storage account.')
param blobServiceUri string

@description('Queue service of the storage account.')
param queueServiceUri string

@description('Table service of the storage account.')
param tableServiceUri string

@description('Endpoint of the SignalR Service (https://NAME.service.signalr.net).')
param signalRServiceUri string

@description('Connection string of Application Insights (an identifier: ingestion needs the identity).')
param applicationInsightsConnectionString string

@description('Name of the Key Vault holding the search API keys.')
param keyVaultName string

@description('Secret of the Tavily API key in the vault, or empty for none.')
param tavilyApiKeySecretName string

@description('Secret of the Brave Search API key in the vault, or empty for none.')
param braveApiKeySecretName string

@description('Research:Search:Provider: local (the shipped documents), wikipedia, arxiv, duckduckgo, tavily, brave, ...')
param searchProvider string

@description('Whether App Service Authentication with Entra ID is on (function-app.bicep).')
param authEnabled bool

@description('Endpoint of the Azure OpenAI account, or empty when none is deployed.')
param openAIEndpoint string

@description('The Azure OpenAI deployment used as both models, or empty.')
param openAIDeploymentName string

@description('More settings (name: value), merged last: they may also replace one of the settings below.')
param extraAppSettings object

var appSettings = {
  // The Functions host's storage (Durable Functions' task hub, the progress queue trigger, host
  // leases): AzureWebJobsStorage as an identity-based connection.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobServiceUri
  AzureWebJobsStorage__queueServiceUri: queueServiceUri
  AzureWebJobsStorage__tableServiceUri: tableServiceUri

  // The SignalR Service bindings (default connection setting AzureSignalRConnectionString).
  AzureSignalRConnectionString__serviceUri: signalRServiceUri
  AzureSignalRConnectionString__credential: 'managedidentity'
  AzureSignalRConnectionString__clientId: identityClientId

  // Telemetry, authenticated with the identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // DefaultAzureCredential inside the app (Azure OpenAI with Entra ID) picks this identity.
  AZURE_CLIENT_ID: identityClientId

  // Research:Storage: reports and sources (blobs), the event log (table).
  Research__Storage__BlobServiceUri: blobServiceUri
  Research__Storage__TableServiceUri: tableServiceUri
  Research__Storage__Credential: 'managedidentity'
  Research__Storage__ClientId: identityClientId

  // Research:Identity: callers are the users App Service Authentication signed in, only when it is on.
  Research__Identity__Provider: authEnabled ? 'AppServiceAuthentication' : ''
  // App Service Authentication proves the app with the identity (a federated credential), no secret.
  // (function-app.bicep names this setting as the registration's clientSecretSettingName.)
  OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: authEnabled ? identityClientId : ''

  // Research:Search: the provider, and the API keys as Key Vault references.
  Research__Search__Provider: searchProvider
  Research__Search__Tavily__ApiKey: empty(tavilyApiKeySecretName)
    ? ''
    : '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${tavilyApiKeySecretName})'
  Research__Search__Brave__ApiKey: empty(braveApiKeySecretName)
    ? ''
    : '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${braveApiKeySecretName})'

  // Research:Llm: the Azure OpenAI deployment with Entra ID (no key), when one is deployed.
  Research__Llm__Provider: empty(openAIEndpoint) ? '' : 'AzureOpenAI'
  Research__Llm__Endpoint: openAIEndpoint
  Research__Llm__FastModel: openAIDeploymentName
  Research__Llm__SmartModel: openAIDeploymentName
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, extraAppSettings)
}
