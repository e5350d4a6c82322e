package com.madeup.calsync.worker.reconcile;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reconcile backstop; prefix {@code calsync.worker.reconcile}.
 *
 * @param enabled whether the scheduled pass runs at all
 * @param interval pause between the end of one pass and the start of the next
 * @param initialDelay pause before the first pass after startup
 * @param quietAfter a picked calendar not synced for this long (± jitter) gets a sync request
 * @param jitter fraction of {@code quietAfter} each calendar's threshold is moved by, 0 to 0.9
 * @param batchSize most calendars requested per pass (the quietest first)
 * @param owedAfter a calendar notified after its last completed pass started, and still so this long
 *     after the notification, gets a sync request: its trailing pass was lost (the instance holding
 *     it stopped). Keep it well above {@code calsync.worker.sync.cool-down} plus a pass's duration
 */
@ConfigurationProperties("calsync.worker.reconcile")
public record ReconcileProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("1m") Duration initialDelay,
        @DefaultValue("30m") Duration quietAfter,
        @DefaultValue("0.25") double jitter,
        @DefaultValue("500") int batchSize,
        @DefaultValue("2m") Duration owedAfter) {

    public ReconcileProperties {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(quietAfter, "quietAfter");
        Objects.requireNonNull(owedAfter, "owedAfter");
        if (quietAfter.isNegative() || quietAfter.isZero()) {
            throw new IllegalArgumentException("calsync.worker.reconcile.quiet-after must be positive");
        }
        if (jitter < 0 || jitter > 0.9) {
            throw new IllegalArgumentException(
                    "calsync.worker.reconcile.jitter must be between 0 and 0.9, got " + jitter);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("calsync.worker.reconcile.batch-size must be at least 1");
        }
    }
}
