#!/usr/bin/env bash
# Full sync of one large calendar: our provider-google client vs Google's official Java client.
# Builds what it needs, starts the google-emulator in its own JVM, generates the events, runs both
# clients in one JVM (warm-up, then alternating ABBA), and prints time, events/s, allocation and
# the dependency footprint of each client. Not part of `verify`.
#
#   bench/provider-full-sync.sh [events=20000] [warmups=3] [runs=7]
set -euo pipefail
EVENTS=${1:-20000}
WARMUPS=${2:-3}
RUNS=${3:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
OUT=provider-google/target/bench
mkdir -p "$OUT"

echo "== build (provider-google and google-emulator, tests compiled, not run)"
# The emulator is not installed in ~/.m2, so classpaths are resolved inside the reactor (-am); every
# module writes the same file and provider-google, built last, wins.
./mvnw -B -q -pl provider-google -am -DskipTests package dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile="$PWD/$OUT/test.classpath" >/dev/null
./mvnw -B -q -pl provider-google -am -DskipTests package dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$PWD/$OUT/runtime.classpath" >/dev/null
./mvnw -B -q -f bench/google-client-footprint/pom.xml dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$PWD/$OUT/google.classpath" >/dev/null
CP="provider-google/target/classes:provider-google/target/test-classes:google-emulator/target/classes:$(cat "$OUT/test.classpath")"

sum_bytes() { tr ':' '\n' | grep -v '^$' | xargs -r stat -c %s | awk '{s+=$1} END {print s+0}'; }
jar_count() { tr ':' '\n' | grep -c '\.jar$' || true; }
OURS_DEPS=$(sum_bytes < "$OUT/runtime.classpath")
OURS_JAR=$(stat -c %s provider-google/target/provider-google-0.1.0-SNAPSHOT.jar)
OURS=$((OURS_DEPS + OURS_JAR))
OURS_N=$(( $(jar_count < "$OUT/runtime.classpath") + 1 ))
GOOGLE=$(sum_bytes < "$OUT/google.classpath")
GOOGLE_N=$(jar_count < "$OUT/google.classpath")

echo "== start emulator and generate $EVENTS events"
coproc EMU { exec "$JAVA" -Xmx2g -cp "$CP" com.madeup.calsync.provider.emulator.EmulatorLauncher "$EVENTS" 42; }
EMU_PID=$EMU_PID
trap 'kill "$EMU_PID" 2>/dev/null || true' EXIT
read -r -t 300 READY BASE TOKEN CALENDAR <&"${EMU[0]}"
[ "$READY" = READY ] || { echo "emulator did not start: $READY"; exit 1; }
echo "emulator at $BASE"

echo "== benchmark (one JVM, both clients)"
echo "load before: $(uptime)"
"$JAVA" -Xmx1g -cp "$CP" com.madeup.calsync.provider.bench.FullSyncBenchmark \
    "$BASE" "$TOKEN" "$CALENDAR" "$EVENTS" "$WARMUPS" "$RUNS" | tee "$OUT/result.txt"

echo "== dependency footprint (runtime jars)"
# What really ships with each client: its runtime classpath as Maven resolves it (compile + runtime
# scope, transitive), plus our own jar. Test-scope dependencies are not counted.
{ echo provider-google/target/provider-google-0.1.0-SNAPSHOT.jar; tr ':' '\n' < "$OUT/runtime.classpath"; } \
    | grep -v '^$' | while read -r jar; do printf 'JAR client=calsync bytes=%d %s\n' "$(stat -c %s "$jar")" "$(basename "$jar")"; done \
    | tee -a "$OUT/result.txt"
printf 'FOOTPRINT client=calsync jars=%d bytes=%d (provider-google jar + runtime deps)\n' "$OURS_N" "$OURS" | tee -a "$OUT/result.txt"
printf 'FOOTPRINT client=google-api-client jars=%d bytes=%d (google-api-services-calendar + google-api-client + transitive)\n' "$GOOGLE_N" "$GOOGLE" | tee -a "$OUT/result.txt"
awk -v o="$OURS" -v g="$GOOGLE" 'BEGIN { printf "FOOTPRINT ratio ours/google = %.3f\n", o / g }' | tee -a "$OUT/result.txt"
echo "load after: $(uptime)"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
