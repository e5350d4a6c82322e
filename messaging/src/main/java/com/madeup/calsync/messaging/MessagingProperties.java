package com.madeup.calsync.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka settings shared by every calsync app, prefix {@code calsync.messaging}.
 *
 * @param partitions partitions of every calsync topic and of its dead-letter topic (they must match,
 *     because a dead letter keeps its partition number)
 * @param replicationFactor replicas of every topic; 1 on a single local broker, 3 in production
 * @param sendTimeout how long {@link ContractPublisher#publishAndWait} waits for the broker's ack
 * @param retry back-off of a listener that failed with a retryable error, before dead-lettering
 */
@Validated
@ConfigurationProperties("calsync.messaging")
public record MessagingProperties(
        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("10s") @NotNull Duration sendTimeout,
        @DefaultValue @NotNull Retry retry) {

    /**
     * Bounded exponential back-off for listener failures. The consumer blocks while it waits, which
     * keeps per-connection ordering (a retry topic would give it up).
     *
     * @param initialInterval first wait
     * @param multiplier growth per attempt
     * @param maxInterval longest single wait
     * @param maxRetries retries after the first attempt; then the record goes to the dead-letter topic
     * @param unavailableInitialInterval first wait when the database could not be reached; such a
     *     failure is retried until it is back (doubling up to {@code unavailableMaxInterval}), never
     *     dead-lettered: the record is fine, the infrastructure is not
     * @param unavailableMaxInterval longest single wait while the database is unreachable
     */
    public record Retry(
            @DefaultValue("200ms") @NotNull Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") @NotNull Duration maxInterval,
            @DefaultValue("4") @Min(0) int maxRetries,
            @DefaultValue("1s") @NotNull Duration unavailableInitialInterval,
            @DefaultValue("30s") @NotNull Duration unavailableMaxInterval) {}
}
