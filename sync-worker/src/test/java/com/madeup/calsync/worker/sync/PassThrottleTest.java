package com.madeup.calsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-calendar throttle with real threads and a short cool-down; passes are recorded, not run. */
class PassThrottleTest {

    private static final Duration COOL_DOWN = Duration.ofMillis(300);
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Pass> passes = new CopyOnWriteArrayList<>();

    record Pass(long calendarId, Instant start, String thread) {}

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private PassThrottle throttle(java.util.function.LongConsumer extra) {
        return new PassThrottle(
                COOL_DOWN, COOL_DOWN.multipliedBy(4), Clock.systemUTC(), timer, Runnable::run, calendarId -> {
                    passes.add(new Pass(
                            calendarId, Instant.now(), Thread.currentThread().getName()));
                    extra.accept(calendarId);
                });
    }

    @Test
    void anIsolatedNotificationRunsAtOnceOnTheCallersThread() {
        PassThrottle throttle = throttle(id -> {});

        assertThat(throttle.onNotified(1, null)).isEqualTo(PassThrottle.Decision.RAN);

        assertThat(passes)
                .singleElement()
                .satisfies(pass -> assertThat(pass.thread())
                        .isEqualTo(Thread.currentThread().getName()));
    }

    @Test
    void notificationsWithinTheWindowAreCoalescedIntoOneTrailingPassAtItsEnd() {
        PassThrottle throttle = throttle(id -> {});
        Instant first = Instant.now();
        assertThat(throttle.onNotified(1, null)).isEqualTo(PassThrottle.Decision.RAN);
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.onNotified(1, null)).isEqualTo(PassThrottle.Decision.COALESCED);
        }
        // Another calendar is not held back by the first one's window.
        assertThat(throttle.onNotified(2, null)).isEqualTo(PassThrottle.Decision.RAN);

        await().atMost(AT_MOST)
                .until(() -> passes.stream().filter(p -> p.calendarId() == 1).count() == 2);
        await().atMost(AT_MOST).until(() -> !throttle.busy(1));
        assertThat(passes.stream().filter(p -> p.calendarId() == 1).count()).isEqualTo(2);
        Pass trailing = passes.stream()
                .filter(p -> p.calendarId() == 1)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(Duration.between(first, trailing.start())).isGreaterThanOrEqualTo(COOL_DOWN.minusMillis(20));
    }

    @Test
    void aPassStartedRecentlyByAnotherInstanceOpensTheWindowToo() {
        PassThrottle throttle = throttle(id -> {});

        assertThat(throttle.onNotified(1, Instant.now().minusMillis(50))).isEqualTo(PassThrottle.Decision.COALESCED);

        await().atMost(AT_MOST).until(() -> passes.size() == 1);
        assertThat(passes.getFirst().thread())
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aNotificationDuringARunningPassGetsOneTrailingPassAfterIt() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        PassThrottle throttle = throttle(id -> {
            if (first.getAndSet(false)) {
                inPass.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread leading = Thread.ofPlatform().start(() -> throttle.onNotified(1, null));
        assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.onNotified(1, null)).isEqualTo(PassThrottle.Decision.COALESCED);
        }
        release.countDown();
        leading.join(Duration.ofSeconds(10));

        await().atMost(AT_MOST).until(() -> passes.size() == 2 && !throttle.busy(1));
        assertThat(passes).hasSize(2);
    }

    @Test
    void aFailingTrailingPassDoesNotStopLaterPasses() {
        AtomicBoolean fail = new AtomicBoolean(false);
        PassThrottle throttle = throttle(id -> {
            if (fail.getAndSet(false)) {
                throw new RetryableSyncException("provider down");
            }
        });
        throttle.onNotified(1, null);
        fail.set(true);
        throttle.onNotified(1, null); // trailing, fails
        await().atMost(AT_MOST).until(() -> passes.size() == 2 && !throttle.busy(1));

        throttle.onNotified(1, null); // within the window of the failed pass: trailing again
        await().atMost(AT_MOST).until(() -> passes.size() == 3 && !throttle.busy(1));
    }

    @Test
    void whileNotificationsKeepComingEachWindowDoublesUpToTheMaximum() {
        PassThrottle throttle = throttle(id -> {});
        Instant start = Instant.now();
        // A steady trickle for about 2.5 s: one notification every 20 ms.
        while (Duration.between(start, Instant.now()).toMillis() < 2500) {
            throttle.onNotified(1, null);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        await().atMost(AT_MOST).until(() -> !throttle.busy(1));

        // Fixed 300 ms windows would give about 9 passes; doubling (300, 600, 1200, 1200 ms) gives 4 to 6.
        assertThat(passes).hasSizeBetween(3, 6);
        List<Duration> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < passes.size(); i++) {
            gaps.add(Duration.between(passes.get(i - 1).start(), passes.get(i).start()));
        }
        assertThat(gaps.getLast()).isGreaterThan(COOL_DOWN.multipliedBy(2));
        assertThat(gaps)
                .allSatisfy(gap ->
                        assertThat(gap).isLessThan(COOL_DOWN.multipliedBy(4).plusMillis(400)));
    }
}
