#!/usr/bin/env bash
# Measures what the README's run command costs: seconds from `mvn spring-boot:run` to /actuator/health UP
# (warm Maven cache, project already compiled once), and the resident memory of the whole thing at idle
# (the Maven JVM that launched it, the application JVM, the Neo4j JVM, redis-server and every postgres process).
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
app_pid=$(pgrep -f "io.polyshop.PolyshopApplication")
rss_of() { ps -o rss= -p "$1" 2>/dev/null | awk '{s+=$1} END {print s+0}'; }
total=0
for pid in $maven_pid $app_pid $(pgrep -f "EmbeddedNeo4jServer" || true) $(pgrep -f "redis-server-6" || true) \
           $(pgrep -f "embedded-pg.*postgres" || true) $(pgrep -P "$(pgrep -f 'embedded-pg.*bin/postgres -D' | head -1)" 2>/dev/null || true); do
  kb=$(rss_of "$pid"); total=$((total + kb))
  printf '  %-8s %6d MiB  %s\n' "$pid" $((kb / 1024)) "$(ps -o comm= -p "$pid")"
done
printf 'resident memory at idle, all processes: %d MiB\n' $((total / 1024))
