#!/usr/bin/env bash
# Benchmarks of the sync worker (not tests): the real worker with embedded PostgreSQL, an embedded
# KRaft broker and the google-emulator, all in one JVM on loopback. Prints one line per scenario.
#
#   bench/worker/sync-worker.sh [all|burst|initial|propagation ...]
#     burst        (d) 1,000 changes on one calendar within 1 s (emulator burst endpoint), each pushed
#                  by the emulator to a stand-in ingress that publishes to Kafka; prints list calls
#     initial      (c) first full sync of 10 calendars x 5,000 events, emulator quota 600/min/user on:
#                  unmeasured runs of the same size first (JIT warm; -Dbench.warmupRuns, default 5),
#                  then measured runs (-Dbench.measuredRuns, default 5), each printing events/s, CPU
#                  per event of this JVM and of PostgreSQL, and this JVM's CPU by thread name; then the median
#     propagation  (b, partial) emulator change -> push -> stand-in ingress -> Kafka -> committed row,
#                  100 isolated changes
#   PROFILE=1 adds a JFR recording (sync-worker/target/bench/sync.jfr) of the whole run.
#   APP_ARGS="--calsync.worker.sync.cool-down=3s ..." passes settings to the worker.
#   JVM_OPTS replaces the JVM flags (default -XX:+UseSerialGC, the collector the deploy launcher gives
#   the worker); system properties go there too, e.g. JVM_OPTS="-XX:+UseSerialGC -Dbench.warmupRuns=5".
#   PG_DURABLE=false turns off fsync, synchronous commit and full-page writes, as the tests do;
#   by default the embedded PostgreSQL keeps its crash-safe defaults.
#   SETUP_SQL="stmt;stmt" runs SQL on the migrated schema first (experiments only).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=sync-worker/target/bench
mkdir -p "$OUT"
echo "== build (sync-worker and what it needs, tests compiled, not run)"
./mvnw -B -q -pl sync-worker -am -DskipTests package dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile="$PWD/$OUT/test.classpath" >/dev/null \
    || { echo "build failed: run ./mvnw -B -pl sync-worker -am -DskipTests package to see why"; exit 1; }
CP="sync-worker/target/test-classes:sync-worker/target/classes:$(cat "$OUT/test.classpath")"
echo "== run ${*:-all} ${APP_ARGS:-} (load: $(cut -d' ' -f1-3 /proc/loadavg))"
JFR=()
if [ "${PROFILE:-0}" = 1 ]; then
    JFR=("-XX:StartFlightRecording=filename=$OUT/sync.jfr,settings=profile")
    echo "   JFR recording to $OUT/sync.jfr"
fi
"$JAVA_HOME/bin/java" -Xmx2g -Dcalsync.test.postgres.durable=${PG_DURABLE:-true} ${JVM_OPTS:--XX:+UseSerialGC} "${JFR[@]}" "-Dbench.appArgs=${APP_ARGS:-}" "-Dbench.setupSql=${SETUP_SQL:-}" -cp "$CP" com.madeup.calsync.worker.bench.SyncBenchmark "${@:-all}" 2>&1 \
    | grep -E "^(BURST|WARMUP|INITIAL|PROPAGATION)|Exception" | tee "$OUT/result.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
