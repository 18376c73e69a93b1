#!/usr/bin/env bash
# Runs every test. Integration and end-to-end tests start their own private Azurite instances from the
# npm lockfile, so nothing needs to be running first. Browser tests drive Debian's Chromium.
# Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/dev.sh

require_tools
require_chromium
ensure_node_modules
rm -rf TestResults
dotnet test Alerts.sln --nologo --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
