#!/usr/bin/env bash
# Measures what starting Polyshop costs: seconds from launch to /actuator/health UP, and the resident memory of the
# whole instance at idle (the launching JVM, the Neo4j JVM, redis-server and every postgres process, as PSS).
#
#   bench/startup.sh [data-dir]            `mvn spring-boot:run` (warm Maven cache, project compiled once)
#   bench/startup.sh --jar [runs]          `java -jar app/target/polyshop.jar`: a first start on an empty data
#                                          directory, then [runs] (default 3) restarts on it; prints each and the medians
set -euo pipefail
cd "$(dirname "$0")/.."
port=${POLYSHOP_PORT:-18080}

descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }

# PSS of every process of the instance: the launcher's descendants and the PostgreSQL server, which daemonizes (its pid
# is in its data directory) with its backends. Shared pages such as shared buffers are counted once, not per process.
memory() {
  local root=$1 data_dir=$2 postmaster pids total=0 name sum pid kb
  postmaster=$(head -1 "$data_dir/postgres/postmaster.pid" 2>/dev/null || true)
  pids="$root $(descendants "$root") ${postmaster:+$postmaster $(pgrep -P "$postmaster")}"
  for pid in $pids; do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0); total=$((total + ${kb:-0}))
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
}

# CPU seconds (user + system) spent so far by every process of the instance, from /proc
cpu_seconds() {
  local root=$1 data_dir=$2 postmaster pids ticks=0 pid t
  postmaster=$(head -1 "$data_dir/postgres/postmaster.pid" 2>/dev/null || true)
  pids="$root $(descendants "$root") ${postmaster:+$postmaster $(pgrep -P "$postmaster")}"
  for pid in $pids; do
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0); ticks=$((ticks + ${t:-0}))
  done
  echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc
}

# Launches "$@", waits for health UP; leaves the pid in $launched and the seconds in $elapsed
launched=
elapsed=
start_and_wait() {
  local log=$1; shift
  local start healthy
  start=$(date +%s.%N)
  "$@" >"$log" 2>&1 &
  launched=$!
  until curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 $launched 2>/dev/null; then echo "Polyshop exited; log: $log" >&2; tail -30 "$log" >&2; exit 1; fi
    sleep 0.1
  done
  healthy=$(date +%s.%N)
  elapsed=$(echo "$healthy - $start" | bc)
}

stop() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

if [ "${1:-}" = "--jar" ]; then
  runs=${2:-3}
  jar=app/target/polyshop.jar
  [ -f "$jar" ] || { echo "no $jar: build it with 'mvn -DskipTests package'" >&2; exit 1; }
  data_dir=$(mktemp -d)
  trap '[ -n "$launched" ] && stop $launched; rm -rf "$data_dir"' EXIT
  export POLYSHOP_DATA_DIR=$data_dir POLYSHOP_PORT=$port
  log=$(mktemp)
  start_and_wait "$log" java -jar "$jar"
  printf 'empty data directory: healthy after %.1f s (java -jar %s)\n' "$elapsed" "$jar"
  printf '  CPU time of the instance so far: %s s\n' "$(cpu_seconds $launched "$data_dir")"
  sleep 10 # idle
  memory $launched "$data_dir"
  stop $launched
  restarts=()
  for i in $(seq 1 "$runs"); do
    start_and_wait "$log" java -jar "$jar"
    printf 'restart %d: healthy after %.1f s (CPU %s s)\n' "$i" "$elapsed" "$(cpu_seconds $launched "$data_dir")"
    restarts+=("$elapsed")
    stop $launched
  done
  printf 'median restart: %.1f s over %d runs\n' "$(printf '%s\n' "${restarts[@]}" | median)" "$runs"
  launched=
  exit 0
fi

data_dir=${1:-$(mktemp -d)}
log=$(mktemp)
export POLYSHOP_DATA_DIR=$data_dir POLYSHOP_PORT=$port
start_and_wait "$log" mvn -B -q -o spring-boot:run
trap 'kill -TERM $(pgrep -f "io.polyshop.PolyshopApplication" || true) 2>/dev/null || true; wait $launched 2>/dev/null || true' EXIT
printf 'healthy after %.1f s (mvn spring-boot:run -> /actuator/health UP)\n' "$elapsed"
sleep 10 # idle
memory $launched "$data_dir"
