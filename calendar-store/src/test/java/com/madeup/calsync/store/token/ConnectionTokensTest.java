package com.madeup.calsync.store.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.store.MigratedDatabase;
import com.madeup.calsync.store.token.ConnectionTokens.RefreshResult;
import com.madeup.calsync.store.token.ConnectionTokens.TokenAccess;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionTokensTest {

    private static final MigratedDatabase db = MigratedDatabase.create();
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private final OAuthTokenStore store =
            new OAuthTokenStore(db.jdbc, new TokenCipher(TokenCipherTest.KEY_A, List.of(), new SecureRandom()), clock);
    private final ConnectionTokens tokens =
            new ConnectionTokens(db.jdbc, db.transactions, store, clock, Duration.ofMinutes(5));

    private UUID connectionWithTokens(Instant accessExpiresAt) {
        long userId = db.newUser("refresh-" + UUID.randomUUID() + "@example.com");
        UUID connectionId = db.newConnection(userId);
        store.save(
                connectionId,
                userId,
                SecretToken.of("access-old"),
                SecretToken.of("refresh-1"),
                accessExpiresAt,
                "calendar");
        return connectionId;
    }

    private String status(UUID connectionId) {
        return db.jdbc.queryForObject(
                "SELECT status FROM provider_connections WHERE id = ?", String.class, connectionId);
    }

    @Test
    void freshTokenIsReturnedWithoutCallingTheProvider() {
        UUID connection = connectionWithTokens(NOW.plus(Duration.ofHours(1)));
        AtomicInteger calls = new AtomicInteger();

        TokenAccess access = tokens.accessTokenFor(connection, refreshToken -> {
            calls.incrementAndGet();
            throw new AssertionError("must not refresh");
        });

        assertThat(access)
                .isInstanceOfSatisfying(
                        TokenAccess.Available.class,
                        available ->
                                assertThat(available.accessToken().reveal()).isEqualTo("access-old"));
        assertThat(calls).hasValue(0);
    }

    @Test
    void tokenExpiringWithinTheMarginIsRefreshedAndStored() {
        UUID connection = connectionWithTokens(NOW.plus(Duration.ofMinutes(2)));

        TokenAccess access = tokens.accessTokenFor(connection, refreshToken -> {
            assertThat(refreshToken.reveal()).isEqualTo("refresh-1");
            return new RefreshResult.Refreshed(SecretToken.of("access-new"), null, NOW.plus(Duration.ofHours(1)), null);
        });

        assertThat(((TokenAccess.Available) access).accessToken().reveal()).isEqualTo("access-new");
        StoredTokens stored = store.find(connection).orElseThrow();
        assertThat(stored.accessToken().reveal()).isEqualTo("access-new");
        assertThat(stored.refreshToken().reveal())
                .as("kept when the provider sends none")
                .isEqualTo("refresh-1");
    }

    @Test
    void concurrentCallersRefreshOnlyOnce() throws Exception {
        UUID connection = connectionWithTokens(NOW.minusSeconds(1));
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ConnectionTokens.Refresher slowRefresher = refreshToken -> {
            int n = calls.incrementAndGet();
            return new RefreshResult.Refreshed(
                    SecretToken.of("access-" + n), null, NOW.plus(Duration.ofHours(1)), null);
        };

        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<TokenAccess>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    // Each thread uses its own instance, as separate service instances would.
                    return new ConnectionTokens(db.jdbc, db.transactions, store, clock, Duration.ofMinutes(5))
                            .accessTokenFor(connection, slowRefresher);
                }));
            }
            start.countDown();
            for (Future<TokenAccess> result : results) {
                assertThat(((TokenAccess.Available) result.get(20, TimeUnit.SECONDS))
                                .accessToken()
                                .reveal())
                        .isEqualTo("access-1");
            }
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void invalidGrantMarksTheConnectionAndPausesIt() {
        UUID connection = connectionWithTokens(NOW.minusSeconds(1));

        TokenAccess first =
                tokens.accessTokenFor(connection, refreshToken -> new RefreshResult.InvalidGrant("revoked"));
        TokenAccess second = tokens.accessTokenFor(connection, refreshToken -> {
            throw new AssertionError("a connection needing re-auth must not refresh");
        });

        assertThat(first).isInstanceOf(TokenAccess.NeedsReauth.class);
        assertThat(second).isInstanceOf(TokenAccess.NeedsReauth.class);
        assertThat(status(connection)).isEqualTo("needs_reauth");
    }

    @Test
    void transientRefreshFailureLeavesTheConnectionActive() {
        UUID connection = connectionWithTokens(NOW.minusSeconds(1));

        TokenAccess access =
                tokens.accessTokenFor(connection, refreshToken -> new RefreshResult.Failed("provider 503", true));

        assertThat(access).isEqualTo(new TokenAccess.Unavailable("provider 503", true));
        assertThat(status(connection)).isEqualTo("active");
    }

    @Test
    void rejectionRefreshesOnlyWhenTheRejectedTokenIsStillCurrent() {
        UUID connection = connectionWithTokens(NOW.plus(Duration.ofHours(1)));
        AtomicInteger calls = new AtomicInteger();
        ConnectionTokens.Refresher refresher = refreshToken -> {
            calls.incrementAndGet();
            return new RefreshResult.Refreshed(SecretToken.of("access-new"), null, NOW.plus(Duration.ofHours(1)), null);
        };

        TokenAccess afterRejection = tokens.refreshAfterRejection(connection, SecretToken.of("access-old"), refresher);
        TokenAccess staleRejection = tokens.refreshAfterRejection(connection, SecretToken.of("access-old"), refresher);

        assertThat(((TokenAccess.Available) afterRejection).accessToken().reveal())
                .isEqualTo("access-new");
        assertThat(((TokenAccess.Available) staleRejection).accessToken().reveal())
                .isEqualTo("access-new");
        assertThat(calls).hasValue(1);
    }

    @Test
    void unknownConnectionIsNotRetryable() {
        assertThat(tokens.accessTokenFor(UUID.randomUUID(), refreshToken -> {
                    throw new AssertionError();
                }))
                .isInstanceOfSatisfying(
                        TokenAccess.Unavailable.class,
                        unavailable -> assertThat(unavailable.retryable()).isFalse());
    }
}
