// Azure SignalR Service in Serverless mode: the Function App's bindings send progress to it over
// its REST API and negotiate issues client tokens, both with the app's managed identity (access
// keys are disabled). Browsers connect to it from the app's origin only.

@description('Name of the SignalR Service.')
param name string

@description('Region of the service.')
param location string

@description('Tags of the service.')
param tags object

@description('Pricing tier: Free_F1 (20 concurrent connections, 20,000 messages a day) or Standard_S1 (1,000 connections and 1,000,000 messages a day per unit).')
@allowed([
  'Free_F1'
  'Standard_S1'
])
param sku string

@description('Units of Standard_S1 (Free_F1 has exactly one).')
@minValue(1)
@maxValue(100)
param capacity int

@description('Origins browsers may connect from (CORS): the app\'s own, https://HOST.')
@minLength(1)
param allowedOrigins array

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: sku
    tier: sku == 'Free_F1' ? 'Free' : 'Standard'
    capacity: sku == 'Free_F1' ? 1 : capacity
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
    ]
    cors: {
      allowedOrigins: allowedOrigins
    }
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
    tls: {
      clientCertEnabled: false
    }
  }
}

output name string = signalR.name
output id string = signalR.id
output serviceUri string = 'https://${signalR.properties.hostName}'
