package com.madeup.calsync.store.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.madeup.calsync.store.MigratedDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OAuthTokenStoreTest {

    private static final MigratedDatabase db = MigratedDatabase.create();
    private static final Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant EXPIRES = Instant.parse("2026-11-24T09:00:00Z");

    private final OAuthTokenStore store =
            new OAuthTokenStore(db.jdbc, new TokenCipher(TokenCipherTest.KEY_A, List.of(), new SecureRandom()), clock);

    private UUID connection(long[] userIdOut) {
        long userId = db.newUser("tokens-" + UUID.randomUUID() + "@example.com");
        userIdOut[0] = userId;
        return db.newConnection(userId);
    }

    @Test
    void tokensAreStoredEncryptedAndReadBackDecrypted() {
        long[] userId = new long[1];
        UUID connectionId = connection(userId);

        store.save(
                connectionId,
                userId[0],
                SecretToken.of("ya29.ACCESS-plaintext"),
                SecretToken.of("1//REFRESH-plaintext"),
                EXPIRES,
                "calendar");

        byte[] rawAccess = db.jdbc.queryForObject(
                "SELECT access_token FROM oauth2_tokens WHERE connection_id = ?", byte[].class, connectionId);
        byte[] rawRefresh = db.jdbc.queryForObject(
                "SELECT refresh_token FROM oauth2_tokens WHERE connection_id = ?", byte[].class, connectionId);
        assertThat(new String(rawAccess, StandardCharsets.ISO_8859_1)).doesNotContain("ACCESS-plaintext");
        assertThat(new String(rawRefresh, StandardCharsets.ISO_8859_1)).doesNotContain("REFRESH-plaintext");
        StoredTokens tokens = store.find(connectionId).orElseThrow();
        assertThat(tokens.accessToken().reveal()).isEqualTo("ya29.ACCESS-plaintext");
        assertThat(tokens.refreshToken().reveal()).isEqualTo("1//REFRESH-plaintext");
        assertThat(tokens.expiresAt()).isEqualTo(EXPIRES);
        assertThat(tokens.version()).isZero();
        assertThat(tokens.toString()).doesNotContain("plaintext");
    }

    @Test
    void ciphertextCopiedToAnotherConnectionDoesNotDecrypt() {
        long[] userA = new long[1];
        long[] userB = new long[1];
        UUID victim = connection(userA);
        UUID attacker = connection(userB);
        store.save(victim, userA[0], SecretToken.of("victim-token"), null, EXPIRES, null);
        store.save(attacker, userB[0], SecretToken.of("attacker-token"), null, EXPIRES, null);

        db.jdbc.update(
                "UPDATE oauth2_tokens SET access_token = (SELECT access_token FROM oauth2_tokens WHERE connection_id = ?)"
                        + " WHERE connection_id = ?",
                victim,
                attacker);

        assertThatThrownBy(() -> store.find(attacker)).isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void accessAndRefreshColumnsCannotBeSwapped() {
        long[] userId = new long[1];
        UUID connectionId = connection(userId);
        store.save(connectionId, userId[0], SecretToken.of("access"), SecretToken.of("refresh"), EXPIRES, null);

        db.jdbc.update(
                "UPDATE oauth2_tokens SET access_token = refresh_token, refresh_token = access_token"
                        + " WHERE connection_id = ?",
                connectionId);

        assertThatThrownBy(() -> store.find(connectionId)).isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void concurrentRefreshesWithTheSameVersionLetExactlyOneWin() throws Exception {
        long[] userId = new long[1];
        UUID connectionId = connection(userId);
        store.save(connectionId, userId[0], SecretToken.of("old"), SecretToken.of("refresh"), EXPIRES, null);
        long version = store.find(connectionId).orElseThrow().version();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);

        List<Boolean> won;
        try {
            List<CompletableFuture<Boolean>> refreshes = List.of("instance-a", "instance-b").stream()
                    .map(token -> CompletableFuture.supplyAsync(
                            () -> {
                                await(start);
                                return store.updateAfterRefresh(
                                        connectionId,
                                        version,
                                        SecretToken.of(token),
                                        null,
                                        EXPIRES.plusSeconds(3600),
                                        null);
                            },
                            instances))
                    .toList();
            won = refreshes.stream()
                    .map(future -> future.orTimeout(10, TimeUnit.SECONDS).join())
                    .toList();
        } finally {
            instances.shutdownNow();
        }

        assertThat(won).containsExactlyInAnyOrder(true, false);
        StoredTokens after = store.find(connectionId).orElseThrow();
        assertThat(after.version()).isEqualTo(version + 1);
        assertThat(after.accessToken().reveal()).isEqualTo(won.get(0) ? "instance-a" : "instance-b");
        assertThat(after.refreshToken().reveal())
                .as("kept when the refresh sent none")
                .isEqualTo("refresh");
    }

    @Test
    void reencryptionMovesRowsToTheCurrentKey() {
        long[] userId = new long[1];
        UUID connectionId = connection(userId);
        store.save(connectionId, userId[0], SecretToken.of("access"), SecretToken.of("refresh"), EXPIRES, null);
        TokenCipher rotated =
                new TokenCipher(TokenCipherTest.KEY_B, List.of(TokenCipherTest.KEY_A), new SecureRandom());
        OAuthTokenStore rotatedStore = new OAuthTokenStore(db.jdbc, rotated, clock);

        int rewritten = rotatedStore.reencryptWithCurrentKey();

        assertThat(rewritten).isGreaterThanOrEqualTo(1);
        OAuthTokenStore newKeyOnly = new OAuthTokenStore(
                db.jdbc, new TokenCipher(TokenCipherTest.KEY_B, List.of(), new SecureRandom()), clock);
        assertThat(newKeyOnly.find(connectionId).orElseThrow().accessToken().reveal())
                .isEqualTo("access");
        assertThat(rotatedStore.reencryptWithCurrentKey()).isZero();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
