#!/usr/bin/env bash
# Runs every benchmark in a short mode (for CI): one line per benchmark. Numbers from a short run are smoke,
# not results. Needs Azurite from the npm lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/dev.sh

ensure_node_modules
dotnet build -c Release bench/Alerts.Benchmarks --nologo -v q
ALERTS_BENCH_SHORT=1 dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- --filter '*ParseBenchmarks*' --job dry --inProcess
ALERTS_BENCH_SHORT=1 dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario parse-compare
ALERTS_BENCH_SHORT=1 dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario parse-ratio
dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario poll-1000 --feeds 100
dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario digests-10k --subscribers 1000
dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- --filter '*ClassifierBenchmarks*' --job short --inProcess
dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario prune --rows 2000
