#!/usr/bin/env bash
# outbound-writer benchmark (not part of `verify`): commands through the real pipeline (embedded
# Kafka, PostgreSQL from test-support, the Google emulator in-process over HTTP).
#   mode unlimited: emulator quota off, writer limit out of the way; one-at-a-time latency p50/p99
#                   and backlog throughput.
#   mode quota:     emulator quota 600/user/min on, writer at its default 8/s; a backlog of creates
#                   must finish with no 403/429 from the emulator.
#   Each phase also prints the CPU used per command (this JVM: writer + broker + emulator + client;
#   PostgreSQL: postmaster + backends), steadier than latency on a shared machine.
#
#   bench/writer/run.sh [unlimited|quota|both=both] [commands]
set -euo pipefail
MODE=${1:-both}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
EXTRA=()
if [ -n "${2:-}" ]; then EXTRA+=("-Dbench.commands=$2"); fi
run() {
    ./mvnw -B -pl outbound-writer -am verify -Dtest=WriterBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
        -Dbench.mode="$1" "${EXTRA[@]}" | grep -E '^BENCH|Tests run:.*WriterBenchmark|FAIL|ERROR' || true
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$MODE" = unlimited ] || [ "$MODE" = both ]; then run unlimited; fi
if [ "$MODE" = quota ] || [ "$MODE" = both ]; then run quota; fi
