package com.madeup.calsync.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserRateLimiterTest {

    @Test
    void eachUserHasItsOwnBudget() {
        UserRateLimiter limiter = new UserRateLimiter(2, Duration.ofMinutes(1), Duration.ZERO);

        assertThat(limiter.acquire("ada")).isTrue();
        assertThat(limiter.acquire("ada")).isTrue();
        assertThat(limiter.acquire("ada")).isFalse();
        assertThat(limiter.acquire("bob")).isTrue();
    }
}
