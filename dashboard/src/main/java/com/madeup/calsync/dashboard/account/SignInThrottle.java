package com.madeup.calsync.dashboard.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins per submitted email and per client address, and refuses sign-ins for a
 * key that failed too often: after {@code max-failures} within {@code window}, for
 * {@code first-lockout}, doubling with every further lock of the same key up to {@code max-lockout}.
 * A key is forgotten once it has been quiet for {@code window} after its last lock ended.
 *
 * <p>Emails are counted whether or not an account exists, so the answers never tell which emails are
 * real. Held in memory: each dashboard instance counts on its own (with N instances behind a load
 * balancer, an attacker gets up to N times the attempts).
 */
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final SignInThrottleProperties properties;
    private final Clock clock;
    private final Counter accounts;
    private final Counter clients;

    SignInThrottle(SignInThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.accounts = new Counter("account", properties.maxFailuresPerAccount());
        this.clients = new Counter("client", properties.maxFailuresPerClient());
    }

    /**
     * How long sign-ins for this email or from this address are still refused; empty if allowed.
     *
     * @param clientAddress may be null when unknown; then only the email counts
     */
    Optional<Duration> refusal(String email, String clientAddress) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Duration account = accounts.remainingLock(accountKey(email), now);
        Duration client = clientAddress == null ? Duration.ZERO : clients.remainingLock(clientAddress, now);
        Duration longest = account.compareTo(client) >= 0 ? account : client;
        return longest.isPositive() ? Optional.of(longest) : Optional.empty();
    }

    /** A sign-in with wrong credentials (unknown email or wrong password: counted alike). */
    void failed(String email, String clientAddress) {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        accounts.fail(accountKey(email), now);
        if (clientAddress != null) {
            clients.fail(clientAddress, now);
        }
    }

    /** A successful sign-in clears the account's failures and lock history (not the address's). */
    void succeeded(String email) {
        accounts.forget(accountKey(email));
    }

    /** Keys remembered now (for tests and the memory bound). */
    int trackedKeys() {
        return accounts.size() + clients.size();
    }

    private static String accountKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Failures within the window (at most the limit), locks so far, and the end of the current lock. */
    private record Attempts(List<Instant> failures, int locks, Instant lockedUntil) {

        static final Attempts NONE = new Attempts(List.of(), 0, Instant.MIN);

        Instant lastActivity() {
            Instant lastFailure = failures.isEmpty() ? Instant.MIN : failures.getLast();
            return lastFailure.isAfter(lockedUntil) ? lastFailure : lockedUntil;
        }
    }

    private final class Counter {

        private final String kind;
        private final int maxFailures;
        private final ConcurrentMap<String, Attempts> byKey = new ConcurrentHashMap<>();

        Counter(String kind, int maxFailures) {
            this.kind = kind;
            this.maxFailures = maxFailures;
        }

        Duration remainingLock(String key, Instant now) {
            Attempts attempts = byKey.get(key);
            return attempts == null || !now.isBefore(attempts.lockedUntil())
                    ? Duration.ZERO
                    : Duration.between(now, attempts.lockedUntil());
        }

        void fail(String key, Instant now) {
            Attempts updated = byKey.compute(key, (k, current) -> next(current == null ? Attempts.NONE : current, now));
            if (updated.failures().isEmpty() && updated.lockedUntil().isAfter(now)) {
                // The address is logged (it is what operators block); the email is not.
                log.warn(
                        "Sign-ins refused for {} after {} failures within {}: lock number {} until {}",
                        kind.equals("client") ? "client " + key : "an account",
                        maxFailures,
                        properties.window(),
                        updated.locks(),
                        updated.lockedUntil());
            }
            if (byKey.size() > properties.maxTrackedKeys()) {
                shrink(now);
            }
        }

        private Attempts next(Attempts current, Instant now) {
            Instant windowStart = now.minus(properties.window());
            // Quiet for a whole window after the last failure and the last lock: start over.
            boolean forgotten = current.lastActivity().isBefore(windowStart);
            int locks = forgotten ? 0 : current.locks();
            List<Instant> failures = new ArrayList<>(maxFailures);
            if (!forgotten) {
                current.failures().stream()
                        .filter(at -> at.isAfter(windowStart))
                        .forEach(failures::add);
            }
            failures.add(now);
            if (failures.size() < maxFailures) {
                return new Attempts(List.copyOf(failures), locks, current.lockedUntil());
            }
            return new Attempts(List.of(), locks + 1, now.plus(lockout(locks + 1)));
        }

        private Duration lockout(int lockNumber) {
            Duration lockout = properties.firstLockout();
            for (int i = 1; i < lockNumber && lockout.compareTo(properties.maxLockout()) < 0; i++) {
                lockout = lockout.multipliedBy(2);
            }
            return lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
        }

        /** Forgets quiet keys; if that is not enough, every key that is not locked right now. */
        private void shrink(Instant now) {
            Instant windowStart = now.minus(properties.window());
            byKey.values().removeIf(attempts -> attempts.lastActivity().isBefore(windowStart));
            if (byKey.size() > properties.maxTrackedKeys()) {
                byKey.values().removeIf(attempts -> !attempts.lockedUntil().isAfter(now));
                log.warn(
                        "Sign-in throttle: more than {} {} keys; forgot every unlocked one",
                        properties.maxTrackedKeys(),
                        kind);
            }
        }

        void forget(String key) {
            byKey.remove(key);
        }

        int size() {
            return byKey.size();
        }
    }
}
