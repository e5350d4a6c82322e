package com.madeup.calsync.worker.sync;

import com.madeup.calsync.messaging.PoisonMessageException;
import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.ResourceState;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.WatchedResource;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.worker.calendars.CalendarListSync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a message means for which calendars, then runs {@link CalendarSync} or {@link
 * CalendarListSync}.
 *
 * <p>Notifications: {@code calendars.last_synced_at} is the time the last completed pass
 * <em>started</em>. A notification received before that start was already seen by that pass and is
 * skipped without a provider call; this also makes replaying the notification topic a no-op. Others
 * go through the per-calendar {@link PassThrottle}: a leading pass at once, then at most one
 * trailing pass per cool-down window that covers everything received meanwhile.
 */
public final class SyncCoordinator {

    private static final Logger log = LoggerFactory.getLogger(SyncCoordinator.class);

    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;
    private final CalendarSync calendarSync;
    private final CalendarListSync calendarListSync;
    private final Clock clock;
    private final PassThrottle throttle;
    private final int calendarParallelism;
    private final Executor calendarExecutor;

    public SyncCoordinator(
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            CalendarSync calendarSync,
            CalendarListSync calendarListSync,
            Clock clock,
            Duration coolDown,
            Duration maxCoolDown,
            int calendarParallelism,
            Executor calendarExecutor,
            ScheduledExecutorService timer) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.calendarSync = Objects.requireNonNull(calendarSync, "calendarSync");
        this.calendarListSync = Objects.requireNonNull(calendarListSync, "calendarListSync");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = new PassThrottle(coolDown, maxCoolDown, clock, timer, calendarExecutor, this::notifiedPass);
        if (calendarParallelism < 1) {
            throw new IllegalArgumentException("calendarParallelism must be at least 1");
        }
        this.calendarParallelism = calendarParallelism;
        this.calendarExecutor = Objects.requireNonNull(calendarExecutor, "calendarExecutor");
    }

    /** Returns the outcome per synced calendar (empty when nothing was to do). */
    public List<SyncOutcome> onSyncRequested(SyncRequested request) {
        if (request.reason() == SyncReason.DISCONNECTED) {
            return List.of(); // stopping channels is the channel loop's work
        }
        ProviderConnection connection =
                activeConnection(request.meta().connectionId().value(), request);
        if (connection == null) {
            return List.of();
        }
        if (request.reason() == SyncReason.CONNECTED) {
            calendarListSync.sync(connection.id(), true); // a (re)connect starts from the whole list
        } else if (request.reason() == SyncReason.CALENDAR_LIST_CHANGED) {
            calendarListSync.sync(connection.id());
        }
        List<Calendar> targets;
        if (request.calendarId() == null) {
            targets = calendars.findPicked(connection.id());
        } else {
            targets = calendars
                    .findByConnectionIdAndProviderCalendarId(
                            connection.id(), request.calendarId().value())
                    .filter(c -> c.picked() && c.removedAt() == null)
                    .map(List::of)
                    .orElseGet(() -> {
                        log.info(
                                "SyncRequested {} names calendar {} of connection {}, which is not picked; ignored",
                                request.meta().messageId(),
                                request.calendarId(),
                                connection.id());
                        return List.of();
                    });
        }
        return syncAll(targets, request.mode() == SyncMode.FULL);
    }

    /**
     * Syncs the calendars, at most {@code calendarParallelism} at a time (the per-user quota is
     * shared, and each pass holds a database connection while a page is stored). Waits for all; if
     * any failed in a retryable way, rethrows the first failure after the others finished, so the
     * Kafka retry re-runs the request (calendars already done then only make an incremental call).
     */
    private List<SyncOutcome> syncAll(List<Calendar> targets, boolean forceFull) {
        if (targets.size() <= 1 || calendarParallelism <= 1) {
            List<SyncOutcome> outcomes = new ArrayList<>();
            for (Calendar calendar : targets) {
                SyncOutcome outcome = calendarSync.sync(calendar, forceFull);
                outcomes.add(outcome);
                if (outcome.status() == SyncOutcome.Status.NEEDS_REAUTH) {
                    break; // the other calendars need the same token
                }
            }
            return outcomes;
        }
        Semaphore permits = new Semaphore(calendarParallelism);
        List<CompletableFuture<SyncOutcome>> running = new ArrayList<>();
        for (Calendar calendar : targets) {
            running.add(CompletableFuture.supplyAsync(
                    () -> {
                        permits.acquireUninterruptibly();
                        try {
                            return calendarSync.sync(calendar, forceFull);
                        } finally {
                            permits.release();
                        }
                    },
                    calendarExecutor));
        }
        List<SyncOutcome> outcomes = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (CompletableFuture<SyncOutcome> pass : running) {
            try {
                outcomes.add(pass.join());
            } catch (CompletionException e) {
                RuntimeException cause =
                        e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                if (firstFailure == null) {
                    firstFailure = cause;
                } else {
                    firstFailure.addSuppressed(cause);
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return outcomes;
    }

    /**
     * Handles a change notification: skipped when the last completed pass already covers it,
     * otherwise recorded ({@code last_notified_at}, the durable "pass needed" mark) and handed to the
     * per-calendar throttle, which runs a pass now or leaves it to a trailing pass.
     */
    public NotificationHandling onNotified(CalendarChangeNotified notification) {
        if (notification.state() == ResourceState.SYNC) {
            return NotificationHandling.IGNORED; // a channel's first message: nothing changed
        }
        ProviderConnection connection =
                activeConnection(notification.meta().connectionId().value(), notification);
        if (connection == null) {
            return NotificationHandling.IGNORED;
        }
        if (notification.resource() == WatchedResource.CALENDAR_LIST) {
            calendarListSync.sync(connection.id());
            return NotificationHandling.RAN;
        }
        if (notification.resource() != WatchedResource.EVENTS) {
            throw new PoisonMessageException(
                    "unknown watched resource in " + notification.meta().messageId());
        }
        Optional<Calendar> found = calendars.findByConnectionIdAndProviderCalendarId(
                connection.id(), notification.calendarId().value());
        if (found.isEmpty() || !found.get().picked() || found.get().removedAt() != null) {
            log.debug(
                    "Notification {} for calendar {} of connection {}, which is not synced; ignored",
                    notification.meta().messageId(),
                    notification.calendarId(),
                    connection.id());
            return NotificationHandling.IGNORED;
        }
        Calendar calendar = found.get();
        Instant received = notification.meta().occurredAt();
        if (calendar.lastSyncedAt() != null && received.isBefore(calendar.lastSyncedAt())) {
            return NotificationHandling.COVERED;
        }
        // Recorded before the offset is committed: a trailing pass that dies with this instance is
        // owed in the database (notified after the last completed pass started), and reconcile asks.
        calendars.updateLastNotified(calendar.id(), received);
        return throttle.onNotified(calendar.id(), calendar.lastSyncedAt()) == PassThrottle.Decision.RAN
                ? NotificationHandling.RAN
                : NotificationHandling.COALESCED;
    }

    /** What became of a notification. */
    public enum NotificationHandling {
        /** Not for a synced calendar, or a channel's sync message. */
        IGNORED,
        /** Received before the last completed pass started, which saw its change. */
        COVERED,
        /** A pass ran at once (leading pass). */
        RAN,
        /** Left to the calendar's trailing pass. */
        COALESCED
    }

    /** One notification-driven pass, from the throttle: re-reads the calendar, which may have changed. */
    private void notifiedPass(long calendarId) {
        Optional<Calendar> calendar = calendars.findById(calendarId);
        if (calendar.isEmpty() || !calendar.get().picked() || calendar.get().removedAt() != null) {
            return;
        }
        ProviderConnection connection =
                connections.findById(calendar.get().connectionId()).orElse(null);
        if (connection == null || connection.status() == ConnectionStatus.DISCONNECTED) {
            return;
        }
        calendarSync.sync(calendar.get(), false);
    }

    private ProviderConnection activeConnection(UUID connectionId, Object message) {
        ProviderConnection connection = connections
                .findById(connectionId)
                .orElseThrow(() -> new PoisonMessageException("no connection " + connectionId + " for "
                        + message.getClass().getSimpleName()));
        if (connection.status() == ConnectionStatus.DISCONNECTED) {
            log.debug(
                    "Connection {} is disconnected; {} ignored",
                    connectionId,
                    message.getClass().getSimpleName());
            return null;
        }
        return connection;
    }
}
