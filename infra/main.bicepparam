// Parameters for infra/main.bicep, read from the environment: azd passes its environment's values
// (`azd env set NAME VALUE`), and for `az deployment group create` export them in the shell.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'alerts')
param location = readEnvironmentVariable('AZURE_LOCATION')

// Secrets have no default: a deployment without them stops here instead of storing an empty value.
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY')
param tokenKey = readEnvironmentVariable('ALERTS_TOKEN_KEY')

param senderAddress = readEnvironmentVariable('ALERTS_SENDER_ADDRESS')
param publicBaseUrl = readEnvironmentVariable('ALERTS_PUBLIC_BASE_URL', '')
