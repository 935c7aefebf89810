// The one user-assigned managed identity the Function App runs as: every data-plane call of the app
// (storage, SignalR Service, Application Insights, Key Vault, Azure OpenAI) authenticates with it.

@description('Name of the identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags of the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
