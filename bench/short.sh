#!/usr/bin/env bash
# Every benchmark in a short mode, for CI: one line per benchmark. Numbers from a short run are smoke, not results.
set -euo pipefail
cd "$(dirname "$0")/.."

ALERTS_BENCH_SHORT=1 dotnet run -c Release --project bench/Alerts.Benchmarks -- --filter '*ParseBenchmarks*' --job dry --inProcess && ALERTS_BENCH_SHORT=1 dotnet run -c Release --no-build --project bench/Alerts.Benchmarks -- scenario parse-compare
