package com.madeup.calsync.worker.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prefix {@code calsync.worker.sync}.
 *
 * @param coolDown least time between the starts of two notification-driven passes of one calendar:
 *     the first notification after a quiet spell syncs at once, later ones within the window are
 *     coalesced into one trailing pass at its end
 * @param maxCoolDown the longest window: while notifications keep coming after trailing passes, each
 *     next window doubles up to this (equal to {@code coolDown}: a fixed window)
 * @param publishTimeout how long a pass waits for the broker to acknowledge its change messages
 * @param calendarParallelism how many calendars of one sync request are synced at the same time. Each
 *     pass already fetches its next page while storing the last, so 2 keep two cores busy; more only
 *     added contention in the initial-sync benchmark (docs/benchmarks.md, "sync-worker", session 6)
 * @param lagRefresh how often the {@code calsync.worker.sync.lag} gauges are re-read from the database
 */
@Validated
@ConfigurationProperties("calsync.worker.sync")
public record SyncProperties(
        @DefaultValue("1s") @NotNull Duration coolDown,
        @DefaultValue("8s") @NotNull Duration maxCoolDown,
        @DefaultValue("30s") @NotNull Duration publishTimeout,
        @DefaultValue("2") @Min(1) @Max(32) int calendarParallelism,
        @DefaultValue("30s") @NotNull Duration lagRefresh) {}
