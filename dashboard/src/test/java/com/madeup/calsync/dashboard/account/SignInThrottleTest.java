package com.madeup.calsync.dashboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.dashboard.AdjustableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final AdjustableClock clock = new AdjustableClock();

    private static SignInThrottleProperties limits(int maxTrackedKeys) {
        return new SignInThrottleProperties(
                true, 2, 100, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5), maxTrackedKeys);
    }

    @Test
    void locksDoubleButNeverExceedTheMaximum() {
        SignInThrottle throttle = new SignInThrottle(limits(1000), clock);
        Duration[] expected = {
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5)
        };

        for (Duration lock : expected) {
            throttle.failed("Ann@Madeup.example ", "10.0.0.1");
            throttle.failed("ann@madeup.example", "10.0.0.1");
            assertThat(throttle.refusal("ann@madeup.example", null))
                    .hasValueSatisfying(remaining ->
                            assertThat(remaining).isLessThanOrEqualTo(lock).isGreaterThan(lock.minusSeconds(5)));
            clock.advance(lock);
            assertThat(throttle.refusal("ann@madeup.example", null)).isEmpty();
        }
    }

    @Test
    void aKeyQuietForAWindowAfterItsLockStartsOver() {
        SignInThrottle throttle = new SignInThrottle(limits(1000), clock);
        throttle.failed("bo@madeup.example", null);
        throttle.failed("bo@madeup.example", null);
        clock.advance(Duration.ofMinutes(1).plus(Duration.ofMinutes(16)));

        throttle.failed("bo@madeup.example", null);
        throttle.failed("bo@madeup.example", null);

        assertThat(throttle.refusal("bo@madeup.example", null))
                .hasValueSatisfying(remaining -> assertThat(remaining).isLessThanOrEqualTo(Duration.ofMinutes(1)));
    }

    @Test
    void aSprayOfMadeUpEmailsStaysWithinTheMemoryBoundAndKeepsLockedKeys() {
        SignInThrottle throttle = new SignInThrottle(limits(50), clock);
        throttle.failed("target@madeup.example", null);
        throttle.failed("target@madeup.example", null);

        for (int i = 0; i < 500; i++) {
            throttle.failed("spray-" + i + "@madeup.example", null);
        }

        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(51);
        assertThat(throttle.refusal("target@madeup.example", null)).isPresent();
    }

    @Test
    void disabledNeverRefuses() {
        SignInThrottle throttle = new SignInThrottle(
                new SignInThrottleProperties(
                        false, 1, 1, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1), 10),
                clock);
        throttle.failed("cy@madeup.example", "10.0.0.2");
        throttle.failed("cy@madeup.example", "10.0.0.2");

        assertThat(throttle.refusal("cy@madeup.example", "10.0.0.2")).isEmpty();
    }
}
