package com.madeup.calsync.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dashboard's clock in tests: the system's UTC time plus an offset that a test moves forward
 * (and puts back with {@link #reset()}), so time-based rules are tested without sleeping.
 */
public final class AdjustableClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public AdjustableClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private AdjustableClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in another zone (shares the offset). */
    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(offset, zone);
    }
}
