// Key Vault in RBAC mode holding the app's secrets. The app reads them through Key Vault references with
// its user-assigned identity; nobody gets access policies.

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Globally unique Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('SendGrid API key (Alerts:SendGrid:ApiKey).')
@secure()
param sendGridApiKey string

@description('Base64 of at least 32 random bytes that signs subscribers\' manage and unsubscribe links (Alerts:TokenKey).')
@secure()
param tokenKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }

  resource sendGridApiKeySecret 'secrets' = {
    name: 'sendgrid-api-key'
    properties: {
      value: sendGridApiKey
      contentType: 'text/plain'
    }
  }

  resource tokenKeySecret 'secrets' = {
    name: 'token-key'
    properties: {
      value: tokenKey
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
// Versionless URIs, so the app picks up a rotated secret without a redeployment.
output sendGridApiKeySecretUri string = vault::sendGridApiKeySecret.properties.secretUri
output tokenKeySecretUri string = vault::tokenKeySecret.properties.secretUri
