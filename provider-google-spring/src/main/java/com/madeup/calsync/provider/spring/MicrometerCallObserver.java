package com.madeup.calsync.provider.spring;

import com.madeup.calsync.provider.http.CallObserver;
import com.madeup.calsync.provider.http.ErrorKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider calls as the Micrometer timer {@value #METER}, tagged {@code operation} (e.g.
 * {@code calendar.events.list}) and {@code outcome} ({@code ok}, or the lower-case
 * {@link ErrorKind}: {@code transient}, {@code rate_limited}, {@code not_found}, ...). Every
 * attempt counts, retries included.
 */
final class MicrometerCallObserver implements CallObserver {

    static final String METER = "calsync.provider.calls";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    MicrometerCallObserver(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void callFinished(String operation, ErrorKind failure, Duration duration) {
        String outcome = outcome(failure);
        // Operations and outcomes are a small fixed set, so the timers are few and kept.
        timers.computeIfAbsent(
                        operation + '|' + outcome,
                        key -> Timer.builder(METER)
                                .description("Calls to the calendar provider, each attempt on its own")
                                .tag("operation", operation)
                                .tag("outcome", outcome)
                                .register(registry))
                .record(duration);
    }

    static String outcome(ErrorKind failure) {
        return failure == null ? "ok" : failure.name().toLowerCase(Locale.ROOT);
    }
}
