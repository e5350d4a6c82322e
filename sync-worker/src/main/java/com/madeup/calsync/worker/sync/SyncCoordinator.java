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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a message means for which calendars, then runs {@link CalendarSync} or {@link
 * CalendarListSync}.
 *
 * <p>Burst collapse, per record: {@code calendars.last_synced_at} is the time the last completed
 * pass <em>started</em>. A notification received before that start was already seen by that pass
 * and is skipped without a provider call; this also makes replaying the notification topic a
 * no-op. A notification that still needs a pass waits until {@code minPassInterval} after the start
 * of the previous pass, so a calendar gets at most one incremental pass per interval while a burst
 * lasts, and the notifications arriving meanwhile are all covered by the next pass. An isolated
 * change (no pass within the interval) runs at once.
 */
public final class SyncCoordinator {

    private static final Logger log = LoggerFactory.getLogger(SyncCoordinator.class);

    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;
    private final CalendarSync calendarSync;
    private final CalendarListSync calendarListSync;
    private final Clock clock;
    private final Duration minPassInterval;

    public SyncCoordinator(
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            CalendarSync calendarSync,
            CalendarListSync calendarListSync,
            Clock clock,
            Duration minPassInterval) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.calendarSync = Objects.requireNonNull(calendarSync, "calendarSync");
        this.calendarListSync = Objects.requireNonNull(calendarListSync, "calendarListSync");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minPassInterval = Objects.requireNonNull(minPassInterval, "minPassInterval");
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
        if (request.reason() == SyncReason.CALENDAR_LIST_CHANGED || request.reason() == SyncReason.CONNECTED) {
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
        List<SyncOutcome> outcomes = new ArrayList<>();
        for (Calendar calendar : targets) {
            SyncOutcome outcome = calendarSync.sync(calendar, request.mode() == SyncMode.FULL);
            outcomes.add(outcome);
            if (outcome.status() == SyncOutcome.Status.NEEDS_REAUTH) {
                break; // the other calendars need the same token
            }
        }
        return outcomes;
    }

    /** Returns the outcome of the pass it ran, or empty when the notification needed none. */
    public Optional<SyncOutcome> onNotified(CalendarChangeNotified notification) {
        if (notification.state() == ResourceState.SYNC) {
            return Optional.empty(); // a channel's first message: nothing changed
        }
        ProviderConnection connection =
                activeConnection(notification.meta().connectionId().value(), notification);
        if (connection == null) {
            return Optional.empty();
        }
        if (notification.resource() == WatchedResource.CALENDAR_LIST) {
            calendarListSync.sync(connection.id());
            return Optional.empty();
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
            return Optional.empty();
        }
        Calendar calendar = found.get();
        Instant received = notification.meta().occurredAt();
        calendars.updateLastNotified(calendar.id(), received);
        if (calendar.lastSyncedAt() != null && received.isBefore(calendar.lastSyncedAt())) {
            return Optional.of(SyncOutcome.notRun(SyncOutcome.Status.SKIPPED, "covered by the last pass"));
        }
        waitForPassInterval(calendar.lastSyncedAt());
        return Optional.of(calendarSync.sync(calendar, false));
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

    private void waitForPassInterval(Instant lastPassStart) {
        if (lastPassStart == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), lastPassStart.plus(minPassInterval));
        if (wait.compareTo(minPassInterval) > 0) {
            wait = minPassInterval; // a pass start in the future (clock skew between instances) must not stall the
            // consumer
        }
        if (wait.isPositive()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableSyncException("interrupted while collapsing a burst", e);
            }
        }
    }
}
