package com.madeup.calsync.worker.channel;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link ChannelMaintenance} on a fixed delay. The placeholder defaults repeat those of {@link
 * ChannelProperties} because annotation values cannot read a bound record.
 */
final class ChannelMaintenanceTrigger {

    private static final Logger log = LoggerFactory.getLogger(ChannelMaintenanceTrigger.class);

    private final ChannelMaintenance maintenance;

    ChannelMaintenanceTrigger(ChannelMaintenance maintenance) {
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
    }

    @Scheduled(
            fixedDelayString = "${calsync.worker.channels.check-interval:30s}",
            initialDelayString = "${calsync.worker.channels.initial-delay:15s}")
    void run() {
        try {
            if (maintenance.runExclusively().isEmpty()) {
                log.debug("channel maintenance skipped: another instance holds the lock");
            }
        } catch (RuntimeException e) {
            // Never let one bad pass end the schedule; the next tick tries again.
            log.error("channel maintenance pass failed", e);
        }
    }
}
