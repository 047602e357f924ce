#!/usr/bin/env bash
# Multi-process test of the distributed run (docs/SCALE_OUT.md): a throw-away PostgreSQL instance on a loopback port
# holds Orleans' membership table; three `analytics worker` processes and one `analytics cluster-score` talk mutual
# TLS with certificates made here; one worker is SIGKILLed mid-run; every published table must equal the embedded
# `analytics score` run's, byte for byte; a client whose certificate the CA did not sign must not join.
# Installs PostgreSQL from Debian packages when missing (needs root, as in CI). Cleans up whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
customers=${CLUSTER_TEST_CUSTOMERS:-10000}
analytics=(dotnet "$repo/src/Analytics.Cli/bin/Release/net10.0/analytics.dll")
[ -f "${analytics[1]}" ] || dotnet build src/Analytics.Cli -c Release --nologo -v q

work=$(mktemp -d /tmp/analytics-cluster-test.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=""
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ -n "$pg_bin" ] && [ -f "$work/pg/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "cluster test [${SECONDS}s]: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# PostgreSQL: Debian's server packages when missing.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  say "installing PostgreSQL from Debian packages"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres

# A throw-away instance, owned by the unprivileged postgres user, on a free loopback port, socket in the work folder.
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pgsock"
chown postgres "$work/pg" "$work/pgsock"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U orleans --auth=trust -E UTF8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pgsock/log" -w \
  -o "-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U orleans -v ON_ERROR_STOP=1 -q "$@"; }
psql -d postgres -c "CREATE DATABASE orleans" >/dev/null
psql -d orleans -f deploy/postgresql/PostgreSQL-Main.sql >/dev/null
psql -d orleans -f deploy/postgresql/PostgreSQL-Clustering.sql >/dev/null
dsn="Host=127.0.0.1;Port=$pg_port;Username=orleans;Password=unused;Database=orleans"
say "PostgreSQL membership on 127.0.0.1:$pg_port"

# Certificates: a CA, one member certificate it signs, and a rogue self-signed one.
c="$work/certs"; mkdir -p "$c"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=analytics-test-ca" -keyout "$c/ca.key" -out "$c/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=analytics-member" -keyout "$c/member.key" -out "$c/member.csr" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$c/ext"
openssl x509 -req -in "$c/member.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" -CAcreateserial -days 2 -extfile "$c/ext" -out "$c/member.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$c/member.key" -in "$c/member.pem" -out "$c/member.p12" -passout pass: 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=rogue" -keyout "$c/rogue.key" -out "$c/rogue.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$c/rogue.key" -in "$c/rogue.pem" -out "$c/rogue.p12" -passout pass: 2>/dev/null
tls=(--tls-cert "$c/member.p12" --tls-ca "$c/ca.pem")

# Data with planted defects, several row groups per table, and the embedded run to compare with.
say "generating $customers customers"
"${analytics[@]}" generate --customers "$customers" --seed 3 --defects --output "$work/data" --quiet
config="$work/data/_config.yaml"
[ -f "$config" ] || config="$repo/data-samples/config.yaml"
say "embedded run"
"${analytics[@]}" score --input "$work/data" --config "$config" --output "$work/embedded/latest" --quiet

# Three workers.
for i in 1 2 3; do
  silo=$(free_port); gw=$(free_port)
  "${analytics[@]}" worker --membership "$dsn" --port "$silo" --gateway "$gw" "${tls[@]}" >"$work/worker$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2 3; do
  for _ in $(seq 1 120); do grep -q "Worker up" "$work/worker$i.log" && break; sleep 0.5; done
  grep -q "Worker up" "$work/worker$i.log" || { say "worker $i did not start:"; cat "$work/worker$i.log" >&2; exit 1; }
done
say "three workers up"

# A client whose certificate the CA did not sign cannot join.
set +e
"${analytics[@]}" cluster-score --membership "$dsn" --input "$work/data" --config "$config" --output "$work/rogue/latest" \
  --tls-cert "$c/rogue.p12" --tls-ca "$c/ca.pem" --quiet 2>"$work/rogue.log"
rogue=$?
set -e
if [ "$rogue" -eq 0 ] || [ -e "$work/rogue/latest" ]; then say "a client with a rogue certificate joined the cluster"; exit 1; fi
say "rogue client refused (exit $rogue)"

# The run, with worker 2 SIGKILLed a few seconds in.
"${analytics[@]}" cluster-score --membership "$dsn" --input "$work/data" --config "$config" --output "$work/cluster/latest" \
  --partitions 6 "${tls[@]}" >"$work/coordinator.out" 2>"$work/coordinator.log" &
coordinator=$!
pids+=($coordinator)
# Killed once the coordinator has started handing out work, so the kill lands mid-run, not before it.
for _ in $(seq 1 600); do grep -q "key pass" "$work/coordinator.log" && break; sleep 0.1; done
sleep "${CLUSTER_TEST_KILL_AFTER:-1}"
kill -9 "${pids[1]}" 2>/dev/null && say "SIGKILLed worker 2"
# Bounded: a call left waiting on the dead worker would otherwise hold the run for its 30-minute response timeout.
limit=${CLUSTER_TEST_TIMEOUT:-900}
for _ in $(seq 1 $((limit * 10))); do kill -0 "$coordinator" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$coordinator" 2>/dev/null; then
  kill -9 "$coordinator"
  cat "$work/coordinator.log" >&2
  say "cluster-score did not finish within ${limit}s"
  exit 1
fi
set +e
wait "$coordinator"
status=$?
set -e
cat "$work/coordinator.log" >&2
for i in 1 3; do
  kill -0 "${pids[$((i - 1))]}" 2>/dev/null || say "note: worker $i exited during the run (declared dead under load?):"
  kill -0 "${pids[$((i - 1))]}" 2>/dev/null || tail -5 "$work/worker$i.log" >&2
done
[ "$status" -eq 0 ] || { say "cluster-score failed with exit $status"; exit 1; }

# Every table must equal the embedded run's: the per-customer tables (part files written by the partitions) by contents,
# every other file but the manifest byte for byte.
compare=(dotnet "$repo/tests/Analytics.RunCompare/bin/Release/net10.0/Analytics.RunCompare.dll")
[ -f "${compare[1]}" ] || dotnet build "$repo/tests/Analytics.RunCompare" -c Release --nologo -v q
"${compare[@]}" "$work/embedded/latest" "$work/cluster/latest" || { say "the cluster's tables differ from the embedded run's"; exit 1; }
say "passed: every table equals the embedded run's after a worker was killed"
