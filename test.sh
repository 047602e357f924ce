#!/usr/bin/env bash
# Builds and runs every test: golden cases, properties, bad inputs, end-to-end runs, the browser check of the
# report, a dry run of the benchmarks and the multi-process cluster test. Prints a closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"
# The report's browser test needs Debian's chromium; installs it when missing (needs root, as in CI).
scripts/ensure-chromium.sh || echo "warning: could not install chromium; the report's browser test will fail" >&2
log=$(mktemp)
dotnet test Analytics.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One summary line per test assembly; the closing line adds them up.
summaries=$(grep -E '(Passed|Failed)!? +- +Failed: +[0-9]+, Passed: +[0-9]+' "$log")
if [ -n "$summaries" ]; then
  failed=0 passed=0 skipped=0
  while IFS= read -r summary; do
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")))
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")))
    skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")))
  done <<<"$summaries"
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
rm -f "$log"
# The multi-process run of the cluster (PostgreSQL membership, three workers, TLS, one SIGKILLed): one more test.
if scripts/cluster-multiprocess-test.sh; then
  echo "multi-process cluster test: passed"
else
  echo "multi-process cluster test: FAILED"
  status=1
fi
exit "$status"
