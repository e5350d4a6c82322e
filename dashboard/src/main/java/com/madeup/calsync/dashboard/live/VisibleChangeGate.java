package com.madeup.calsync.dashboard.live;

import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.ChangeKind;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.event.CalendarEventStore.StoredVersion;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a change back from the pages until the database shows it. The sync worker and the writer
 * publish a change and commit it only once Kafka acknowledged (so a crash re-sends instead of losing
 * it): a change can reach the dashboard before its row is committed, and a page that re-reads at
 * that moment would show the old state and never hear of the change again. So a change goes to the
 * pages once its row has the change's etag (or a newer provider {@code updated}), or is gone for a
 * deletion; until then it is checked again after 50 ms, 100 ms, 200 ms and so on. After {@code
 * maxWait} it goes out anyway, as before this gate.
 *
 * <p>Checks run only for connections with an open page ({@link LiveUpdates#watched}); the first on
 * the consumer thread, the later ones on {@code timer}, which {@link #close()} stops.
 */
final class VisibleChangeGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VisibleChangeGate.class);
    private static final long FIRST_RECHECK_MILLIS = 50;

    private final CalendarRepository calendars;
    private final CalendarEventStore events;
    private final ScheduledExecutorService timer;
    private final Duration maxWait;
    private final LiveUpdates live;
    private final AtomicInteger waiting = new AtomicInteger();

    VisibleChangeGate(
            CalendarRepository calendars,
            CalendarEventStore events,
            ScheduledExecutorService timer,
            Duration maxWait,
            LiveUpdates live) {
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.events = Objects.requireNonNull(events, "events");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.live = Objects.requireNonNull(live, "live");
    }

    /** Delivers the change to the open pages of its connection now or once the database shows it. */
    void offer(CalendarEventChanged change) {
        if (!live.watched(change.meta().connectionId().value())) {
            return; // no page to tell; a page opened later reads the database anyway
        }
        attempt(change, System.nanoTime(), FIRST_RECHECK_MILLIS, false);
    }

    /** Changes held back right now (for tests and the gauge). */
    int waiting() {
        return waiting.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void attempt(CalendarEventChanged change, long offeredNanos, long nextDelayMillis, boolean held) {
        boolean visible;
        try {
            visible = visible(change);
        } catch (RuntimeException e) {
            // The database is unreachable: the page could not re-read either; let it try.
            log.debug(
                    "Could not check whether change {} is stored: {}",
                    change.meta().messageId(),
                    e.toString());
            visible = true;
        }
        long waitedMillis = (System.nanoTime() - offeredNanos) / 1_000_000;
        if (visible || waitedMillis >= maxWait.toMillis()) {
            if (!visible) {
                log.info(
                        "Change {} of event {} was not visible in the database after {} ms; sent to the pages anyway",
                        change.meta().messageId(),
                        change.eventId(),
                        waitedMillis);
            }
            if (held) {
                waiting.decrementAndGet();
            }
            live.publish(change);
            return;
        }
        if (!held) {
            waiting.incrementAndGet();
        }
        try {
            timer.schedule(
                    () -> attempt(change, offeredNanos, Math.min(nextDelayMillis * 2, 1_000), true),
                    nextDelayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // Shutting down: no re-check will run, and the streams are being ended anyway.
            waiting.decrementAndGet();
            live.publish(change);
        }
    }

    private boolean visible(CalendarEventChanged change) {
        Optional<Calendar> calendar = calendars.findByConnectionIdAndProviderCalendarId(
                change.meta().connectionId().value(), change.calendarId().value());
        if (calendar.isEmpty()) {
            return true; // not a calendar the pages show: nothing to wait for
        }
        Optional<StoredVersion> stored =
                events.version(calendar.get().id(), change.eventId().value());
        if (change.change() == ChangeKind.DELETED) {
            return stored.isEmpty();
        }
        EventState state = change.event();
        return stored.filter(version -> Objects.equals(version.etag(), state.etag())
                        || (version.providerUpdated() != null
                                && state.providerUpdated() != null
                                && version.providerUpdated().isAfter(state.providerUpdated())))
                .isPresent();
    }
}
