#!/usr/bin/env bash
# Runs every benchmark in a short mode (for CI): one line per benchmark. Needs Azurite from the npm lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/dev.sh

ensure_node_modules
dotnet build -c Release bench/Alerts.Benchmarks --nologo -v q
dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario poll-1000 --feeds 100
