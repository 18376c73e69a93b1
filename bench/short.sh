#!/usr/bin/env bash
# Runs every benchmark command in a short mode, as CI does: one line per benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet run -c Release --project bench/Alerts.Benchmarks -- scenario digests-10k --subscribers 1000
