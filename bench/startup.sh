#!/usr/bin/env bash
# Measures what starting Polyshop costs: seconds from launch to /actuator/health UP, and the memory of the whole
# instance at idle (the application JVM, the Neo4j JVM, the document engine JVM, redis-server and every postgres process; RSS and PSS).
#
#   bench/startup.sh [data-dir]            `mvn spring-boot:run` (warm Maven cache, project compiled once)
#   bench/startup.sh --jar [runs]          `java -jar app/target/polyshop.jar`: a first start on an empty data
#                                          directory, then [runs] (default 3) restarts on it; prints each, the median
#                                          restart, and the memory at idle after the first start and the last restart
#   bench/startup.sh --jar [runs] --compare other.jar
#                                          the same, with each start of this build preceded by one of other.jar (a
#                                          copy of an earlier build) on its own data directory: before and after,
#                                          measured on the same machine at the same time
#   Issue 14's targets: healthy < 25 s on an empty data directory, < 15 s on a restart, < 2 GiB for the instance.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${POLYSHOP_PORT:-18080}

descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }

# Memory of every process of the instance at idle: the application JVM (the launched process, or the JVM Maven
# forks), the Neo4j JVM, the document engine JVM and redis-server (its children), and the PostgreSQL server, which daemonizes (its pid is in
# its data directory), with all its backends. Per process kind: RSS summed (pages shared between processes, such as
# PostgreSQL's shared buffers, counted once per process: an upper bound) and PSS summed (shared pages divided among
# their users: what the instance really holds). A kind of process that is missing fails the measurement instead of
# making it smaller.
memory() {
  local root=$1 data_dir=$2 postmaster pids pid kind rss pss
  postmaster=$(head -1 "$data_dir/postgres/postmaster.pid" 2>/dev/null || true)
  pids="$root $(descendants "$root") ${postmaster:+$postmaster $(pgrep -P "$postmaster")}"
  declare -A RSS PSS N
  for pid in $pids; do
    case "$(ps -o comm= -p "$pid" 2>/dev/null)" in
      java) case "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" in
          *io.polyshop.neo4jserver.EmbeddedNeo4jServer*) kind=neo4j-jvm ;;
          *io.polyshop.documentengine.DocumentEngineServer*) kind=document-jvm ;;
          *polyshop.jar*|*io.polyshop.PolyshopApplication*) kind=app-jvm ;;
          *) kind=launcher ;; # Maven's own JVM under spring-boot:run: not part of the instance
        esac ;;
      redis-server*) kind=redis-server ;;
      postgres*) kind=postgres ;;
      *) kind=other ;;
    esac
    rss=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    RSS[$kind]=$(( ${RSS[$kind]:-0} + ${rss:-0} )); PSS[$kind]=$(( ${PSS[$kind]:-0} + ${pss:-0} )); N[$kind]=$(( ${N[$kind]:-0} + 1 ))
  done
  local total_rss=0 total_pss=0
  for kind in app-jvm neo4j-jvm document-jvm postgres redis-server other; do
    # the document engine runs in the application JVM with polyshop.mongodb.embedded.own-jvm=false
    [ -n "${N[$kind]:-}" ] || { [ "$kind" = other ] || [ "$kind" = document-jvm ] && continue; echo "no $kind process found: nothing measured" >&2; exit 1; }
    printf '  %-13s %2d process(es)  RSS %5d MiB  PSS %5d MiB\n' "$kind" "${N[$kind]}" $(( RSS[$kind] / 1024 )) $(( PSS[$kind] / 1024 ))
    total_rss=$(( total_rss + RSS[$kind] )); total_pss=$(( total_pss + PSS[$kind] ))
  done
  printf 'memory at idle, all processes of this instance: RSS %d MiB, PSS %d MiB (target < 2048 MiB)\n' \
    $(( total_rss / 1024 )) $(( total_pss / 1024 ))
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
  baseline=
  if [ "${3:-}" = "--compare" ]; then baseline=${4:?--compare needs the path of another polyshop jar}; fi
  [ -f "$jar" ] || { echo "no $jar: build it with 'mvn -DskipTests package'" >&2; exit 1; }
  [ -z "$baseline" ] || [ -f "$baseline" ] || { echo "no $baseline" >&2; exit 1; }
  data_dir=$(mktemp -d)
  baseline_dir=$(mktemp -d)
  trap '[ -n "$launched" ] && stop $launched; rm -rf "$data_dir" "$baseline_dir"' EXIT
  export POLYSHOP_PORT=$port
  log=$(mktemp)
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  # one start of the baseline jar on its own data directory, interleaved with this build's starts so that both see
  # the same machine; prints its time and CPU
  baseline_start() {
    POLYSHOP_DATA_DIR=$baseline_dir start_and_wait "$log" java -jar "$baseline"
    printf '  %s, %s: healthy after %.1f s (CPU %s s)\n' "$1" "$baseline" "$elapsed" "$(cpu_seconds $launched "$baseline_dir")"
    baseline_times+=("$elapsed")
    stop $launched
  }
  baseline_times=()
  [ -z "$baseline" ] || baseline_start "empty data directory"
  baseline_times=()
  export POLYSHOP_DATA_DIR=$data_dir
  start_and_wait "$log" java -jar "$jar"
  printf 'empty data directory: healthy after %.1f s (java -jar %s; target < 25 s)\n' "$elapsed" "$jar"
  printf '  CPU time of the instance so far: %s s\n' "$(cpu_seconds $launched "$data_dir")"
  sleep 10 # idle
  memory $launched "$data_dir"
  stop $launched
  archive=$(ls "$data_dir"/neo4j-cds/*.jsa 2>/dev/null || true)
  echo "  Neo4j class archive after the first stop: ${archive:+$(du -m "$archive" | cut -f1) MiB }${archive:-none}"
  restarts=()
  for i in $(seq 1 "$runs"); do
    [ -z "$baseline" ] || baseline_start "restart $i"
    start_and_wait "$log" java -jar "$jar"
    printf 'restart %d: healthy after %.1f s (CPU %s s)\n' "$i" "$elapsed" "$(cpu_seconds $launched "$data_dir")"
    restarts+=("$elapsed")
    if [ "$i" = "$runs" ]; then sleep 10; memory $launched "$data_dir"; fi # idle, after a restart
    stop $launched
  done
  printf 'median restart: %.1f s over %d runs (target < 15 s)\n' "$(printf '%s\n' "${restarts[@]}" | median)" "$runs"
  [ -z "$baseline" ] || printf '  median restart of %s: %.1f s\n' "$baseline" "$(printf '%s\n' "${baseline_times[@]}" | median)"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
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
