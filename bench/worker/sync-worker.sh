#!/usr/bin/env bash
# Benchmarks of the sync worker (not tests): the real worker with embedded PostgreSQL, an embedded
# KRaft broker and the google-emulator, all in one JVM on loopback. Prints one line per scenario.
#
#   bench/worker/sync-worker.sh [all|burst|initial|propagation ...]
#     burst        (d) 1,000 changes + notifications on one calendar as fast as possible
#     initial      (c) first full sync of 10 calendars x 5,000 events, emulator quota 600/min/user on
#     propagation  (b, partial) notification published -> row committed, 30 isolated changes
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=sync-worker/target/bench
mkdir -p "$OUT"
echo "== build (sync-worker and what it needs, tests compiled, not run)"
./mvnw -B -q -pl sync-worker -am -DskipTests package dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile="$PWD/$OUT/test.classpath" >/dev/null
CP="sync-worker/target/test-classes:sync-worker/target/classes:$(cat "$OUT/test.classpath")"
echo "== run ${*:-all}"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" com.madeup.calsync.worker.bench.SyncBenchmark "${@:-all}" 2>&1 \
    | grep -E '^(BURST|INITIAL|PROPAGATION)|Exception' | tee "$OUT/result.txt"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
