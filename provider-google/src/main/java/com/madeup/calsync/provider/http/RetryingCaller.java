package com.madeup.calsync.provider.http;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Repeats a provider call while its error is {@link ErrorKind#retryable()} and the
 * {@link RetryBudget} lasts, built on Resilience4j {@link Retry}. Waits grow exponentially with
 * jitter and honour {@code Retry-After}; a server asking for more than {@code maxDelay} gets its
 * answer handed back instead of an early retry, so the caller can reschedule.
 *
 * <p>Only retry calls that are safe to repeat: reads, inserts with a client-chosen id, writes with
 * {@code If-Match}, deletes.
 */
public final class RetryingCaller {

    private final RetryBudget budget;
    private final RandomGenerator random;

    public RetryingCaller(RetryBudget budget, RandomGenerator random) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A caller that never retries. */
    public static RetryingCaller none() {
        return new RetryingCaller(RetryBudget.none(), RandomGenerator.getDefault());
    }

    public RetryBudget budget() {
        return budget;
    }

    /**
     * Runs {@code call} until it succeeds, fails with a kind that is not retryable, or the budget is
     * spent; returns the last response.
     *
     * @param name names the call in Resilience4j's events (e.g. {@code calendar.events.list})
     */
    public <T> ApiResponse<T> call(String name, Supplier<ApiResponse<T>> call) {
        if (budget.maxAttempts() == 1) {
            return call.get();
        }
        RetryConfig config = RetryConfig.<ApiResponse<?>>custom()
                .maxAttempts(budget.maxAttempts())
                .retryOnResult(this::shouldRetry)
                .retryOnException(bug -> false)
                .failAfterMaxAttempts(false)
                .intervalBiFunction((attempt, outcome) -> delayBefore(
                                attempt, outcome.isRight() ? outcome.get().retryAfter() : null)
                        .toMillis())
                .build();
        return Retry.of(name, config).executeSupplier(call);
    }

    private boolean shouldRetry(ApiResponse<?> response) {
        if (response.ok() || !response.error().kind().retryable()) {
            return false;
        }
        Duration asked = response.retryAfter();
        return asked == null || asked.compareTo(budget.maxDelay()) <= 0;
    }

    /**
     * The wait before retry number {@code attempt} (1 = after the first failure): half of
     * {@code initialDelay * 2^(attempt-1)} fixed plus a random half, at least what the server asked
     * for, at most {@code maxDelay}.
     */
    Duration delayBefore(int attempt, Duration retryAfter) {
        long initial = budget.initialDelay().toMillis();
        long max = budget.maxDelay().toMillis();
        long exponential = initial << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = exponential < 0 ? max : Math.min(exponential, max);
        long jittered = capped / 2 + (capped / 2 > 0 ? random.nextLong(capped / 2 + 1) : 0);
        long asked = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.min(Math.max(jittered, asked), max));
    }
}
