#!/usr/bin/env bash
# Measures what the README's run command costs: seconds from `mvn spring-boot:run` to /actuator/health UP
# (warm Maven cache, project already compiled once), and the resident memory of the whole thing at idle
# (the Maven JVM that launched it, the application JVM, the Neo4j JVM, redis-server and every postgres process, as PSS).
# Usage: bench/startup.sh [data-dir]   (default: a fresh temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=${1:-$(mktemp -d)}
port=${POLYSHOP_PORT:-18080}
log=$(mktemp)

start=$(date +%s.%N)
POLYSHOP_DATA_DIR="$data_dir" POLYSHOP_PORT=$port mvn -B -q -o spring-boot:run >"$log" 2>&1 &
maven_pid=$!
trap 'kill -TERM $(pgrep -f "io.polyshop.PolyshopApplication" || true) 2>/dev/null || true; wait $maven_pid 2>/dev/null || true' EXIT

until curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 $maven_pid 2>/dev/null; then echo "Polyshop exited; log: $log"; tail -30 "$log"; exit 1; fi
  sleep 0.2
done
healthy=$(date +%s.%N)
printf 'healthy after %.1f s (mvn spring-boot:run -> /actuator/health UP)\n' "$(echo "$healthy - $start" | bc)"

sleep 10 # idle
# Every process of this instance: the Maven JVM's descendants (application JVM, Neo4j JVM, redis-server) and the
# PostgreSQL server, which daemonizes (its pid is in its data directory) with its backends. Memory is PSS
# (proportional set size): shared pages such as PostgreSQL's shared buffers are counted once, not once per process.
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
postmaster=$(head -1 "$data_dir/postgres/postmaster.pid")
pids="$maven_pid $(descendants $maven_pid) $postmaster $(pgrep -P "$postmaster")"
total=0
for pid in $pids; do
  kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  total=$((total + ${kb:-0}))
done
for name in java redis-server postgres; do
  sum=0
  for pid in $pids; do
    [[ "$(ps -o comm= -p "$pid" 2>/dev/null)" == ${name}* ]] || continue
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0); sum=$((sum + ${kb:-0}))
  done
  printf '  %-13s %5d MiB\n' "$name" $((sum / 1024))
done
printf 'memory at idle, all processes of this instance (PSS): %d MiB\n' $((total / 1024))
