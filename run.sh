#!/usr/bin/env bash
# Runs Alerts locally on embedded defaults: Azurite on 127.0.0.1, the sample feeds, a file outbox in
# .alerts/outbox (unless Alerts__SendGrid__ApiKey is set). Extra arguments go to `alerts serve`, e.g. --urls.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/dev.sh

require_tools
ensure_node_modules
if [[ -z "${AzureWebJobsStorage:-}" ]]; then
  start_azurite_if_needed
fi

dotnet build src/Alerts.Cli -c Release --nologo -v quiet "-clp:NoSummary;ErrorsOnly"
dotnet src/Alerts.Cli/bin/Release/net10.0/alerts.dll serve "$@"
