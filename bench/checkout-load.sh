#!/usr/bin/env bash
# The purchase path under load, end to end, on the packaged jar with the embedded engines:
#   1. starts app/target/polyshop.jar on a fresh data directory, loading ORDERS stored orders through the bulk
#      generator (polyshop.orders.generate.count) before the run;
#   2. warms up, then runs the Gatling load test (load-test/, scenario SCENARIO, USERS customers for DURATION s) at full
#      speed, then again at half the measured rate, then order history;
#   3. reads utime+stime from /proc of every process of the instance (app JVM, Neo4j and document engine JVMs, redis-server, the PostgreSQL
#      postmaster and its backends, including backends that exited) before and after the full-speed run, and polls the
#      outbox (incomplete event publications) every second during it;
#   4. prints orders/s, checkout p50/p95/p99, CPU ms per order, max outbox backlog, the half-rate p99, history p99,
#      and the ceilings of the same work measured without the application: pgbench running the checkout's SQL
#      transactions, redis-benchmark running the cart's add script.
# Usage: bench/checkout-load.sh            (env: ORDERS=10000 USERS=32 DURATION=60 WARMUP=240 SCENARIO=checkout JAR=... JFR=0)
# The 1M orders take ~13 min to generate: `DATA_DIR=/tmp/d ORDERS=1000000 GENERATE_ONLY=1 bench/checkout-load.sh` stores
# them and stops; then `DATA_DIR=/tmp/d ORDERS=1000000 GENERATE=0 bench/checkout-load.sh` measures on them (a run adds
# its orders to the directory: measure on a copy to keep the count).
# JFR=1 records the app JVM during the full-speed run and during order history (profile settings), and every JVM of
# the instance during the half-rate run, then prints where that run's slow checkouts waited (bench/slow-checkouts.py);
# JFR=half records only the half-rate run (the full-speed figures then carry no recording's cost). The half-rate
# recordings take the default settings (waits of 20 ms and more): the profile settings in three JVMs saturated the
# half-rate run on a slow VM (2026-11-27).
# A store given by URL (e.g. POLYSHOP_NEO4J_URI) is not started; give its server's pids in EXTRA_PIDS to count its CPU.
# Gatling's HTML reports: load-test/target/gatling/*/index.html. Needs psql, pgbench and redis-benchmark on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${ORDERS:-10000}   # orders stored when the run starts (the label of the figures)
GENERATE=${GENERATE:-$ORDERS} # orders the generator adds at start (0 on a DATA_DIR that already has them)
USERS=${USERS:-32}
DURATION=${DURATION:-60}
SCENARIO=${SCENARIO:-checkout}
JAR=${JAR:-app/target/polyshop.jar}
PORT=${PORT:-18180}
JFR=${JFR:-0}
# seconds of load before the measured run: the JIT compiles for minutes (the child JVMs take C2 later,
# StartupCompilation); after 60 s its threads still spent 3-5 ms of CPU per order, after 240 s under 1.1 ms (2026-11-26)
WARMUP=${WARMUP:-240}
data_dir=${DATA_DIR:-$(mktemp -d /tmp/polyshop-bench.XXXXXX)}
out=${OUT:-$(mktemp -d /tmp/polyshop-bench-out.XXXXXX)}
admin_email=admin@polyshop.test admin_password=load-test-operator-key-7  # no spaces: Gatling forks its JVM with the -D properties
base=http://localhost:$PORT
mkdir -p "$out" "$data_dir"
echo "data $data_dir, output $out, jar $JAR, $ORDERS stored orders"

POLYSHOP_RATE_LIMITS_ENABLED=false POLYSHOP_DATA_DIR=$data_dir POLYSHOP_PORT=$PORT POLYSHOP_ADMIN_EMAIL=$admin_email POLYSHOP_ADMIN_PASSWORD=$admin_password \
  POLYSHOP_ORDERS_GENERATE=$GENERATE POLYSHOP_CATALOG_DEMO_ENABLED=false POLYSHOP_ORDERS_GENERATE_GRAPH=${GRAPH:-true} \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$out/app.log" 2>&1 &
app_pid=$!
poller_pid=
cleanup() {
  [[ -n $poller_pid ]] && kill "$poller_pid" 2>/dev/null || true
  kill -TERM "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
}
trap cleanup EXIT

started=$(date +%s)
until curl -fs "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 $app_pid 2>/dev/null || { echo "Polyshop exited; see $out/app.log"; tail -20 "$out/app.log"; exit 1; }
  sleep 1
done
if (( GENERATE > 0 )); then
  until grep -q "Generated $GENERATE orders in" "$out/app.log"; do
    kill -0 $app_pid 2>/dev/null || { echo "Polyshop exited; see $out/app.log"; exit 1; }
    sleep 2
  done
  grep "Generated $GENERATE orders in" "$out/app.log" | sed 's/.*: /generator: /'
fi
if [[ ${GENERATE_ONLY:-0} == 1 ]]; then echo "orders stored in $data_dir"; exit 0; fi
echo "ready after $(( $(date +%s) - started )) s"
# from the jar, the launched JVM runs Polyshop in a child JVM (ClassArchiveRelaunch): that child is the one to profile
jvm_pid=$app_pid
for pid in $(pgrep -P "$app_pid" java || true); do
  grep -q "app-cds" "/proc/$pid/cmdline" 2>/dev/null && jvm_pid=$pid
done

pg_port=$(sed -n 4p "$data_dir/postgres/postmaster.pid")
# the embedded engines' generated passwords (psql and pgbench read PGPASSWORD; redis-cli REDISCLI_AUTH)
PGPASSWORD=$(sed -n 's/^postgres.password=//p' "$data_dir/credentials.properties")
REDISCLI_AUTH=$(sed -n 's/^redis.password=//p' "$data_dir/credentials.properties")
export PGPASSWORD REDISCLI_AUTH
postmaster=$(head -1 "$data_dir/postgres/postmaster.pid")
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -XAtq "$@"; }
gatling() { # scenario duration [extra -D...]
  local scenario=$1 duration=$2 log; shift 2
  log=$out/gatling-$scenario-$duration-$(date +%H%M%S).log
  # a run whose assertions failed (e.g. more than 1 % answered 503 by the back-pressure) still has its report:
  # say so on stderr and report its figures with the refused count
  mvn -B -q -f load-test/pom.xml gatling:test -DbaseUrl="$base" -Dscenario="$scenario" -Dusers="$USERS" \
    -Dduration="$duration" -DadminEmail=$admin_email -DadminPassword="$admin_password" "$@" >"$log" 2>&1 \
    || { echo "Gatling assertions failed: $log" >&2; grep -E "^> (KO|status)" "$log" >&2 || true; }
  ls -td load-test/target/gatling/*/ | head -1
}
# figures of one request name from a Gatling report: OK count, OK rate, p50, p95, p99 (Gatling's percentiles 1, 3, 4)
stats() { # report-dir request-name
  python3 - "$1" "$2" <<'PY'
import json, re, sys
# js/stats.js is a JavaScript object literal (some keys unquoted): quote them, then read it as JSON
text = open(sys.argv[1] + "/js/stats.js").read()
body = text[text.index("{"):text.index("function fillStats") if "function fillStats" in text else len(text)]
body = re.sub(r'(^|\n)(\s*)([A-Za-z_]\w*):', r'\1\2"\3":', body[:body.rindex("}") + 1])
def find(node, name):
    if node.get("name") == name: return node["stats"]
    for child in node.get("contents", {}).values():
        found = find(child, name)
        if found: return found
s = find(json.loads(body), sys.argv[2])
print(s["numberOfRequests"]["ok"], s["meanNumberOfRequestsPerSecond"]["ok"], s["percentiles1"]["ok"], s["percentiles3"]["ok"], s["percentiles4"]["ok"], s["numberOfRequests"]["ko"])
PY
}
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
# the pid of the instance's child JVM whose command line names that main class (empty if none runs)
child_jvm() { local p found=; for p in $(descendants $app_pid); do grep -q "$1" /proc/$p/cmdline 2>/dev/null && found=$p; done; echo "$found"; }
cpu_ticks() { # utime+stime of the instance's processes; the postmaster's cutime+cstime adds its backends that exited
  local total=0 pid
  for pid in $app_pid $(descendants $app_pid) ${EXTRA_PIDS:-} $postmaster $(pgrep -P "$postmaster"); do
    read -r u s cu cs < <(awk '{print $14, $15, $16, $17}' "/proc/$pid/stat" 2>/dev/null || echo "0 0 0 0")
    total=$((total + u + s))
    [[ $pid == "$postmaster" ]] && total=$((total + cu + cs))
  done
  echo $total
}
per_process() {
  local pid
  for pid in $app_pid $(descendants $app_pid) ${EXTRA_PIDS:-} $postmaster $(pgrep -P "$postmaster"); do
    # the JVMs apart: the application's (and its launcher, when it relaunched itself), Neo4j's and the document engine's;
    # others by name
    cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" || true) # a backend may exit meanwhile
    name=$(echo "$cmdline" | awk -v pid="$pid" -v app="$app_pid" -v jvm="$jvm_pid" \
      '{print pid == jvm ? "app-jvm" : (pid == app ? "app-launcher" : (/EmbeddedNeo4jServer/ ? "neo4j-jvm" : (/DocumentEngineServer/ ? "document-jvm" : "")))}')
    awk -v pid="$pid" -v name="$name" '{printf "%s %s %d\n", pid, name == "" ? $2 : name, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
  done
}
hz=$(getconf CLK_TCK)
# CPU ticks of each thread of the app JVM, by thread name (digits folded: "http-nio-18180-exec-12" counts as one pool)
threads() {
  python3 - "$jvm_pid" <<'PY'
import collections, glob, re, sys
ticks = collections.Counter()
for task in glob.glob(f"/proc/{sys.argv[1]}/task/*"):
    try:
        stat = open(task + "/stat").read()
    except OSError:
        continue  # the thread ended meanwhile
    name = re.sub(r"\d+", "N", stat[stat.index("(") + 1:stat.rindex(")")]).replace(" ", "_")
    fields = stat[stat.rindex(")") + 2:].split()
    ticks[name] += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
for name, t in sorted(ticks.items()):
    print(name, t)
PY
}

echo "warm-up: $SCENARIO, $USERS customers, $WARMUP s"
gatling "$SCENARIO" "$WARMUP" >/dev/null

# full speed, measured
backlog_file=$out/backlog.txt; : >"$backlog_file"
( while true; do psql_ -c "SELECT count(*) FROM event_publication WHERE completion_date IS NULL" >>"$backlog_file" 2>/dev/null || true; sleep 1; done ) &
poller_pid=$!
orders_before=$(psql_ -c "SELECT count(*) FROM orders")
publications_before=$(psql_ -c "SELECT count(*) FROM event_publication")
per_process >"$out/cpu-before.txt"
threads >"$out/threads-before.txt"
cpu_before=$(cpu_ticks)
if [[ $JFR == 1 ]]; then jcmd $jvm_pid JFR.start duration=$((DURATION - 5))s filename="$out/app.jfr" settings=profile >/dev/null; fi
# ASYNC_PROFILER=/path/libasyncProfiler.so: CPU samples of every thread of the app JVM (JIT and GC included) during
# the measured run, as collapsed stacks in app.collapsed and neo4j.collapsed (async-profiler, Maven Central tools.profiler:async-profiler)
# (jcmd splits an unquoted agent option at its "=": the option goes in double quotes)
neo4j_pid=$(child_jvm EmbeddedNeo4jServer)
if [[ -n ${ASYNC_PROFILER:-} ]]; then
  for pid in $jvm_pid $neo4j_pid; do jcmd $pid JVMTI.agent_load "$ASYNC_PROFILER" '"start,event=itimer,interval=1ms,threads"' >/dev/null; done
fi
report=$(gatling "$SCENARIO" "$DURATION" -Dprepare=false)
cpu_after=$(cpu_ticks)
per_process >"$out/cpu-after.txt"
threads >"$out/threads-after.txt"
if [[ -n ${ASYNC_PROFILER:-} ]]; then
  jcmd $jvm_pid JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,collapsed,file=$out/app.collapsed\"" >/dev/null
  if [[ -n $neo4j_pid ]]; then jcmd $neo4j_pid JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,collapsed,file=$out/neo4j.collapsed\"" >/dev/null; fi
fi
orders_after=$(psql_ -c "SELECT count(*) FROM orders")
publications_after=$(psql_ -c "SELECT count(*) FROM event_publication")
sleep 5 # the outbox drains after the load stops
kill $poller_pid; poller_pid=
backlog_left=$(psql_ -c "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
read -r ok rate p50 p95 p99 ko < <(stats "$report" checkout)
orders=$((orders_after - orders_before))
cpu_ms=$(( (cpu_after - cpu_before) * 1000 / hz ))
max_backlog=$(sort -n "$backlog_file" | tail -1)
printf '\n== %s at %d stored orders, %d customers, %d s: %s\n' "$SCENARIO" "$ORDERS" "$USERS" "$DURATION" "$report"
printf 'orders placed: %d (%s checkouts OK, %s not: 503 from the back-pressure or errors), %.1f orders/s\n' "$orders" "$ok" "$ko" "$rate"
printf 'checkout latency: p50 %s ms, p95 %s ms, p99 %s ms\n' "$p50" "$p95" "$p99"
printf 'CPU, all processes of the instance: %d ms, %.2f ms per order\n' "$cpu_ms" "$(echo "$cpu_ms / $orders" | bc -l)"
# the backlog in time: publications written per order (one per listener of each of its events), at the run's rate
per_order=$(echo "($publications_after - $publications_before) / $orders" | bc -l)
printf 'outbox: max %s incomplete publications during the run (%.1f per order: %.2f s worth of orders), %s left 5 s after it\n' \
  "${max_backlog:-0}" "$per_order" "$(echo "${max_backlog:-0} / $per_order / ($orders / $DURATION)" | bc -l)" "$backlog_left"
join <(sort "$out/cpu-before.txt") <(sort "$out/cpu-after.txt") | awk -v hz=$hz '{d[$2] += ($5 - $3) * 1000 / hz} END {for (n in d) printf "  %-16s %8d ms\n", n, d[n]}'
echo "app JVM by thread, ms per order:"
join -a2 "$out/threads-before.txt" "$out/threads-after.txt" | awk -v hz=$hz -v n="$orders" \
  '{b = NF == 3 ? $2 : 0; d = ($NF - b) * 1000 / hz / n; if (d >= 0.1) printf "  %-20s %6.2f\n", $1, d}' | sort -k2 -nr | tee "$out/threads.txt"

half=$(echo "$rate / 2" | bc -l)
# CPU of each process every second during the half-rate run (epoch seconds, pid, name, ticks): a slow checkout in
# Gatling's simulation.log can be matched with what else ran at that second
( while true; do per_process | sed "s/^/$(date +%s) /"; sleep 1; done >"$out/cpu-timeline.txt" ) &
poller_pid=$!
# the same checkouts as the application timed them (its http.server.requests histogram, before and after): what the
# client saw beyond that was spent outside the application (the load generator, the network stack, the scheduler)
prometheus() { curl -fs -u "$admin_email:$admin_password" "$base/actuator/prometheus" >"$1" || : >"$1"; }
prometheus "$out/prometheus-before.txt"
doc_pid=$(child_jvm DocumentEngineServer)
if [[ $JFR == 1 || $JFR == half ]]; then
  for pid in $jvm_pid $neo4j_pid $doc_pid; do jcmd $pid JFR.start name=half filename="$out/half-$pid.jfr" settings=default >/dev/null; done
fi
report=$(gatling "$SCENARIO" "$DURATION" -Drate="$half" -Dprepare=false)
if [[ $JFR == 1 || $JFR == half ]]; then for pid in $jvm_pid $neo4j_pid $doc_pid; do jcmd $pid JFR.stop name=half >/dev/null; done; fi
prometheus "$out/prometheus-after.txt"
kill $poller_pid; poller_pid=
read -r ok hrate p50 p95 p99 ko < <(stats "$report" checkout)
printf 'at half that rate (%.1f orders/s offered, %.1f done, %s not): checkout p50 %s ms, p95 %s ms, p99 %s ms\n' "$half" "$hrate" "$ko" "$p50" "$p95" "$p99"
python3 - "$out/prometheus-before.txt" "$out/prometheus-after.txt" <<'PY'
import re, sys
def buckets(path):  # upper bound (s) -> cumulative count of POST /api/checkout, every status
    counts = {}
    for line in open(path):
        if line.startswith("http_server_requests_seconds_bucket{") and 'uri="/api/checkout"' in line and 'method="POST"' in line:
            le = re.search(r'le="([^"]+)"', line).group(1)
            counts[float(le)] = counts.get(float(le), 0) + float(line.rsplit(" ", 1)[1])
    return counts
before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
if not after:
    print("  as the application timed them: no histogram (actuator/prometheus did not answer)")
    sys.exit()
delta = sorted((le, after[le] - before.get(le, 0)) for le in after)
total = delta[-1][1]
def quantile(q):
    return next(le for le, count in delta if count >= q * total) * 1000
print("  as the application timed them (histogram bucket bounds): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms of %d" % (quantile(0.5), quantile(0.95), quantile(0.99), total))
PY
if [[ $JFR == 1 || $JFR == half ]]; then
  python3 bench/slow-checkouts.py "$out/half-$jvm_pid.jfr" \
    "app=$out/half-$jvm_pid.jfr" ${neo4j_pid:+"neo4j=$out/half-$neo4j_pid.jfr"} ${doc_pid:+"documents=$out/half-$doc_pid.jfr"} | tee "$out/slow-checkouts.txt" || echo "slow-checkouts.py failed"
fi

if [[ $JFR == 1 ]]; then jcmd $jvm_pid JFR.start name=history duration=18s filename="$out/history.jfr" settings=profile >/dev/null; fi
report=$(gatling history 20 -Dprepare=false)
read -r ok hrate p50 p95 p99 ko < <(stats "$report" "order history")
printf 'order history (GET /api/orders): %.1f/s, p50 %s ms, p95 %s ms, p99 %s ms\n' "$hrate" "$p50" "$p95" "$p99"

# one hot SKU: HOT_BUYERS customers at once for HOT_UNITS units; the audit (zero oversell, stock conserved) is in the report
report=$(gatling hot 0 -Dbuyers="${HOT_BUYERS:-50}" -DhotUnits="${HOT_UNITS:-20}")
grep -E "Hot SKU|KO|assertion|Assertion" "$(ls -t "$out"/gatling-hot-0-*.log | head -1)" | grep -v "^ *$" | head -8 || true

if [[ $JFR == 1 ]]; then
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$out/app.jfr" >"$out/app-samples.txt"
  echo "JFR samples: $out/app-samples.txt (the full-speed run), $out/history.jfr (order history)"
fi

# ceilings of the same work without the application
redis_port=$(ps -o args= -p "$(pgrep -P $jvm_pid redis-server | head -1)" | grep -oE ':[0-9]+' | tail -1 | tr -d :)
bench/checkout-ceilings.sh "$pg_port" "$redis_port" 8 20 | tee "$out/ceilings.txt"
