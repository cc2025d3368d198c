#!/usr/bin/env bash
# Measures a clean stop of the packaged jar (app/target/polyshop.jar): start it, wait for /actuator/health UP, put
# requests in flight, send SIGTERM, and time until the JVM has exited and every engine process of the instance is
# gone. Prints per run: seconds to stop, the in-flight requests' status codes (000 = refused, since the server no
# longer accepted connections), ERROR lines and stack-trace lines in the log, and engine processes left behind.
# Usage: bench/stop.sh [runs (default 3)] [data-dir (default: a fresh temporary directory, shared by the runs)]
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${POLYSHOP_JAR:-app/target/polyshop.jar}
runs=${1:-3}
data_dir=${2:-$(mktemp -d)}
port=${POLYSHOP_PORT:-18081}
# until the jar carries its Neo4j runtime: the launcher module's classes and jars, as `mvn spring-boot:run` sets them
export POLYSHOP_NEO4J_CLASSPATH=${POLYSHOP_NEO4J_CLASSPATH:-$PWD/neo4j-server/target/classes:$PWD/neo4j-server/target/lib/*}
[[ -f $jar ]] || { echo "no $jar: run 'mvn -B -q -DskipTests package' first"; exit 1; }

for run in $(seq "$runs"); do
  log=$(mktemp)
  POLYSHOP_DATA_DIR=$data_dir POLYSHOP_PORT=$port java -jar "$jar" >"$log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 $pid 2>/dev/null; then echo "Polyshop exited before it was healthy; log: $log"; tail -20 "$log"; exit 1; fi
    sleep 0.2
  done
  codes=$(mktemp)
  for i in $(seq 8); do
    curl -s -o /dev/null -w '%{http_code}\n' "http://localhost:$port/api/products?size=50&page=$i" >>"$codes" &
  done
  sleep 0.05
  start=$(date +%s.%N)
  kill -TERM $pid
  wait $pid
  exit_code=$?
  # PostgreSQL daemonizes: the instance has stopped when no process of its data directory is left either
  while pgrep -f "$data_dir/" >/dev/null; do sleep 0.05; done
  end=$(date +%s.%N)
  wait # the in-flight requests
  errors=$(grep -c ' ERROR ' "$log")
  traces=$(grep -cE '^\s+at |^Caused by' "$log")
  left=$(pgrep -f "$data_dir/" | wc -l)
  printf 'run %d: stopped in %.2f s (exit code %d), in-flight answers: %s, ERROR lines: %d, stack-trace lines: %d, engine processes left: %d  (log %s)\n' \
    "$run" "$(echo "$end - $start" | bc)" "$exit_code" "$(sort "$codes" | uniq -c | awk '{printf "%s x%s ", $2, $1}')" \
    "$errors" "$traces" "$left" "$log"
done
