// Parameters for infra/main.bicep, read from the environment: azd supplies its environment's values
// (`azd env set NAME VALUE`); for `az deployment sub create`, export them in the shell first.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'alerts')
param location = readEnvironmentVariable('AZURE_LOCATION')
param resourceGroupName = readEnvironmentVariable('AZURE_RESOURCE_GROUP', '')

// Secrets have no default: a deployment without them stops here instead of storing an empty value.
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY')
param tokenKey = readEnvironmentVariable('ALERTS_TOKEN_KEY')

param senderAddress = readEnvironmentVariable('ALERTS_SENDER_ADDRESS')
param publicBaseUrl = readEnvironmentVariable('ALERTS_PUBLIC_BASE_URL', '')
