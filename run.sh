#!/usr/bin/env bash
# Runs Alerts locally on embedded defaults: Azurite on 127.0.0.1, the sample feeds, a file outbox in
# .alerts/outbox (unless Alerts__SendGrid__ApiKey is set). Extra arguments go to `alerts serve`, e.g. --urls.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are required (for Azurite)." >&2; exit 1; }

ensure_node_modules
if [[ -z "${AzureWebJobsStorage:-}" ]]; then
  start_azurite_if_needed
fi

dotnet build src/Alerts.Cli -c Release --nologo -v quiet "-clp:NoSummary;ErrorsOnly"
set +e
dotnet src/Alerts.Cli/bin/Release/net10.0/alerts.dll serve "$@"
status=$?
set -e
exit $status
