package com.madeup.calsync.provider.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a {@link RetryingCaller} tries.
 *
 * @param maxAttempts total attempts including the first; 1 means no retry
 * @param initialDelay the delay before the first retry; later ones double
 * @param maxDelay no single wait is longer; a {@code Retry-After} beyond it ends the retries
 */
public record RetryBudget(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryBudget {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay: " + initialDelay + ", " + maxDelay);
        }
    }

    /** Four attempts, 0.5 s then 1 s then 2 s (plus jitter), never a wait over 30 s. */
    public static RetryBudget defaults() {
        return new RetryBudget(4, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** One attempt: errors come back as they are. */
    public static RetryBudget none() {
        return new RetryBudget(1, Duration.ZERO, Duration.ZERO);
    }
}
