package com.madeup.calsync.worker.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sync engine's meters (Micrometer; nothing is recorded without a registry):
 *
 * <ul>
 *   <li>{@code calsync.worker.sync.passes} (counter), tags {@code mode} = {@code full}/{@code
 *       incremental} and {@code outcome} = {@code completed}/{@code failed}/{@code needs_reauth}/{@code
 *       error} (a retryable failure: the pass is retried);
 *   <li>{@code calsync.worker.sync.pass.duration} (timer), tag {@code mode};
 *   <li>{@code calsync.worker.sync.lag} (gauge, seconds), tag {@code calendar} = the calendars row id
 *       (no e-mail or provider id: those are personal data): seconds since the calendar's last
 *       successful pass started, or since the row was created when it never synced. One per picked
 *       calendar of an active connection, refreshed from the database by {@link #refreshLag()}
 *       (so every instance reports every calendar: read it with max by calendar) and at once after
 *       each pass of this instance.
 * </ul>
 */
public final class SyncMetrics {

    private static final Logger log = LoggerFactory.getLogger(SyncMetrics.class);
    static final String PASSES = "calsync.worker.sync.passes";
    static final String LAG = "calsync.worker.sync.lag";

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** Calendar row id to the epoch millis the lag counts from. */
    private final Map<Long, AtomicLong> lastSynced = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registryOrNull, JdbcTemplate jdbc, Clock clock) {
        this.registry = registryOrNull;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A pass that ran to an outcome (completed, failed, needs re-auth). */
    void pass(SyncOutcome outcome, boolean full, Duration took) {
        String name = switch (outcome.status()) {
            case COMPLETED -> "completed";
            case NEEDS_REAUTH -> "needs_reauth";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
        };
        record(full || outcome.full(), name, took);
    }

    /** A pass that threw (it is retried by Kafka or the reconcile pass). */
    void passError(boolean full, Duration took) {
        record(full, "error", took);
    }

    /** A completed pass of this instance: its lag restarts from the pass's start. */
    void synced(long calendarId, Instant passStart) {
        if (registry == null) {
            return;
        }
        lag(calendarId).set(passStart.toEpochMilli());
    }

    /** Re-reads every picked calendar of an active connection; drops gauges of the others. */
    public void refreshLag() {
        if (registry == null) {
            return;
        }
        Set<Long> current = new HashSet<>();
        jdbc.query("""
                SELECT c.id, coalesce(c.last_synced_at, c.created_at) AS since
                FROM calendars c JOIN provider_connections p ON p.id = c.connection_id
                WHERE p.status = 'active' AND c.picked AND c.removed_at IS NULL
                """, row -> {
            long id = row.getLong("id");
            Timestamp since = row.getTimestamp("since");
            current.add(id);
            AtomicLong value = lag(id);
            // Never move back: a pass of this instance may have finished after the read.
            value.accumulateAndGet(since.getTime(), Math::max);
        });
        for (Long id : Set.copyOf(lastSynced.keySet())) {
            if (!current.contains(id)) {
                lastSynced.remove(id);
                Gauge gauge =
                        registry.find(LAG).tag("calendar", Long.toString(id)).gauge();
                if (gauge != null) {
                    registry.remove(gauge);
                }
            }
        }
        log.debug("sync lag gauges: {} calendars", current.size());
    }

    private AtomicLong lag(long calendarId) {
        return lastSynced.computeIfAbsent(calendarId, id -> {
            AtomicLong since = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder(
                            LAG,
                            since,
                            value -> value.get() == Long.MIN_VALUE
                                    ? Double.NaN
                                    : Math.max(0, clock.millis() - value.get()) / 1000.0)
                    .tag("calendar", Long.toString(id))
                    .baseUnit("seconds")
                    .description("seconds since the calendar's last successful sync pass started")
                    .register(registry);
            return since;
        });
    }

    private void record(boolean full, String outcome, Duration took) {
        if (registry == null) {
            return;
        }
        String mode = full ? "full" : "incremental";
        Counter.builder(PASSES)
                .tag("mode", mode)
                .tag("outcome", outcome)
                .description("sync passes of one calendar")
                .register(registry)
                .increment();
        Timer.builder("calsync.worker.sync.pass.duration")
                .tag("mode", mode)
                .register(registry)
                .record(took);
    }
}
