#!/usr/bin/env bash
# The whole-process race: cold `analytics score` against a process running DuckDB's SQL on the same Parquet files,
# at 200k customers / 8M fee rows and 1M / 40M, on DuckDB-rewritten files and on a heavy-tail profile.
# Usage: benchmarks/race.sh [--rounds N] [--profiles duckdb,heavy] [--report FILE]
#   sizes: ANALYTICS_BENCH_SIZES=200000,1000000 (default); data cache: ANALYTICS_BENCH_DATA (default $TMPDIR/analytics-bench)
# Writes benchmarks/results/process-race.md unless --report says otherwise. Needs /usr/bin/time (Debian package 'time').
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# The engine races as it is deployed: a framework-dependent publish for this machine's platform, which the CLI
# project precompiles (ReadyToRun) whenever a runtime identifier is given (docs/PERFORMANCE.md, "Fixed costs").
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "race.sh: unknown machine $(uname -m)" >&2; exit 2 ;;
esac
cli_dir="src/Analytics.Cli/bin/Release/net10.0/$rid/publish"
dotnet publish src/Analytics.Cli -c Release -r "$rid" --self-contained false -o "$cli_dir" --nologo -v q
dotnet build benchmarks/Analytics.Benchmarks -c Release --nologo -v q
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# The recorded report is the default; a --report given on the command line replaces it.
report=(--report benchmarks/results/process-race.md)
for arg in "$@"; do
  if [[ "$arg" == "--report" ]]; then report=(); fi
done
exec dotnet benchmarks/Analytics.Benchmarks/bin/Release/net10.0/Analytics.Benchmarks.dll --race \
  --cli "$cli_dir/analytics" --commit "$commit" "${report[@]}" "$@"
