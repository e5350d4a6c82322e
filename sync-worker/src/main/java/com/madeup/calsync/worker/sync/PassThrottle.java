package com.madeup.calsync.worker.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttles notification-driven passes per calendar: a leading pass and coalesced trailing passes.
 *
 * <p>A notification for a calendar with no pass started within {@code coolDown} (and none running or
 * scheduled) runs a pass at once on the caller's thread: an isolated change propagates without
 * delay. A notification arriving while a pass runs, or within {@code coolDown} of the last pass's
 * start, only marks the calendar: one trailing pass is scheduled for {@code coolDown} after that
 * start and covers every notification received until it starts. So a burst costs at most one pass
 * per cool-down window plus the leading one, and the consumer thread never waits for a window.
 *
 * <p>While notifications keep coming (a trailing pass ends with new ones pending), each following
 * window doubles, up to {@code maxCoolDown}: pushes that trickle in over many seconds (a slow
 * webhook path, a long burst) then cost a few passes, not one per second. A notification after a
 * quiet window starts over with a leading pass and {@code coolDown}.
 *
 * <p>Nothing here is durable. The caller records the notification in the database before asking
 * ({@code calendars.last_notified_at}); if this instance dies with a trailing pass pending, the
 * calendar stays marked (notified after its last completed pass started) and the reconcile pass asks
 * for its sync (see QuietCalendarReconcile).
 */
final class PassThrottle {

    private static final Logger log = LoggerFactory.getLogger(PassThrottle.class);

    /** Per calendar; guarded by its own monitor. */
    private static final class State {
        Instant lastStart;
        boolean running;
        boolean pending;
        boolean scheduled;
        /** The current window: {@code coolDown}, doubled for each trailing pass that follows a trailing pass. */
        Duration window;
        /** Whether the last pass was a trailing one (so notifications are still coming in). */
        boolean lastWasTrailing;
        /** Removed from the map; a caller holding it must take a fresh one. */
        boolean forgotten;
    }

    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private final Duration coolDown;
    private final Duration maxCoolDown;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor trailingPasses;
    private final LongConsumer pass;

    /**
     * @param pass runs one pass of the calendar with this row id; trailing passes run it on {@code
     *     trailingPasses}, leading ones on the thread of {@link #onNotified}
     */
    PassThrottle(
            Duration coolDown,
            Duration maxCoolDown,
            Clock clock,
            ScheduledExecutorService timer,
            Executor trailingPasses,
            LongConsumer pass) {
        this.coolDown = Objects.requireNonNull(coolDown, "coolDown");
        this.maxCoolDown = Objects.requireNonNull(maxCoolDown, "maxCoolDown");
        if (maxCoolDown.compareTo(coolDown) < 0) {
            throw new IllegalArgumentException("maxCoolDown " + maxCoolDown + " is shorter than coolDown " + coolDown);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.trailingPasses = Objects.requireNonNull(trailingPasses, "trailingPasses");
        this.pass = Objects.requireNonNull(pass, "pass");
    }

    /** How a notification was handled. */
    enum Decision {
        /** The pass ran now, on the caller's thread. */
        RAN,
        /** A trailing pass will cover it. */
        COALESCED
    }

    /**
     * Runs a pass now or leaves it to a trailing pass.
     *
     * @param lastCompletedStart when the calendar's last completed pass started (from the database;
     *     another instance may have run it), or null
     */
    Decision onNotified(long calendarId, Instant lastCompletedStart) {
        while (true) {
            State state = states.computeIfAbsent(calendarId, id -> new State());
            Decision decision = onNotified(calendarId, lastCompletedStart, state);
            if (decision != null) {
                return decision;
            }
        }
    }

    private Decision onNotified(long calendarId, Instant lastCompletedStart, State state) {
        Instant now = clock.instant();
        synchronized (state) {
            if (state.forgotten) {
                return null;
            }
            Instant lastStart = later(state.lastStart, lastCompletedStart);
            if (lastStart != null && lastStart.isAfter(now)) {
                lastStart = now; // another instance's clock ahead of ours must not stretch the window
            }
            Duration window = state.window == null ? coolDown : state.window;
            boolean cool = lastStart == null || !now.isBefore(lastStart.plus(window));
            if (state.running || state.scheduled || !cool) {
                state.pending = true;
                if (!state.running && !state.scheduled) {
                    schedule(calendarId, state, lastStart.plus(state.lastWasTrailing ? grow(state) : window));
                }
                return Decision.COALESCED;
            }
            state.running = true;
            state.lastStart = now;
            state.window = coolDown; // a quiet window passed: start over
            state.lastWasTrailing = false;
        }
        try {
            pass.accept(calendarId);
        } finally {
            finished(calendarId, state, false);
        }
        return Decision.RAN;
    }

    /** Whether a trailing pass is waiting or running for the calendar (for tests and metrics). */
    boolean busy(long calendarId) {
        State state = states.get(calendarId);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.running || state.scheduled || state.pending;
        }
    }

    private void runTrailing(long calendarId, State state) {
        synchronized (state) {
            state.scheduled = false;
            if (state.running) {
                return; // finished() schedules again: pending is still set
            }
            state.running = true;
            state.pending = false;
            state.lastStart = clock.instant();
            state.lastWasTrailing = true;
        }
        try {
            pass.accept(calendarId);
        } catch (RuntimeException e) {
            // No Kafka retry here; the calendar stays marked in the database, so the reconcile pass
            // asks for its sync through Kafka (with retries and the dead-letter topic).
            log.warn(
                    "trailing sync pass of calendar {} failed; reconcile will ask again: {}", calendarId, e.toString());
        } finally {
            finished(calendarId, state, true);
        }
    }

    private void finished(long calendarId, State state, boolean trailing) {
        synchronized (state) {
            state.running = false;
            Duration window = state.window == null ? coolDown : state.window;
            if (state.pending && !state.scheduled) {
                if (trailing) {
                    window = grow(state); // still coming after a trailing pass: a longer burst
                }
                schedule(calendarId, state, state.lastStart.plus(window));
            } else if (!state.pending && !state.scheduled) {
                // Forget idle calendars once their window has passed (the database then knows enough).
                Instant expected = state.lastStart;
                timer.schedule(
                        () -> forgetIfIdle(calendarId, state, expected),
                        delayUntil(expected.plus(window)),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Doubles the state's window up to the maximum; caller holds the state's monitor. */
    private Duration grow(State state) {
        Duration doubled = (state.window == null ? coolDown : state.window).multipliedBy(2);
        state.window = doubled.compareTo(maxCoolDown) > 0 ? maxCoolDown : doubled;
        return state.window;
    }

    private void forgetIfIdle(long calendarId, State state, Instant expectedStart) {
        synchronized (state) {
            if (!state.running && !state.scheduled && !state.pending && expectedStart.equals(state.lastStart)) {
                state.forgotten = true;
                states.remove(calendarId, state);
            }
        }
    }

    /** Caller holds the state's monitor. */
    private void schedule(long calendarId, State state, Instant at) {
        state.scheduled = true;
        timer.schedule(
                () -> trailingPasses.execute(() -> runTrailing(calendarId, state)),
                delayUntil(at),
                TimeUnit.MILLISECONDS);
    }

    private long delayUntil(Instant at) {
        return Math.max(0, Duration.between(clock.instant(), at).toMillis());
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
