// Alerts on Azure in one deployment: the resource group and everything in it (resources.bicep). Run by
// `azd up`, or `az deployment sub create --location <region> --parameters infra/main.bicepparam`;
// see infra/README.md.

targetScope = 'subscription'

@description('Name of the environment (azd\'s AZURE_ENV_NAME): names the resource group and is tagged on every resource as azd-env-name.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region of every resource; one where Flex Consumption is offered.')
param location string

@description('Resource group to create or update; empty for rg-alerts-<environmentName>.')
param resourceGroupName string = ''

@description('SendGrid API key (Alerts:SendGrid:ApiKey), stored in Key Vault.')
@secure()
@minLength(1)
param sendGridApiKey string

@description('Base64 of at least 32 random bytes signing subscribers\' links (Alerts:TokenKey), stored in Key Vault; `openssl rand -base64 32`. Keep it across deployments: a new key breaks the links already mailed.')
@secure()
@minLength(44)
param tokenKey string

@description('Alerts:SendGrid:From, a sender address verified in SendGrid.')
@minLength(3)
param senderAddress string

@description('Alerts:SendGrid:Host.')
param sendGridHost string = 'https://api.sendgrid.com'

@description('Alerts:PublicBaseUrl, e.g. a custom domain; empty for the function app\'s own URL.')
param publicBaseUrl string = ''

@description('Alerts:PollSchedule (six-field NCRONTAB, UTC).')
param pollSchedule string = '0 */5 * * * *'

@description('Alerts:DigestSchedule (six-field NCRONTAB, UTC).')
param digestSchedule string = '0 */15 * * * *'

@description('Alerts:MaxConcurrentPolls.')
@minValue(1)
param maxConcurrentPolls int = 16

@description('Memory of each Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Accept only Microsoft Entra-authenticated telemetry in Application Insights (the app sends it as its managed identity).')
param appInsightsEntraOnly bool = true

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-alerts-${environmentName}' : resourceGroupName
  location: location
  tags: { 'azd-env-name': environmentName }
}

module resources 'resources.bicep' = {
  name: 'alerts-resources'
  scope: group
  params: {
    environmentName: environmentName
    location: location
    sendGridApiKey: sendGridApiKey
    tokenKey: tokenKey
    senderAddress: senderAddress
    sendGridHost: sendGridHost
    publicBaseUrl: publicBaseUrl
    pollSchedule: pollSchedule
    digestSchedule: digestSchedule
    maxConcurrentPolls: maxConcurrentPolls
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appInsightsEntraOnly: appInsightsEntraOnly
  }
}

// Upper-case outputs land in the azd environment (`azd env get-values`) under these names.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = resources.outputs.functionAppName
output FUNCTION_APP_URL string = resources.outputs.functionAppUrl
output STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output KEY_VAULT_NAME string = resources.outputs.keyVaultName
output APPLICATION_INSIGHTS_NAME string = resources.outputs.appInsightsName
output MANAGED_IDENTITY_CLIENT_ID string = resources.outputs.identityClientId
