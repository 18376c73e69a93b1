// The Flex Consumption (FC1) Linux plan and the dotnet-isolated 10.0 function app, signed in to storage,
// Application Insights and Key Vault as its user-assigned identity, with every app setting the README lists.

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Globally unique name of the function app (its host name is derived from it).')
param appName string

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Blob endpoint of the storage account (ends with a slash).')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Versionless Key Vault URI of the SendGrid API key secret.')
param sendGridApiKeySecretUri string

@description('Versionless Key Vault URI of the link-signing token key secret.')
param tokenKeySecretUri string

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Alerts:PublicBaseUrl; empty for the app\'s own https://<default host name>/.')
param publicBaseUrl string

@description('Alerts:PollSchedule (six-field NCRONTAB, UTC).')
param pollSchedule string

@description('Alerts:DigestSchedule (six-field NCRONTAB, UTC).')
param digestSchedule string

@description('Alerts:MaxConcurrentPolls.')
param maxConcurrentPolls int

@description('Alerts:SendGrid:From, a sender address verified in SendGrid.')
param senderAddress string

@description('Alerts:SendGrid:Host.')
param sendGridHost string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
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
          value: '${blobEndpoint}${deploymentContainerName}'
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

  // Deployment goes through Microsoft Entra ID (OneDeploy); shared publishing credentials stay off.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

var storageSettings = {
  // The Functions host (triggers, timers, keys) reads the <service>ServiceUri keys.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // The app's own clients (Microsoft.Extensions.Azure binding the same section) match constructor
  // parameter names instead: QueueServiceClient(serviceUri, credential), TableServiceClient(endpoint, credential).
  AzureWebJobsStorage__serviceUri: queueEndpoint
  AzureWebJobsStorage__endpoint: tableEndpoint
}

var telemetrySettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Lets DefaultAzureCredential in the worker pick the user-assigned identity.
  AZURE_CLIENT_ID: identityClientId
}

var alertsSettings = {
  Alerts__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}/' : publicBaseUrl
  Alerts__PollSchedule: pollSchedule
  Alerts__DigestSchedule: digestSchedule
  // Daily, off-peak; the host resolves %Alerts:PruneSchedule% itself, so it must be set here.
  Alerts__PruneSchedule: '0 30 3 * * *'
  Alerts__MaxConcurrentPolls: string(maxConcurrentPolls)
  // The sample feeds are served only by the local runner; on Azure the default feed list is seeded instead.
  Alerts__SeedSampleFeeds: 'false'
  Alerts__SeedDefaultFeeds: 'true'
  Alerts__TokenKey: '@Microsoft.KeyVault(SecretUri=${tokenKeySecretUri})'
  Alerts__SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
  Alerts__SendGrid__Host: sendGridHost
  Alerts__SendGrid__From: senderAddress
  // Explicit although they are the defaults: these decide what the app may reach and whom it trusts.
  Alerts__AllowPrivateFeedAddresses: 'false'
  Alerts__AllowInsecureWebhooks: 'false'
  // Azure's front end appends the caller's address to X-Forwarded-For; rate limits need it.
  Alerts__TrustForwardedFor: 'true'
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: union(storageSettings, telemetrySettings, alertsSettings)
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
