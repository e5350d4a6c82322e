package com.madeup.calsync.dashboard.account;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password, because the email or address is locked. */
final class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: the {@code Retry-After} header. */
    long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    /** Whole minutes, rounded up, at least 1: what the sign-in page tells the user. */
    long retryAfterMinutes() {
        return (retryAfterSeconds() + 59) / 60;
    }
}
