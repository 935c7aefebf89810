// The optional Azure OpenAI account with one model deployment, reached with Entra ID only (its keys
// are disabled; the app's identity has Cognitive Services OpenAI User). The app uses the deployment
// for both of its models (Research:Llm:FastModel and SmartModel).

@description('Name of the account; also its custom subdomain (required for Entra ID).')
param name string

@description('Region of the account (the model must be offered there).')
param location string

@description('Tags of the account.')
param tags object

@description('Name of the model deployment (what the app asks for as its model).')
param deploymentName string

@description('Model name, e.g. gpt-4o-mini.')
param modelName string

@description('Model version, e.g. 2024-07-18.')
param modelVersion string

@description('Deployment type: GlobalStandard, Standard or DataZoneStandard (pay per token).')
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param deploymentSku string

@description('Capacity of the deployment, in thousands of tokens per minute.')
@minValue(1)
param deploymentCapacity int

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSku
    capacity: deploymentCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
output deploymentName string = deployment.name
