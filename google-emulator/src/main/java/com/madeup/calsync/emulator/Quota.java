package com.madeup.calsync.emulator;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Google's per-user per-minute request limit over a sliding one-minute window; 0 = off. */
final class Quota {

    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();
    private volatile int perUserPerMinute;
    private volatile int status;

    Quota(Clock clock, int perUserPerMinute, int status) {
        this.clock = clock;
        this.perUserPerMinute = perUserPerMinute;
        this.status = status;
    }

    void configure(int perUserPerMinute, Integer status) {
        this.perUserPerMinute = perUserPerMinute;
        if (status != null) {
            this.status = status;
        }
        windows.clear();
    }

    int perUserPerMinute() {
        return perUserPerMinute;
    }

    int status() {
        return status;
    }

    /** Counts one request of the user, or throws rateLimitExceeded when the window is full. */
    void charge(String email) {
        int limit = perUserPerMinute;
        if (limit <= 0) {
            return;
        }
        long now = clock.millis();
        ArrayDeque<Long> window = windows.computeIfAbsent(email, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                long retryAfter = Math.max(1, (window.peekFirst() + WINDOW_MILLIS - now + 999) / 1000);
                throw ApiError.rateLimited(status).header("Retry-After", Long.toString(retryAfter));
            }
            window.addLast(now);
        }
    }
}
