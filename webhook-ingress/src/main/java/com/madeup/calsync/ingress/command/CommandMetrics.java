package com.madeup.calsync.ingress.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code calsync.ingress.commands{outcome}}: event commands received, by outcome. */
final class CommandMetrics {

    enum Outcome {
        PUBLISHED,
        UNAUTHORIZED,
        TOO_LARGE,
        MALFORMED,
        INVALID,
        KAFKA_UNAVAILABLE
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    CommandMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder("calsync.ingress.commands")
                            .description("Event commands received from upstream apps, by outcome")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    void count(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
