// The Key Vault (Azure RBAC, no access policies) holding the search API keys. The app never sees a
// key in its settings: they are Key Vault references that the platform resolves with the app's
// managed identity (Key Vault Secrets User).

@description('Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the vault.')
param location string

@description('Tags of the vault.')
param tags object

@description('Name of the secret holding the Tavily API key.')
param tavilyApiKeySecretName string

@description('The Tavily API key, stored as the secret tavilyApiKeySecretName when given.')
@secure()
param tavilyApiKey string

@description('Name of the secret holding the Brave Search API key.')
param braveApiKeySecretName string

@description('The Brave Search API key, stored as the secret braveApiKeySecretName when given.')
@secure()
param braveApiKey string

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    publicNetworkAccess: 'Enabled'
  }
}

resource tavilySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(tavilyApiKey)) {
  parent: vault
  name: tavilyApiKeySecretName
  properties: {
    value: tavilyApiKey
    contentType: 'Tavily API key (Research:Search:Tavily:ApiKey)'
  }
}

resource braveSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(braveApiKey)) {
  parent: vault
  name: braveApiKeySecretName
  properties: {
    value: braveApiKey
    contentType: 'Brave Search API key (Research:Search:Brave:ApiKey)'
  }
}

output name string = vault.name
output id string = vault.id
output vaultUri string = vault.properties.vaultUri
