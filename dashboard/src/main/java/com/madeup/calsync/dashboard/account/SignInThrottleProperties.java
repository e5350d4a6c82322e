package com.madeup.calsync.dashboard.account;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code calsync.dashboard.sign-in-throttle.*}: how many failed sign-ins are allowed before the
 * dashboard refuses further attempts for a while. Counted in memory, per dashboard instance.
 *
 * @param enabled off only for load tests
 * @param maxFailuresPerAccount failures for one submitted email within {@code window} that lock it
 * @param maxFailuresPerClient failures from one client address within {@code window} that lock it
 *     (higher than the account limit: several people may share an address)
 * @param window how far back failures are counted
 * @param firstLockout how long the first lock lasts; every further lock of the same key doubles it
 * @param maxLockout no lock lasts longer
 * @param maxTrackedKeys bound on the remembered emails and addresses (memory bound against a spray
 *     of made-up emails); beyond it, keys that are not locked are forgotten first
 */
@Validated
@ConfigurationProperties("calsync.dashboard.sign-in-throttle")
public record SignInThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") @Min(1) int maxFailuresPerAccount,
        @DefaultValue("20") @Min(1) int maxFailuresPerClient,
        @DefaultValue("15m") @NotNull Duration window,
        @DefaultValue("1m") @NotNull Duration firstLockout,
        @DefaultValue("1h") @NotNull Duration maxLockout,
        @DefaultValue("100000") @Min(1) int maxTrackedKeys) {

    @AssertTrue(message = "need 0 < window, 0 < first-lockout <= max-lockout")
    boolean isConsistent() {
        return window != null
                && firstLockout != null
                && maxLockout != null
                && window.isPositive()
                && firstLockout.isPositive()
                && maxLockout.compareTo(firstLockout) >= 0;
    }
}
