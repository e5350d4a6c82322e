package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.ChannelState;
import com.madeup.calsync.store.channel.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies channels with {@link SubscriptionStore#verify} and remembers each verified channel for a
 * short time, so a busy channel costs one database read per TTL instead of one per notification.
 *
 * <p>Only successes are cached, never failures: a channel registered a moment ago is accepted at
 * once, and a wrong token is always checked against the database. The cache keeps the token that was
 * verified (in memory only, never logged) and compares a presented token with it in constant time, so
 * a hit costs no hashing; the database keeps only the token's SHA-256. The price:
 * a channel stopped in the database keeps being accepted from memory until its entry expires (at most
 * the TTL); the sync worker tolerates a notification for a stopped channel (it only triggers an
 * incremental sync).
 */
final class CachingChannelVerifier implements ChannelVerifier {

    private final SubscriptionStore store;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final ConcurrentHashMap<String, CachedChannel> cache = new ConcurrentHashMap<>();

    CachingChannelVerifier(SubscriptionStore store, Duration ttl, int maxEntries, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEntries = maxEntries;
    }

    @Override
    public Verification verify(String channelId, String token) {
        if (token == null) {
            return classifyFailure(channelId);
        }
        Instant now = clock.instant();
        CachedChannel cached = cache.get(channelId);
        if (cached != null && now.isBefore(cached.expiresAt()) && cached.token().matches(token)) {
            return Verification.verified(cached.subscription());
        }
        Optional<CalendarSubscription> verified = store.verify(channelId, token);
        if (verified.isEmpty()) {
            cache.remove(channelId);
            return classifyFailure(channelId);
        }
        remember(channelId, new CachedChannel(verified.get(), new VerifiedToken(token), now.plus(ttl)), now);
        return Verification.verified(verified.get());
    }

    /** Entries currently held (expired ones included until they are swept). */
    int size() {
        return cache.size();
    }

    private Verification classifyFailure(String channelId) {
        // A second read, only on the rejection path, to tell the two failures apart in the status and metrics.
        return store.findByChannelId(channelId)
                .filter(subscription -> subscription.state() != ChannelState.STOPPED)
                .map(open -> Verification.WRONG_TOKEN)
                .orElse(Verification.UNKNOWN_CHANNEL);
    }

    private void remember(String channelId, CachedChannel entry, Instant now) {
        if (ttl.isZero()) {
            return;
        }
        if (cache.size() >= maxEntries) {
            cache.values().removeIf(old -> !now.isBefore(old.expiresAt()));
            if (cache.size() >= maxEntries) {
                return; // still full of live entries: serve this channel from the database
            }
        }
        cache.put(channelId, entry);
    }

    /** A channel token the database accepted; its {@code toString} never shows it. */
    record VerifiedToken(String value) {

        /**
         * Constant time in the presented token's content: every character is compared, whatever
         * differs first (the length of the stored token is not a secret: Google's tokens are all alike).
         */
        boolean matches(String presented) {
            int difference = value.length() ^ presented.length();
            for (int i = 0; i < value.length(); i++) {
                char other = i < presented.length() ? presented.charAt(i) : 0;
                difference |= value.charAt(i) ^ other;
            }
            return difference == 0;
        }

        @Override
        public String toString() {
            return "VerifiedToken[redacted]";
        }
    }

    private record CachedChannel(CalendarSubscription subscription, VerifiedToken token, Instant expiresAt) {}
}
