package com.madeup.calsync.worker.reconcile;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.worker.channel.PassLock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The backstop for dropped push messages: asks for an incremental sync of every picked calendar of
 * an active connection that has been quiet longer than its threshold.
 *
 * <p>Each calendar's threshold is {@code quietAfter} moved by up to ± {@code jitter}, fixed per
 * calendar (seeded by its row id): calendars connected at the same moment spread over the window
 * instead of all coming due in the same pass, as Google advises against synchronized polling.
 */
public final class QuietCalendarReconcile {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(QuietCalendarReconcile.class);

    private record QuietCalendar(
            long id,
            UUID connectionId,
            String providerCalendarId,
            Instant lastSyncedAt,
            Instant lastNotifiedAt,
            Instant updatedAt) {}

    private final JdbcTemplate jdbc;
    private final ContractPublisher publisher;
    private final PassLock lock;
    private final ReconcileProperties settings;
    private final Counter requests;
    private final Clock clock;
    private final Supplier<UUID> messageIds;

    public QuietCalendarReconcile(
            JdbcTemplate jdbc,
            ContractPublisher publisher,
            PassLock lock,
            ReconcileProperties settings,
            MeterRegistry registryOrNull,
            Clock clock,
            Supplier<UUID> messageIds) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = registryOrNull == null
                ? null
                : Counter.builder("calsync.worker.reconcile.requests").register(registryOrNull);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
    }

    /** Runs a pass unless another instance is running one; the number of requests sent, empty when skipped. */
    public Optional<Integer> runExclusively() {
        AtomicReference<Integer> sent = new AtomicReference<>();
        boolean ran = lock.runIfFree(() -> sent.set(runPass()));
        return ran ? Optional.of(sent.get()) : Optional.empty();
    }

    /** One pass; returns how many sync requests the broker acknowledged. */
    int runPass() {
        Instant now = clock.instant();
        Duration shortestThreshold = threshold(settings.quietAfter(), -settings.jitter());
        Instant owedBefore = now.minus(settings.owedAfter());
        List<QuietCalendar> candidates = quietCalendarsOfActiveConnections(now.minus(shortestThreshold), owedBefore);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (QuietCalendar calendar : candidates) {
            if (!quiet(calendar, now) && !owed(calendar, owedBefore)) {
                continue;
            }
            SyncRequested request = new SyncRequested(
                    MessageMeta.create(
                            SyncRequested.TYPE,
                            SyncRequested.VERSION,
                            new ConnectionId(calendar.connectionId()),
                            clock,
                            messageIds),
                    new CalendarId(calendar.providerCalendarId()),
                    SyncReason.RECONCILE,
                    SyncMode.INCREMENTAL);
            sends.add(publisher.publish(
                    Topics.SYNC_REQUESTED, calendar.connectionId().toString(), request));
        }
        int acknowledged = 0;
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged++;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // Not lost: the calendar is still quiet, so the next pass asks again.
                log.warn("reconcile sync request not acknowledged: {}", e.toString());
            }
        }
        if (requests != null) {
            requests.increment(acknowledged);
        }
        if (acknowledged > 0) {
            log.info("reconcile requested {} incremental syncs of quiet calendars", acknowledged);
        }
        return acknowledged;
    }

    /**
     * Like {@code CalendarRepository.findQuietSince}, but only of active connections: paused
     * connections' calendars stay quiet forever and would otherwise fill every batch first.
     */
    private List<QuietCalendar> quietCalendarsOfActiveConnections(Instant before, Instant owedBefore) {
        return jdbc.query(
                """
                SELECT c.id, c.connection_id, c.provider_calendar_id, c.last_synced_at, c.last_notified_at,
                       c.updated_at
                FROM calendars c JOIN provider_connections p ON p.id = c.connection_id
                WHERE p.status = 'active' AND c.picked AND c.removed_at IS NULL
                  AND (coalesce(c.last_synced_at, c.updated_at) < ?
                       OR (c.last_notified_at >= c.last_synced_at AND c.last_notified_at < ?))
                ORDER BY coalesce(c.last_synced_at, c.updated_at), c.id LIMIT ?
                """,
                (row, i) -> {
                    Timestamp lastSynced = row.getTimestamp("last_synced_at");
                    Timestamp lastNotified = row.getTimestamp("last_notified_at");
                    return new QuietCalendar(
                            row.getLong("id"),
                            row.getObject("connection_id", UUID.class),
                            row.getString("provider_calendar_id"),
                            lastSynced == null ? null : lastSynced.toInstant(),
                            lastNotified == null ? null : lastNotified.toInstant(),
                            row.getTimestamp("updated_at").toInstant());
                },
                Timestamp.from(before),
                Timestamp.from(owedBefore),
                settings.batchSize());
    }

    /**
     * Notified at or after its last completed pass started, long enough ago that the trailing pass
     * should have run: the instance that held it stopped (the durable half of the burst throttle).
     */
    private static boolean owed(QuietCalendar calendar, Instant owedBefore) {
        return calendar.lastNotifiedAt() != null
                && calendar.lastSyncedAt() != null
                && !calendar.lastNotifiedAt().isBefore(calendar.lastSyncedAt())
                && calendar.lastNotifiedAt().isBefore(owedBefore);
    }

    /**
     * Not synced for longer than its threshold. A calendar never synced counts from its row's last
     * change (picked or listed): its first sync was just asked for and may be running, and asking
     * again then would only cost provider calls.
     */
    private boolean quiet(QuietCalendar calendar, Instant now) {
        Instant since = calendar.lastSyncedAt() != null ? calendar.lastSyncedAt() : calendar.updatedAt();
        double unit = new SplittableRandom(calendar.id()).nextDouble(); // fixed per calendar
        Duration own = threshold(settings.quietAfter(), settings.jitter() * (2 * unit - 1));
        return since.isBefore(now.minus(own));
    }

    private static Duration threshold(Duration base, double fraction) {
        return Duration.ofMillis(Math.round(base.toMillis() * (1 + fraction)));
    }
}
