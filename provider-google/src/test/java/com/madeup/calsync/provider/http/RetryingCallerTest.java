package com.madeup.calsync.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryingCallerTest {

    static final RetryBudget FAST = new RetryBudget(3, Duration.ofMillis(2), Duration.ofMillis(20));

    final RetryingCaller caller = new RetryingCaller(FAST, new SplittableRandom(7));

    @Test
    void retriesRetryableFailuresUntilSuccess() {
        Script script = new Script(failure(ErrorKind.TRANSIENT, null), failure(ErrorKind.RATE_LIMITED, null), ok());

        ApiResponse<String> response = caller.call("test", script);

        assertThat(response.ok()).isTrue();
        assertThat(script.calls.get()).isEqualTo(3);
    }

    @Test
    void givesUpWhenTheBudgetIsSpentAndReturnsTheLastFailure() {
        Script script = new Script(
                failure(ErrorKind.TRANSIENT, null),
                failure(ErrorKind.TRANSIENT, null),
                failure(ErrorKind.RATE_LIMITED, null),
                ok());

        ApiResponse<String> response = caller.call("test", script);

        assertThat(response.errorKind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(script.calls.get()).isEqualTo(3);
    }

    @Test
    void neverRetriesAKindThatIsNotRetryable() {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.retryable()) {
                continue;
            }
            Script script = new Script(failure(kind, null), ok());

            assertThat(caller.call("test", script).errorKind()).isEqualTo(kind);
            assertThat(script.calls.get()).as(kind.name()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterLongerThanTheMaximumDelayEndsRetriesSoTheCallerCanReschedule() {
        Script script = new Script(failure(ErrorKind.RATE_LIMITED, Duration.ofSeconds(60)), ok());

        ApiResponse<String> response = caller.call("test", script);

        assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(script.calls.get()).isEqualTo(1);
    }

    @Test
    void delaysGrowExponentiallyWithJitterAndStayWithinTheMaximum() {
        RetryingCaller slow = new RetryingCaller(
                new RetryBudget(10, Duration.ofMillis(100), Duration.ofSeconds(1)), new SplittableRandom(3));

        for (int i = 0; i < 50; i++) {
            assertThat(slow.delayBefore(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(slow.delayBefore(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(slow.delayBefore(9, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(slow.delayBefore(60, null)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void delayHonoursRetryAfterButNeverExceedsTheMaximum() {
        RetryingCaller slow = new RetryingCaller(
                new RetryBudget(4, Duration.ofMillis(100), Duration.ofSeconds(1)), new SplittableRandom(3));

        assertThat(slow.delayBefore(1, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
        assertThat(slow.delayBefore(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noneCallsExactlyOnce() {
        Script script = new Script(failure(ErrorKind.TRANSIENT, null), ok());

        assertThat(RetryingCaller.none().call("test", script).errorKind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(script.calls.get()).isEqualTo(1);
    }

    private static ApiResponse<String> ok() {
        return ApiResponse.success(200, "done", null);
    }

    private static ApiResponse<String> failure(ErrorKind kind, Duration retryAfter) {
        return ApiResponse.failure(500, new ApiError(kind, "r", "scripted"), retryAfter);
    }

    private static final class Script implements Supplier<ApiResponse<String>> {
        final Deque<ApiResponse<String>> answers;
        final AtomicInteger calls = new AtomicInteger();

        @SafeVarargs
        Script(ApiResponse<String>... answers) {
            this.answers = new ArrayDeque<>(java.util.List.of(answers));
        }

        @Override
        public ApiResponse<String> get() {
            calls.incrementAndGet();
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }
}
