#!/usr/bin/env bash
# Runs every test. Integration and end-to-end tests start their own private Azurite instances from the
# npm lockfile, so nothing needs to be running first. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are required (for Azurite)." >&2; exit 1; }

ensure_node_modules
rm -rf TestResults
dotnet test Alerts.sln --nologo --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
