#!/usr/bin/env bash
# Starts calsync's whole local stack on this machine: PostgreSQL, Kafka, the google-emulator and the four
# apps, with demo data. No Docker, no internet. Builds what is missing first. Ctrl-C stops everything.
#
#   ./run-local.sh                 build if needed, then start (flags: ./run-local.sh --help)
#   ./run-local.sh --no-build      start what is built
#   ./run-local.sh --fresh         wipe the data folder (.data/) first
#
# Every launcher flag has an environment variable too, e.g. CALSYNC_LOCAL_DASHBOARD_PORT=18080.
set -euo pipefail
cd "$(dirname "$0")"

pick_jdk() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
        /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        local major
        major=$("$candidate/bin/javac" -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
        if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! JAVA_HOME=$(pick_jdk); then
    echo "run-local: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "run-local: install one, e.g. Temurin 25, and set JAVA_HOME." >&2
    exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# Fewer glibc malloc arenas: small JVMs (the launcher and every child inherits this) keep less RSS.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

build=yes
launcher_args=()
for arg in "$@"; do
    case "$arg" in
        --no-build) build=no ;;
        *) launcher_args+=("$arg") ;;
    esac
done

LAUNCHER=deploy/target/deploy-0.1.0-SNAPSHOT.jar
# The jars the stack runs; each is rebuilt when missing or older than its module's sources.
MODULES=(shared-model messaging calendar-store google-emulator provider-google provider-google-spring webhook-ingress sync-worker
    outbound-writer dashboard deploy)

needs_build() {
    local module jar
    for module in "${MODULES[@]}"; do
        [ -d "$module" ] || continue
        # Every module builds this jar (apps repackage it in place), so it dates the module's last build.
        jar="$module/target/$module-0.1.0-SNAPSHOT.jar"
        if [ ! -f "$jar" ]; then
            echo "$jar is missing"
            return 0
        fi
        if [ -n "$(find "$module/src/main" "$module/pom.xml" pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
            echo "$module changed since $jar was built"
            return 0
        fi
    done
    [ -d deploy/target/lib ] || { echo "deploy/target/lib is missing"; return 0; }
    return 1
}

case " ${launcher_args[*]-} " in
    *" --help "*|*" -h "*) build=no ;;
esac

if [ "$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java.specification.version = ([0-9]+).*/\1/p')" -ge 23 ] 2>/dev/null; then
    # Maven's plugins still call sun.misc.Unsafe; JDK 23+ would print four warnings per build.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

if [ "$build" = yes ] && reason=$(needs_build); then
    echo "run-local: building ($reason): ./mvnw -B -q -DskipTests package"
    ./mvnw -B -q -DskipTests package
    # Maven leaves a jar untouched when its classes did not change (a pom edit, say): date them all now,
    # or the next start would find the same "change" and build again.
    for module in "${MODULES[@]}"; do
        if [ -f "$module/target/$module-0.1.0-SNAPSHOT.jar" ]; then
            touch "$module/target/$module-0.1.0-SNAPSHOT.jar"
        fi
    done
elif [ ! -f "$LAUNCHER" ]; then
    echo "run-local: $LAUNCHER is missing; run without --no-build, or: ./mvnw -B -DskipTests package" >&2
    exit 1
fi

# The launcher itself is small: it hosts the Kafka Admin client and Liquibase for a few seconds, then waits.
exec "$JAVA_HOME/bin/java" -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \
    -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 \
    -jar "$LAUNCHER" --repo-root="$PWD" ${launcher_args[@]+"${launcher_args[@]}"}
