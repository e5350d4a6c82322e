package com.madeup.calsync.ingress.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code calsync.ingress.notifications{outcome}}: notifications received by outcome;
 * {@code calsync.ingress.notification.publish}: time from sending to Kafka's acknowledgement (or failure).
 */
final class NotificationMetrics {

    enum Outcome {
        PUBLISHED,
        SYNC,
        REJECTED_UNKNOWN_CHANNEL,
        REJECTED_TOKEN,
        REJECTED_MALFORMED,
        KAFKA_UNAVAILABLE,
        /** PostgreSQL unreachable for a channel not in the cache: answered 503, nothing published. */
        STORE_UNAVAILABLE
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    private final Timer publishLatency;

    NotificationMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder("calsync.ingress.notifications")
                            .description("Push notifications received, by outcome")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        publishLatency = Timer.builder("calsync.ingress.notification.publish")
                .description("Time from sending a notification to Kafka until it was acknowledged or failed")
                .register(registry);
    }

    void count(Outcome outcome) {
        counters.get(outcome).increment();
    }

    void publishTook(long nanos) {
        publishLatency.record(Duration.ofNanos(nanos));
    }
}
