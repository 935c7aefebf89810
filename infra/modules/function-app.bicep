// The Function App on the Flex Consumption plan: .NET 10 isolated worker, deployed from a blob
// container the platform reads with the app's managed identity, and, optionally, App Service
// Authentication with Entra ID in front of every route. Its app settings are app-settings.bicep.

@description('Name of the Function App (its default host is NAME.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags of the plan and the app.')
param tags object

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Blob service of the storage account that holds the deployment container.')
param blobServiceUri string

@description('Blob container the platform deploys the app package to.')
param deploymentContainerName string

@description('Memory of one instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Client id of an Entra ID app registration: App Service Authentication is on when it is set.')
param authClientId string

@description('Tenant of the app registration.')
param authTenantId string

@description('The app setting that App Service Authentication proves the app with, in place of a client secret: it holds the managed identity\'s client id, trusted by the registration as a federated credential.')
param authClientAssertionSettingName string

@description('The azd service this app is (azure.yaml).')
param serviceName string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in the app settings resolve with this identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobServiceUri}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing with user names and passwords: deployments authenticate with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

// App Service Authentication ("Easy Auth") with Entra ID: every request needs a signed-in user (a
// browser is sent to the sign-in page; a call with a bearer token for the registration is let in).
// The platform then sets X-MS-CLIENT-PRINCIPAL-* and strips any copy a client sends, which the app
// relies on when Research:Identity:Provider is AppServiceAuthentication (app-settings.bicep).
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          clientSecretSettingName: authClientAssertionSettingName
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
output uri string = 'https://${site.properties.defaultHostName}'
output authEnabled bool = !empty(authClientId)
