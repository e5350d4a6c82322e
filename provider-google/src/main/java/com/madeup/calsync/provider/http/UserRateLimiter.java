package com.madeup.calsync.provider.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A client-side limit per user (Resilience4j {@link RateLimiter}), so one busy user cannot use up
 * the provider's per-user quota (Google: 600 requests per minute per user) and draw 403/429s.
 * Limiters are created on first use and kept for the life of this object.
 */
public final class UserRateLimiter {

    private final RateLimiterConfig config;
    private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param permitsPerPeriod calls allowed per user in each period
     * @param period the refresh period
     * @param maxWait how long {@link #acquire} blocks for a permit before giving up
     */
    public UserRateLimiter(int permitsPerPeriod, Duration period, Duration maxWait) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(permitsPerPeriod)
                .limitRefreshPeriod(Objects.requireNonNull(period, "period"))
                .timeoutDuration(Objects.requireNonNull(maxWait, "maxWait"))
                .build();
    }

    /** Takes one permit for {@code userKey}, waiting up to maxWait; false when none came in time. */
    public boolean acquire(String userKey) {
        Objects.requireNonNull(userKey, "userKey");
        return limiters.computeIfAbsent(userKey, key -> RateLimiter.of("provider-user-" + key, config))
                .acquirePermission();
    }
}
