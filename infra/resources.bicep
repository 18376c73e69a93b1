// Everything Alerts runs on, inside its resource group: a Flex Consumption function app reaching storage,
// Application Insights and Key Vault through one user-assigned managed identity. main.bicep deploys it.

targetScope = 'resourceGroup'

@description('Name of the environment, tagged on every resource as azd-env-name and part of the names\' unique token.')
param environmentName string

@description('Azure region of every resource.')
param location string

@description('SendGrid API key (Alerts:SendGrid:ApiKey), stored in Key Vault.')
@secure()
@minLength(1)
param sendGridApiKey string

@description('Base64 of at least 32 random bytes signing subscribers\' links (Alerts:TokenKey), stored in Key Vault; `openssl rand -base64 32`. Keep it across deployments: changing it breaks links already mailed.')
@secure()
@minLength(44)
param tokenKey string

@description('Alerts:SendGrid:From, a sender address verified in SendGrid.')
@minLength(3)
param senderAddress string

@description('Alerts:SendGrid:Host.')
param sendGridHost string

@description('Alerts:PublicBaseUrl, e.g. a custom domain; empty for the function app\'s own URL.')
param publicBaseUrl string

@description('Alerts:PollSchedule (six-field NCRONTAB, UTC).')
param pollSchedule string

@description('Alerts:DigestSchedule (six-field NCRONTAB, UTC).')
param digestSchedule string

@description('Alerts:MaxConcurrentPolls.')
@minValue(1)
param maxConcurrentPolls int

@description('Memory of each Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Accept only Microsoft Entra-authenticated telemetry in Application Insights (the app sends it as its managed identity).')
param appInsightsEntraOnly bool

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-alerts-${token}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-alerts-${token}'
    appInsightsName: 'appi-alerts-${token}'
    disableLocalAuth: appInsightsEntraOnly
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: 'stalerts${token}'
    deploymentContainerName: deploymentContainerName
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: 'kv-alerts-${token}'
    sendGridApiKey: sendGridApiKey
    tokenKey: tokenKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: vault.outputs.name
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The app starts with identity-based storage and Key Vault references, so its roles must exist first.
  dependsOn: [roles]
  params: {
    location: location
    tags: tags
    planName: 'plan-alerts-${token}'
    appName: 'func-alerts-${token}'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    sendGridApiKeySecretUri: vault.outputs.sendGridApiKeySecretUri
    tokenKeySecretUri: vault.outputs.tokenKeySecretUri
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    publicBaseUrl: publicBaseUrl
    pollSchedule: pollSchedule
    digestSchedule: digestSchedule
    maxConcurrentPolls: maxConcurrentPolls
    senderAddress: senderAddress
    sendGridHost: sendGridHost
  }
}

output functionAppName string = app.outputs.name
output functionAppUrl string = app.outputs.url
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
output identityClientId string = identity.properties.clientId
