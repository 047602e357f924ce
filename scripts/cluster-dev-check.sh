#!/usr/bin/env bash
# The distributed run on one machine with development clustering (docs/SCALE_OUT.md, "Running it"): WORKERS (default
# 3) `analytics worker` processes on loopback, `analytics cluster-score` over DIR, the second worker SIGKILLed
# KILL_AFTER seconds after the coordinator starts (default 3; KILL_AFTER=none keeps every worker), and every table
# compared with `analytics score` on the same folder.
# Usage: [WORKERS=N] [KILL_AFTER=S|none] scripts/cluster-dev-check.sh DIR [CONFIG]   (CONFIG defaults to DIR/_config.yaml)
# Prints the wall time of both runs and the coordinator's peak RSS. Not part of ./test.sh (the multi-process test
# there covers PostgreSQL membership and TLS).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
data=$(cd "$1" && pwd)
config=${2:-$data/_config.yaml}
kill_after=${KILL_AFTER:-3}
workers=${WORKERS:-3}
dotnet build src/Analytics.Cli -c Release --nologo -v q >/dev/null
dotnet build tests/Analytics.RunCompare -c Release --nologo -v q >/dev/null
analytics=(dotnet "$repo/src/Analytics.Cli/bin/Release/net10.0/analytics.dll")
compare=(dotnet "$repo/tests/Analytics.RunCompare/bin/Release/net10.0/Analytics.RunCompare.dll")
work=$(mktemp -d /tmp/analytics-cluster-dev.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "cluster-dev-check: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start=$(date +%s.%N)
"${analytics[@]}" score --input "$data" --config "$config" --output "$work/embedded/latest" --quiet
say "score: $(echo "$(date +%s.%N) - $start" | bc) s"

primary=$(free_port)
for i in $(seq 1 "$workers"); do
  if [ "$i" -eq 1 ]; then silo=$primary; else silo=$(free_port); fi
  gw=$(free_port)
  [ "$i" -eq 1 ] && primary_gw=$gw
  "${analytics[@]}" worker --membership "localhost:$primary" --port "$silo" --gateway "$gw" >"$work/worker$i.log" 2>&1 &
  pids+=($!)
  [ "$i" -eq 1 ] && { for _ in $(seq 1 120); do grep -q "Worker up" "$work/worker1.log" && break; sleep 0.5; done; }
done
for i in $(seq 1 "$workers"); do
  for _ in $(seq 1 120); do grep -q "Worker up" "$work/worker$i.log" && break; sleep 0.5; done
  grep -q "Worker up" "$work/worker$i.log" || { say "worker $i did not start"; cat "$work/worker$i.log" >&2; exit 1; }
done
say "$workers workers up"

start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/coordinator.rss" "${analytics[@]}" cluster-score --membership "localhost:$primary" --gateway "$primary_gw" --input "$data" --config "$config" \
  --output "$work/cluster/latest" 2>"$work/coordinator.log" &
coordinator=$!
pids+=($coordinator)
if [ "$kill_after" != none ] && [ "$workers" -ge 2 ]; then
  sleep "$kill_after"
  kill -9 "${pids[1]}" 2>/dev/null && say "SIGKILLed worker 2, ${kill_after} s after cluster-score started"
fi
set +e
wait "$coordinator"
status=$?
set -e
say "cluster-score: exit $status, $(echo "$(date +%s.%N) - $start" | bc) s, coordinator peak RSS $(tail -1 "$work/coordinator.rss") KiB"
grep -i 'lost\|retry' "$work/coordinator.log" | head -5 >&2 || true
[ "$status" -eq 0 ] || { tail -20 "$work/coordinator.log" >&2; exit 1; }
say "shuffle: $(grep -o '"shuffle_bytes": *[0-9]*' "$work/cluster/latest/manifest.json" | grep -o '[0-9]*$') bytes"
"${compare[@]}" "$work/embedded/latest" "$work/cluster/latest"
say "passed: every table equals the embedded run's"
