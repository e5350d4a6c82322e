package com.madeup.calsync.worker.sync;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prefix {@code calsync.worker.sync}.
 *
 * @param minPassInterval least time between the starts of two notification-driven passes of one
 *     calendar (burst collapse); keep it well below the consumer's max.poll.interval
 * @param publishTimeout how long a pass waits for the broker to acknowledge its change messages
 */
@Validated
@ConfigurationProperties("calsync.worker.sync")
public record SyncProperties(
        @DefaultValue("1s") @NotNull Duration minPassInterval,
        @DefaultValue("30s") @NotNull Duration publishTimeout) {}
