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
    private final java.util.concurrent.atomic.AtomicInteger rejections =
            new java.util.concurrent.atomic.AtomicInteger();

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

    /** 403 or 429 as configured; 0 alternates between them (Google may answer either). */
    private int nextStatus() {
        int configured = status;
        if (configured != 0) {
            return configured;
        }
        return rejections.getAndIncrement() % 2 == 0 ? 403 : 429;
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
                // Google sends no Retry-After here: clients must back off on their own.
                throw ApiError.rateLimited(nextStatus());
            }
            window.addLast(now);
        }
    }
}
