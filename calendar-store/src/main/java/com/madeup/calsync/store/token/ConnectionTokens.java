package com.madeup.calsync.store.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Hands out a usable access token per provider connection, refreshing it ahead of expiry exactly once
 * even when several instances ask at the same moment.
 *
 * <p>A refresh runs inside a transaction holding a PostgreSQL advisory lock on the connection: the
 * first instance refreshes, the others wait on the lock, re-read the row and find a fresh token. The
 * lock is held across the provider call on purpose (a refresh is one short, time-limited HTTP call);
 * without it two instances would both spend the refresh token. {@code invalid_grant} marks the
 * connection {@code needs_reauth}; its work then pauses until the user reconnects.
 *
 * <p>The store knows nothing of any provider: callers pass a {@link Refresher} that performs the
 * OAuth refresh (for Google, provider-google's {@code OAuthApi.refresh}).
 */
public final class ConnectionTokens {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTokens.class);

    /** Namespace of calsync's advisory locks on connections, so they cannot collide with other locks. */
    private static final int TOKEN_LOCK_NAMESPACE = 0x6361_6c73; // "cals"

    /** Performs one OAuth refresh at the provider. */
    @FunctionalInterface
    public interface Refresher {
        RefreshResult refresh(SecretToken refreshToken);
    }

    /** What the provider answered to a refresh. */
    public sealed interface RefreshResult {
        /**
         * @param accessToken the new access token
         * @param newRefreshToken a rotated refresh token, or null to keep the stored one
         * @param expiresAt when the new access token expires
         * @param scopes granted scopes, or null to keep the stored ones
         */
        record Refreshed(SecretToken accessToken, SecretToken newRefreshToken, Instant expiresAt, String scopes)
                implements RefreshResult {
            public Refreshed {
                Objects.requireNonNull(accessToken, "accessToken");
                Objects.requireNonNull(expiresAt, "expiresAt");
            }
        }

        /** The grant is revoked or expired: only the user can fix it by reconnecting. */
        record InvalidGrant(String reason) implements RefreshResult {}

        /** The refresh failed for another reason; {@code retryable} says whether trying later may help. */
        record Failed(String reason, boolean retryable) implements RefreshResult {}
    }

    /** The answer to "may I call the provider for this connection now?". */
    public sealed interface TokenAccess {
        /** Use this token; it is valid until at least {@code expiresAt} minus the refresh margin. */
        record Available(SecretToken accessToken, Instant expiresAt) implements TokenAccess {}

        /** The connection needs the user to reconnect (or was disconnected): hold its work. */
        record NeedsReauth(String reason) implements TokenAccess {}

        /** No token now; {@code retryable} says whether trying again later may help. */
        record Unavailable(String reason, boolean retryable) implements TokenAccess {}
    }

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final OAuthTokenStore tokens;
    private final Clock clock;
    private final Duration refreshAhead;

    /**
     * @param refreshAhead refresh when the access token expires within this margin
     */
    public ConnectionTokens(
            JdbcTemplate jdbc,
            TransactionOperations transactions,
            OAuthTokenStore tokens,
            Clock clock,
            Duration refreshAhead) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
    }

    /** A token valid for at least the refresh margin, refreshing first when needed. */
    public TokenAccess accessTokenFor(UUID connectionId, Refresher refresher) {
        Optional<TokenAccess> blocked = blockedByStatus(connectionId);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<StoredTokens> stored = tokens.find(connectionId);
        if (stored.isEmpty()) {
            return new TokenAccess.NeedsReauth("no tokens stored for the connection");
        }
        if (isFresh(stored.get())) {
            return available(stored.get());
        }
        return refreshLocked(connectionId, refresher, current -> !isFresh(current));
    }

    /**
     * The provider rejected {@code rejectedToken} (401): refresh unless another instance already
     * replaced that token, in which case the replacement is returned.
     */
    public TokenAccess refreshAfterRejection(UUID connectionId, SecretToken rejectedToken, Refresher refresher) {
        Optional<TokenAccess> blocked = blockedByStatus(connectionId);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        return refreshLocked(
                connectionId,
                refresher,
                current -> current.accessToken().reveal().equals(rejectedToken.reveal()) || !isFresh(current));
    }

    private TokenAccess refreshLocked(
            UUID connectionId, Refresher refresher, java.util.function.Predicate<StoredTokens> stillNeedsRefresh) {
        return transactions.execute(status -> {
            jdbc.queryForObject(
                    "SELECT pg_advisory_xact_lock(?, hashtext(?::text))",
                    Object.class,
                    TOKEN_LOCK_NAMESPACE,
                    connectionId.toString());
            // Re-read under the lock: another instance may have refreshed while we waited.
            Optional<StoredTokens> current = tokens.find(connectionId);
            if (current.isEmpty()) {
                return new TokenAccess.NeedsReauth("no tokens stored for the connection");
            }
            StoredTokens stored = current.get();
            if (!stillNeedsRefresh.test(stored)) {
                return available(stored);
            }
            if (stored.refreshToken() == null) {
                markNeedsReauth(connectionId, "access token expired and no refresh token is stored");
                return new TokenAccess.NeedsReauth("no refresh token");
            }
            RefreshResult result = refresher.refresh(stored.refreshToken());
            return switch (result) {
                case RefreshResult.Refreshed refreshed -> {
                    boolean written = tokens.updateAfterRefresh(
                            connectionId,
                            stored.version(),
                            refreshed.accessToken(),
                            refreshed.newRefreshToken(),
                            refreshed.expiresAt(),
                            refreshed.scopes());
                    if (!written) {
                        // Only a writer outside this lock (a reconnect saving new tokens) can get here.
                        log.info("tokens of connection {} changed during refresh; using the stored ones", connectionId);
                        yield tokens.find(connectionId)
                                .<TokenAccess>map(ConnectionTokens::available)
                                .orElse(new TokenAccess.NeedsReauth("tokens removed during refresh"));
                    }
                    yield new TokenAccess.Available(refreshed.accessToken(), refreshed.expiresAt());
                }
                case RefreshResult.InvalidGrant invalid -> {
                    markNeedsReauth(connectionId, "refresh rejected: " + invalid.reason());
                    yield new TokenAccess.NeedsReauth(invalid.reason());
                }
                case RefreshResult.Failed failed -> new TokenAccess.Unavailable(failed.reason(), failed.retryable());
            };
        });
    }

    private Optional<TokenAccess> blockedByStatus(UUID connectionId) {
        List<String> statuses =
                jdbc.queryForList("SELECT status FROM provider_connections WHERE id = ?", String.class, connectionId);
        if (statuses.isEmpty()) {
            return Optional.of(new TokenAccess.Unavailable("unknown connection " + connectionId, false));
        }
        return switch (statuses.getFirst()) {
            case "active" -> Optional.empty();
            case "needs_reauth" -> Optional.of(new TokenAccess.NeedsReauth("the user must reconnect the account"));
            default -> Optional.of(new TokenAccess.NeedsReauth("the connection is " + statuses.getFirst()));
        };
    }

    private void markNeedsReauth(UUID connectionId, String reason) {
        log.warn("connection {} needs re-authorization: {}", connectionId, reason);
        jdbc.update("""
                UPDATE provider_connections
                SET status = 'needs_reauth', status_reason = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND status = 'active'
                """, reason, java.sql.Timestamp.from(clock.instant()), connectionId);
    }

    private boolean isFresh(StoredTokens stored) {
        return stored.expiresAt().isAfter(clock.instant().plus(refreshAhead));
    }

    private static TokenAccess available(StoredTokens stored) {
        return new TokenAccess.Available(stored.accessToken(), stored.expiresAt());
    }
}
