// Researcher in Azure: the Functions app on Flex Consumption with its storage, SignalR Service,
// monitoring, Key Vault, managed identity and roles, and optionally Azure OpenAI and Entra ID
// sign-in. `azd up` provisions it (main.parameters.json) and deploys functions/Researcher.Functions.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource; Flex Consumption must be offered there.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Memory of one Function App instance, in MB (512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the Function App scales out to (the bound on cost and on load on the providers).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('SignalR Service tier: Free_F1 (no charge; 20 connections, 20,000 messages a day) or Standard_S1.')
@allowed([
  'Free_F1'
  'Standard_S1'
])
param signalRSku string = 'Free_F1'

@description('Units of Standard_S1 SignalR Service.')
@minValue(1)
@maxValue(100)
param signalRCapacity int = 1

@description('More origins browsers may reach SignalR Service from, beside the app\'s own (https://HOST).')
param signalRAllowedOrigins array = []

@description('Client id of an existing Entra ID app registration: turns App Service Authentication on (every request needs a signed-in user, and a research belongs to its starter). Empty: no sign-in; a research id is the capability.')
param authClientId string = ''

@description('Tenant of the app registration (default: the deployment\'s tenant).')
param authTenantId string = tenant().tenantId

@description('Deploy an Azure OpenAI account with one model deployment and use it for planning, notes and writing (Entra ID, no key).')
param deployOpenAI bool = false

@description('Region of the Azure OpenAI account (the model must be offered there).')
param openAILocation string = location

@description('The model to deploy.')
param openAIModelName string = 'gpt-4o-mini'

@description('The model version to deploy.')
param openAIModelVersion string = '2024-07-18'

@description('Deployment type of the model (pay per token).')
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param openAIDeploymentSku string = 'GlobalStandard'

@description('Capacity of the model deployment, in thousands of tokens per minute.')
@minValue(1)
param openAIDeploymentCapacity int = 30

@description('Research:Search:Provider: local (the shipped documents), wikipedia, arxiv, duckduckgo, tavily (needs tavilyApiKey), brave (needs braveApiKey), ...')
param searchProvider string = 'local'

@description('Tavily API key: stored in Key Vault and referenced from the app settings. Empty: none.')
@secure()
param tavilyApiKey string = ''

@description('Brave Search API key: stored in Key Vault and referenced from the app settings. Empty: none.')
@secure()
param braveApiKey string = ''

@description('More app settings (name: value, e.g. Research__Limits__MaxSubQuestions), merged last.')
param appSettings object = {}

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
// App Service Authentication proves the app to Entra ID with the managed identity (a federated
// credential on the registration) instead of a client secret: this is the setting it reads.
var authClientAssertionSettingName = 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
// The Key Vault secrets of the search API keys (created only for a key that is given).
var tavilyApiKeySecretName = 'tavily-api-key'
var braveApiKeySecretName = 'brave-api-key'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    tavilyApiKeySecretName: tavilyApiKeySecretName
    tavilyApiKey: tavilyApiKey
    braveApiKeySecretName: braveApiKeySecretName
    braveApiKey: braveApiKey
  }
}

module openAI 'modules/openai.bicep' = if (deployOpenAI) {
  name: 'openai'
  scope: resourceGroup
  params: {
    name: 'oai-${resourceToken}'
    location: openAILocation
    tags: tags
    deploymentName: openAIModelName
    modelName: openAIModelName
    modelVersion: openAIModelVersion
    deploymentSku: openAIDeploymentSku
    deploymentCapacity: openAIDeploymentCapacity
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    blobServiceUri: storage.outputs.blobServiceUri
    deploymentContainerName: storage.outputs.deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    authClientId: authClientId
    authTenantId: authTenantId
    authClientAssertionSettingName: authClientAssertionSettingName
    serviceName: 'api'
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: resourceGroup
  params: {
    name: 'sigr-${resourceToken}'
    location: location
    tags: tags
    sku: signalRSku
    capacity: signalRCapacity
    allowedOrigins: concat([functionApp.outputs.uri], signalRAllowedOrigins)
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: resourceGroup
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    signalRName: signalR.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    openAIAccountName: deployOpenAI ? openAI!.outputs.name : ''
  }
}

module functionAppSettings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  scope: resourceGroup
  dependsOn: [
    // The host starts on these settings: its identity must already hold its roles.
    roles
  ]
  params: {
    functionAppName: functionApp.outputs.name
    identityClientId: identity.outputs.clientId
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    signalRServiceUri: signalR.outputs.serviceUri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultName: keyVault.outputs.name
    tavilyApiKeySecretName: empty(tavilyApiKey) ? '' : tavilyApiKeySecretName
    braveApiKeySecretName: empty(braveApiKey) ? '' : braveApiKeySecretName
    searchProvider: searchProvider
    authEnabled: functionApp.outputs.authEnabled
    openAIEndpoint: deployOpenAI ? openAI!.outputs.endpoint : ''
    openAIDeploymentName: deployOpenAI ? openAI!.outputs.deploymentName : ''
    extraAppSettings: appSettings
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SIGNALR_NAME string = signalR.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_OPENAI_ENDPOINT string = deployOpenAI ? openAI!.outputs.endpoint : ''
