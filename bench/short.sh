#!/usr/bin/env bash
# Every benchmark in a short mode, as CI runs them: one line per benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Alerts.Benchmarks -- --filter '*ClassifierBenchmarks*' --job short
