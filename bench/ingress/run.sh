#!/usr/bin/env bash
# Benchmark 7(a): webhook-ingress notification throughput against the same server's trivial endpoint.
# Starts PostgreSQL + a real Kafka broker through the deploy launcher (--no-apps), registers CHANNELS
# push channels, starts the ingress jar (APP_JVM_OPTS, benchmark endpoint on), warms up, then runs
# ROUNDS x (notify, trivial, bare) with wrk and prints per round: req/s, p50/p99, non-2xx, CPU per request of
# the app, the broker and wrk, and the CPU the rest of the machine used meanwhile (other builds), and for notify
# the producer's batching and the mean time from send to Kafka's acknowledgement; then
# the median ratio and the peak RSS (VmHWM) of the app and of the broker. notify and trivial get the same
# request (push.lua: Google's headers, no body), so only the handler differs; bare is /bench/trivial with
# no headers at all (bare.lua), the lightest request, shown for comparison.
# Usage: bench/ingress/run.sh   (env: ROUNDS=3 DURATION=15s WARMUP=30s THREADS=2 CONNECTIONS=64
#        CHANNELS=1000 APP_JVM_OPTS="<the README's Memory flags>" APP_ENV="MALLOC_ARENA_MAX=2" APP_ARGS="--spring...=..."
#        B_JAR=<another build> B_JVM_OPTS=... B_ARGS=... B_ENV=... (any of them: a second app "b" on APP_PORT+1,
#        measured in the same rounds, for A/B comparisons under the same machine noise)
#        PROFILE=async (async-profiler CPU profile of the last round, both endpoints, app and broker; needs
#        tools.profiler:async-profiler:4.2 in ~/.m2, fetched with ./mvnw dependency:get) or PROFILE=jfr)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/bench/ingress
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA=$JAVA_HOME/bin/java
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
export CHANNELS=${CHANNELS:-1000}
PG_PORT=${PG_PORT:-15433}
KAFKA_PORT=${KAFKA_PORT:-19092}
APP_PORT=${APP_PORT:-18081}
# The flags webhook-ingress/README.md ("Memory") recommends; override to compare.
APP_JVM_OPTS=${APP_JVM_OPTS:--Xms64m -Xmx160m -XX:+UseSerialGC -Xss512k -XX:MaxMetaspaceSize=128m \
-XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=32m -XX:TrimNativeHeapInterval=5000}
APP_ARGS=${APP_ARGS:-}
APP_ENV=${APP_ENV:-MALLOC_ARENA_MAX=2}

INGRESS_JAR=${INGRESS_JAR:-webhook-ingress/target/webhook-ingress-0.1.0-SNAPSHOT.jar}
LAUNCHER_JAR=deploy/target/deploy-0.1.0-SNAPSHOT.jar

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
if [ ! -f "$INGRESS_JAR" ] || [ ! -f "$LAUNCHER_JAR" ] || [ ! -d deploy/target/lib ]; then
    echo "building the jars: ./mvnw -B -q -DskipTests package -pl deploy,webhook-ingress -am"
    ./mvnw -B -q -DskipTests package -pl deploy,webhook-ingress -am
fi

WORK=$(mktemp -d /tmp/calsync-bench-ingress.XXXXXX)
DATA=$WORK/stack
LAUNCHER_PID=""
APP_PIDS=""
cleanup() {
    for pid in $APP_PIDS; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    if [ -n "$LAUNCHER_PID" ]; then
        kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$LAUNCHER_PID" 2>/dev/null || break; sleep 0.5; done
    fi
    echo "logs and data kept in $WORK"
}
trap cleanup EXIT

echo "== starting PostgreSQL and Kafka (deploy launcher --no-apps, data in $DATA)"
"$JAVA" -Xmx96m -jar "$LAUNCHER_JAR" --repo-root="$ROOT" --no-apps --data-dir="$DATA" \
    --postgres-port="$PG_PORT" --kafka-port="$KAFKA_PORT" --kafka-controller-port=$((KAFKA_PORT + 1)) \
    --emulator-port=$((APP_PORT + 8)) >"$WORK/launcher.log" 2>&1 &
LAUNCHER_PID=$!
for _ in $(seq 1 240); do
    [ -f "$DATA/run/stack.properties" ] && break
    kill -0 "$LAUNCHER_PID" 2>/dev/null || { cat "$WORK/launcher.log"; exit 1; }
    sleep 0.5
done
[ -f "$DATA/run/stack.properties" ] || { echo "stack did not come up" >&2; cat "$WORK/launcher.log"; exit 1; }
prop() { sed -n "s/^$1=//p" "$2" | sed 's/\\:/:/g'; }
DB_URL=$(prop 'database\.url' "$DATA/run/stack.properties")
DB_USER=$(prop 'database\.user' "$DATA/run/stack.properties")
DB_PASSWORD=$(prop 'database-password' "$DATA/secrets.properties")
BOOTSTRAP=$(prop 'kafka\.bootstrap-servers' "$DATA/run/stack.properties")
DB_NAME=${DB_URL##*/}
echo "   postgres $DB_URL, kafka $BOOTSTRAP"

echo "== registering $CHANNELS channels (token hash = SHA-256, as SubscriptionStore stores it)"
PGPASSWORD=$DB_PASSWORD psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 <<SQL
DELETE FROM calendar_subscriptions WHERE uuid LIKE 'bench-%';
-- One user per connection: provider_connections is unique on (user_id, provider).
INSERT INTO users (email, display_name)
SELECT 'bench-' || i || '@madeup.example', 'Bench ' || i FROM generate_series(1, $CHANNELS) i ON CONFLICT DO NOTHING;
INSERT INTO provider_connections (id, user_id, provider, account_email)
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, u.id, 'google', u.email
FROM generate_series(1, $CHANNELS) i JOIN users u ON u.email = 'bench-' || i || '@madeup.example'
ON CONFLICT DO NOTHING;
INSERT INTO calendar_subscriptions (uuid, calendar_ids, connection_id, user_id, resource_kind, resource_id,
    token_hash, expiration, state, created_at, updated_at)
SELECT 'bench-' || i, ARRAY['cal-' || i || '@group.calendar.google.com'], c.id, c.user_id, 'events',
       'resource-' || i, sha256(convert_to('bench-token-' || i, 'UTF8')), now() + interval '7 days', 'active',
       now(), now()
FROM generate_series(1, $CHANNELS) i
JOIN provider_connections c ON c.id = ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid;
SQL
SQL_COUNT=$(PGPASSWORD=$DB_PASSWORD psql -tA -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
    -c "SELECT count(*) FROM calendar_subscriptions WHERE uuid LIKE 'bench-%'")
echo "   $SQL_COUNT channels"

# start_app name port jar "jvm options" "args" "environment" -> sets PID_<name>
start_app() {
    echo "== starting webhook-ingress $1 on $2 ($6 java $4 $5; $3)"
    # shellcheck disable=SC2086
    SERVER_PORT=$2 \
    SPRING_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
    SPRING_DATASOURCE_URL=$DB_URL SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD \
    CALSYNC_STORE_TOKEN_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) \
    CALSYNC_INGRESS_BENCHMARK_ENDPOINT_ENABLED=true \
        env $6 "$JAVA" $4 -jar "$3" $5 >"$WORK/ingress-$1.log" 2>&1 &
    local pid=$!
    APP_PIDS="$APP_PIDS $pid"
    eval "PID_$1=$pid"
    for _ in $(seq 1 240); do
        curl -fs "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1 && break
        kill -0 "$pid" 2>/dev/null || { tail -50 "$WORK/ingress-$1.log"; exit 1; }
        sleep 0.5
    done
    echo "   ready; RSS idle $(awk '/VmRSS/ {print int($2/1024) " MiB"}' "/proc/$pid/status")"
}
APP_PIDS=""
VARIANTS=a
start_app a "$APP_PORT" "$INGRESS_JAR" "$APP_JVM_OPTS" "$APP_ARGS" "$APP_ENV"
if [ -n "${B_JAR:-}${B_JVM_OPTS:-}${B_ARGS:-}${B_ENV:-}" ]; then
    # A second app to compare with, hammered in turn in the same rounds (same machine noise for both).
    VARIANTS="a b"
    start_app b $((APP_PORT + 1)) "${B_JAR:-$INGRESS_JAR}" "${B_JVM_OPTS:-$APP_JVM_OPTS}" "${B_ARGS:-$APP_ARGS}" \
        "${B_ENV:-$APP_ENV}"
fi
port_of() { [ "$1" = a ] && echo "$APP_PORT" || echo $((APP_PORT + 1)); }
pid_of() { eval "echo \$PID_$1"; }

KAFKA_PID=$(cat "$DATA/run/kafka.pid")
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # user nice system irq softirq
# CPU of the JIT compiler threads (still compiling after the warm-up on a busy machine): reported apart.
jit_ticks() {
    local total=0 task
    for task in /proc/"$APP_PID"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
        C1\ CompilerThre* | C2\ CompilerThre*) total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0))) ;;
        esac
    done
    echo "$total"
}
mib() { awk -v key="$2" '$1 == key":" {print int($2 / 1024)}' "/proc/$1/status"; }

ASPROF_LIB=${ASPROF_LIB:-$WORK/async-profiler/linux-x64/libasyncProfiler.so}
if [ "${PROFILE:-}" = async ] && [ ! -f "$ASPROF_LIB" ]; then
    jar=$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar
    [ -f "$jar" ] || ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.2
    mkdir -p "$WORK/async-profiler" && (cd "$WORK/async-profiler" && unzip -q -o "$jar" 'linux-x64/*')
fi
# start|stop name: profiles the app under load (and the broker, as <name>-broker) in the last round, after the JIT settled
profile() {
    local pid
    case "${PROFILE:-}" in
    async)
        for pid in "$APP_PID" "$KAFKA_PID"; do
            local file=$WORK/$2.collapsed
            [ "$pid" = "$KAFKA_PID" ] && file=$WORK/$2-broker.collapsed
            if [ "$1" = start ]; then
                "$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$ASPROF_LIB" '"start,event=cpu,interval=200us"' >/dev/null
            else
                # jcmd splits unquoted key=value pairs itself: the agent's options go in one quoted string.
                "$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$ASPROF_LIB" "\"stop,collapsed,file=$file\"" >/dev/null
            fi
        done ;;
    jfr)
        if [ "$1" = start ]; then
            "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.start name="$2" settings=profile >/dev/null
        else
            "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.stop name="$2" filename="$WORK/$2.jfr" >/dev/null
        fi ;;
    esac
}

# path duration -> "req/s p50 p99 non2xx app-us jit-us broker-us wrk-us others-us" (CPU microseconds per
# request; app includes jit, the JIT compiler threads; "others" is the machine's busy CPU not spent by the app,
# the broker or wrk: other builds, PostgreSQL, the kernel's own threads)
run_wrk() {
    local script=push.lua target=/api/calendar/notifications/create
    case "$1" in
    trivial) target=/bench/trivial ;;
    bare) script=bare.lua ;;
    esac
    local app0 jit0 broker0 machine0 app1 jit1 broker1 machine1
    app0=$(cpu_ticks "$APP_PID"); jit0=$(jit_ticks); broker0=$(cpu_ticks "$KAFKA_PID"); machine0=$(machine_ticks)
    /usr/bin/time -f '%U %S' -o "$WORK/wrk.time" \
        env WRK_PATH="$target" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$BENCH/$script" "$URL" \
        >"$WORK/wrk.out" 2>&1
    app1=$(cpu_ticks "$APP_PID"); jit1=$(jit_ticks); broker1=$(cpu_ticks "$KAFKA_PID"); machine1=$(machine_ticks)
    cat "$WORK/wrk.out" >>"$WORK/wrk.all"
    awk -v app=$((app1 - app0)) -v jit=$((jit1 - jit0)) -v broker=$((broker1 - broker0)) -v machine=$((machine1 - machine0)) -v hz="$HZ" \
        -v wrk_s="$(awk '{print $1 + $2}' "$WORK/wrk.time")" \
        '/requests in/ {n=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
         END {us = (n > 0 ? 1e6 / n : 0); others = machine / hz - app / hz - broker / hz - wrk_s
              printf "%s %s %s %s %.1f %.1f %.1f %.1f %.1f\n", rps, p50, p99, (bad == "" ? 0 : bad),
                  app / hz * us, jit / hz * us, broker / hz * us, wrk_s * us, (others > 0 ? others : 0) * us}' \
        "$WORK/wrk.out"
}

use() { APP_PID=$(pid_of "$1"); URL=http://127.0.0.1:$(port_of "$1"); }
# "sum-seconds count" of the app's send-to-acknowledgement timer (calsync.ingress.notification.publish)
publish_timer() {
    curl -fs "$URL/actuator/prometheus" | awk '/^calsync_ingress_notification_publish_seconds_sum/ {s=$NF}
        /^calsync_ingress_notification_publish_seconds_count/ {c=$NF} END {printf "%s %s\n", s + 0, c + 0}'
}

echo "== warm-up ($WARMUP each)"
for v in $VARIANTS; do
    use "$v"
    run_wrk notify "$WARMUP" >/dev/null
    run_wrk trivial "$WARMUP" >/dev/null
done

echo "   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; CPU per request in microseconds"
printf '%-6s %-10s %10s %9s %9s %8s %8s %8s %8s %8s %8s %6s\n' \
    round path req/s p50 p99 non-2xx app-us "(jit)" kafka-us wrk-us other-us load1
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    for path in notify trivial bare; do
        for v in $VARIANTS; do
            use "$v"
            name=$path; [ "$VARIANTS" = a ] || name=$path-$v
            [ "$round" = "$ROUNDS" ] && profile start "$name"
            publish0=$(publish_timer)
            read -r rps p50 p99 bad app jit broker wrk_us others < <(run_wrk "$path" "$DURATION")
            publish1=$(publish_timer)
            [ "$round" = "$ROUNDS" ] && profile stop "$name"
            printf '%-6s %-10s %10s %9s %9s %8s %8s %8s %8s %8s %8s %6s\n' "$round" "$name" "$rps" "$p50" "$p99" \
                "$bad" "$app" "($jit)" "$broker" "$wrk_us" "$others" "$(cut -d' ' -f1 /proc/loadavg)"
            eval "${path}_rps_$v=$rps"
            if [ "$path" = notify ]; then # the producer's own view of its batching (Kafka's 30 s sample windows)
                curl -fs "$URL/actuator/prometheus" | awk '
                    /^kafka_producer_records_per_request_avg\{/ {r=$NF} /^kafka_producer_batch_size_avg\{/ {b=$NF}
                    /^kafka_producer_request_latency_avg\{/ {l=$NF}
                    END {printf "       producer: %.1f records per produce request, %.0f B per batch, %.2f ms per request\n", r, b, l}'
                # mean time from send to acknowledgement in this round: the Kafka stage's share of the latency
                echo "$publish0 $publish1" | awk '{n = $4 - $2; if (n > 0) printf "       send to ack: %.2f ms mean over %d notifications\n", ($3 - $1) / n * 1000, n}'
            fi
        done
    done
    for v in $VARIANTS; do
        n=$(eval "echo \$notify_rps_$v"); t=$(eval "echo \$trivial_rps_$v"); b=$(eval "echo \$bare_rps_$v")
        ratio=$(awk -v n="$n" -v t="$t" 'BEGIN {printf "%.2f", n / t}')
        bare_ratio=$(awk -v n="$n" -v b="$b" 'BEGIN {printf "%.2f", n / b}')
        echo "$v $round $n $t $ratio $b $bare_ratio" >>"$WORK/results"
        echo "       $v ratio notify/trivial: $ratio (notify/bare: $bare_ratio)"
    done
done
for v in $VARIANTS; do
    use "$v"
    echo "== $v: median of $ROUNDS rounds: $(awk -v v="$v" '$1 == v' "$WORK/results" | sort -k5 -n \
        | awk '{a[NR]=$0} END {split(a[int((NR+1)/2)], m, " ");
               printf "notify %s req/s, trivial %s req/s, ratio %s (bare %s req/s, notify/bare %s)", m[3], m[4], m[5], m[6], m[7]}')"
    echo "   app $v: RSS now $(mib "$APP_PID" VmRSS) MiB, peak $(mib "$APP_PID" VmHWM) MiB, $(ls "/proc/$APP_PID/task" | wc -l) threads"
    case " $(tr '\0' ' ' <"/proc/$APP_PID/cmdline") " in
    *NativeMemoryTracking=summary*) "$JAVA_HOME/bin/jcmd" "$APP_PID" VM.native_memory summary scale=MB >"$WORK/nmt-$v.txt" 2>&1 \
        && grep -E '^(Total|-) |^Total:' "$WORK/nmt-$v.txt" | sed 's/^/     /' ;;
    esac
    echo "   app $v counters (non-zero):"
    curl -fs "$URL/actuator/prometheus" | grep '^calsync_ingress_notifications_total' | grep -v ' 0.0$' | sed 's/^/     /' || true
done
echo "   broker: RSS now $(mib "$KAFKA_PID" VmRSS) MiB, peak $(mib "$KAFKA_PID" VmHWM) MiB"
echo "   machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${PROFILE:-}" ] && echo "   profiles: $WORK/{notify,trivial}*.*"
exit 0
