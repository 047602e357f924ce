#!/usr/bin/env bash
# The whole-process race: cold `analytics score` against a process running DuckDB's SQL on the same Parquet files,
# at 200k customers / 8M fee rows and 1M / 40M, on DuckDB-rewritten files and on a heavy-tail profile.
# Usage: benchmarks/race.sh [--rounds N] [--profiles duckdb,heavy] [--report FILE]
#   sizes: ANALYTICS_BENCH_SIZES=200000,1000000 (default); data cache: ANALYTICS_BENCH_DATA (default $TMPDIR/analytics-bench)
# Writes benchmarks/results/process-race.md unless --report says otherwise. Needs /usr/bin/time (Debian package 'time').
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build src/Analytics.Cli -c Release --nologo -v q
dotnet build benchmarks/Analytics.Benchmarks -c Release --nologo -v q
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
exec dotnet benchmarks/Analytics.Benchmarks/bin/Release/net10.0/Analytics.Benchmarks.dll --race \
  --cli src/Analytics.Cli/bin/Release/net10.0/analytics --commit "$commit" \
  --report benchmarks/results/process-race.md "$@"
