#!/usr/bin/env bash
# Benchmark 7(a): webhook-ingress notification throughput against the same server's trivial endpoint.
# Starts PostgreSQL + a real Kafka broker through the deploy launcher (--no-apps), registers CHANNELS
# push channels, starts the ingress jar (-Xmx256m, benchmark endpoint on), warms up, then runs
# ROUNDS x (notify, trivial) with wrk and prints req/s, p50/p99, the ratio and the app's RSS.
# Usage: bench/ingress/run.sh   (env: ROUNDS=3 DURATION=15s THREADS=2 CONNECTIONS=64 CHANNELS=1000
#        PROFILE=1 (JFR of round 1 notify) APP_JVM_OPTS="" APP_ARGS="" e.g. APP_ARGS="--spring.threads.virtual.enabled=true")
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/bench/ingress
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA=$JAVA_HOME/bin/java
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
export CHANNELS=${CHANNELS:-1000}
PG_PORT=${PG_PORT:-15433}
KAFKA_PORT=${KAFKA_PORT:-19092}
APP_PORT=${APP_PORT:-18081}
APP_JVM_OPTS=${APP_JVM_OPTS:-}
APP_ARGS=${APP_ARGS:-}

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
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
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

echo "== starting webhook-ingress on $APP_PORT (-Xmx256m $APP_JVM_OPTS $APP_ARGS)"
# shellcheck disable=SC2086
SERVER_PORT=$APP_PORT \
SPRING_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
SPRING_DATASOURCE_URL=$DB_URL SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD \
CALSYNC_STORE_TOKEN_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) \
CALSYNC_INGRESS_BENCHMARK_ENDPOINT_ENABLED=true \
    "$JAVA" -Xmx256m $APP_JVM_OPTS -jar "$INGRESS_JAR" $APP_ARGS >"$WORK/ingress.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/ingress.log"; exit 1; }
    sleep 0.5
done
echo "   ready; RSS idle $(awk '/VmRSS/ {print int($2/1024) " MiB"}' /proc/$APP_PID/status)"

URL=http://127.0.0.1:$APP_PORT
app_cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
run_wrk() { # script duration -> "req/s p50 p99 non2xx app-cpu-us-per-request"
    local before after
    before=$(app_cpu_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$BENCH/$1" "$URL" >"$WORK/wrk.out" 2>&1
    after=$(app_cpu_ticks)
    cat "$WORK/wrk.out" >>"$WORK/wrk.all"
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
        '/requests in/ {n=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
         END {printf "%s %s %s %s %.1f\n", rps, p50, p99, (bad == "" ? 0 : bad), (n > 0 ? ticks / hz * 1e6 / n : 0)}' \
        "$WORK/wrk.out"
}

echo "== warm-up ($WARMUP each)"
run_wrk notify.lua "$WARMUP" >/dev/null
run_wrk trivial.lua "$WARMUP" >/dev/null

printf '%-6s %-8s %10s %9s %9s %8s %12s\n' round path req/s p50 p99 non-2xx app-cpu/req
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    if [ "${PROFILE:-0}" = 1 ] && [ "$round" = 1 ]; then
        # A JFR recording of the first notify round, to see where the time goes (jfr view hot-methods ...).
        "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.start name=notify settings=profile duration="$DURATION" \
            filename="$WORK/notify.jfr" >/dev/null
    fi
    read -r n_rps n_p50 n_p99 n_bad n_cpu < <(run_wrk notify.lua "$DURATION")
    printf '%-6s %-8s %10s %9s %9s %8s %10sus\n' "$round" notify "$n_rps" "$n_p50" "$n_p99" "$n_bad" "$n_cpu"
    read -r t_rps t_p50 t_p99 t_bad t_cpu < <(run_wrk trivial.lua "$DURATION")
    printf '%-6s %-8s %10s %9s %9s %8s %10sus\n' "$round" trivial "$t_rps" "$t_p50" "$t_p99" "$t_bad" "$t_cpu"
    ratio=$(awk -v n="$n_rps" -v t="$t_rps" 'BEGIN {printf "%.2f", n / t}')
    echo "$round $n_rps $t_rps $ratio" >>"$WORK/results"
    echo "       ratio notify/trivial: $ratio"
done
echo "== median of $ROUNDS rounds: $(sort -k4 -n "$WORK/results" | awk '{a[NR]=$0} END {split(a[int((NR+1)/2)], m, " "); printf "notify %s req/s, trivial %s req/s, ratio %s", m[2], m[3], m[4]}')"
echo "   app RSS after load: $(awk '/VmRSS/ {print int($2/1024) " MiB"}' /proc/$APP_PID/status)"
PUBLISHED=$(curl -fs "$URL/actuator/prometheus" | grep '^calsync_ingress_notifications_total' || true)
echo "   app counters:"; echo "$PUBLISHED" | sed 's/^/     /'
echo "   machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
