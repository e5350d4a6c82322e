package com.madeup.calsync.worker.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Refreshes the sync-lag gauges from the database on a fixed delay ({@code calsync.worker.sync.lag-refresh}). */
final class SyncLagRefresh {

    private static final Logger log = LoggerFactory.getLogger(SyncLagRefresh.class);

    private final SyncMetrics metrics;

    SyncLagRefresh(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    @Scheduled(
            fixedDelayString = "${calsync.worker.sync.lag-refresh:30s}",
            initialDelayString = "${calsync.worker.sync.lag-refresh:30s}")
    void refresh() {
        try {
            metrics.refreshLag();
        } catch (RuntimeException e) {
            log.warn("refreshing the sync lag gauges failed; tried again next time: {}", e.toString());
        }
    }
}
