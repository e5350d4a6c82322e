package com.madeup.calsync.worker.reconcile;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link QuietCalendarReconcile} on a fixed delay. The placeholder defaults repeat those of
 * {@link ReconcileProperties} because annotation values cannot read a bound record.
 */
final class ReconcileTrigger {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTrigger.class);

    private final QuietCalendarReconcile reconcile;

    ReconcileTrigger(QuietCalendarReconcile reconcile) {
        this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
    }

    @Scheduled(
            fixedDelayString = "${calsync.worker.reconcile.interval:5m}",
            initialDelayString = "${calsync.worker.reconcile.initial-delay:1m}")
    void run() {
        try {
            if (reconcile.runExclusively().isEmpty()) {
                log.debug("reconcile skipped: another instance holds the lock");
            }
        } catch (RuntimeException e) {
            log.error("reconcile pass failed", e);
        }
    }
}
