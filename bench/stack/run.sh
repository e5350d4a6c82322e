#!/usr/bin/env bash
# Benchmarks of the whole local stack (not tests): ./run-local.sh started in the background on free
# ports, every part a real process (PostgreSQL, the Kafka broker, the google-emulator, the four apps),
# measured from outside. Prints one line per figure; see e2e's StackBenchmark for what each phase does.
#
#   bench/stack/run.sh [all|propagation|burst|load ...]
#     propagation  (#5 b) change at the emulator -> row committed, 200 isolated changes 1.5 s apart
#     burst        (#5 d) 1,000 changes on one calendar in about 1 s -> events.list calls
#     load         (#8.5) a minute of mixed load; peak RSS of every process and of the whole stack
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=e2e/target/bench
mkdir -p "$OUT"
echo "== build (every jar the stack runs, e2e test classes; no tests run)"
./mvnw -B -q -DskipTests package >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; exit 1; }
./mvnw -B -q -pl e2e -am -DskipTests package dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile="$PWD/$OUT/test.classpath" >"$OUT/build.log" 2>&1 \
    || { tail -30 "$OUT/build.log"; exit 1; }
CP="e2e/target/test-classes:$(cat "$OUT/test.classpath")"
echo "== run ${*:-all} (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" com.madeup.calsync.e2e.StackBenchmark "${@:-all}" 2>&1 \
    | grep -E '^(STACK|PROPAGATION|BURST|LOAD|MEMORY)|load error|Exception' | tee "$OUT/result.txt"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GiB, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
