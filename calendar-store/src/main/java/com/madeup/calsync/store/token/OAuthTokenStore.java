package com.madeup.calsync.store.token;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code oauth2_tokens}: tokens are encrypted with {@link TokenCipher} before they reach the
 * database and decrypted on the way out; each value is bound to its connection and column. Writes
 * after a refresh carry the version that was read, so when two instances refresh the same
 * connection at once exactly one write wins and the other learns it lost.
 */
public final class OAuthTokenStore {

    private static final String ACCESS = "access_token";
    private static final String REFRESH = "refresh_token";

    private final JdbcTemplate jdbc;
    private final TokenCipher cipher;
    private final Clock clock;

    public OAuthTokenStore(JdbcTemplate jdbc, TokenCipher cipher, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the tokens of a (re)connected account, replacing any earlier ones; returns the new
     * version. Used after the authorization-code exchange, not after a refresh.
     */
    public long save(
            UUID connectionId,
            long userId,
            SecretToken accessToken,
            SecretToken refreshToken,
            Instant expiresAt,
            String scopes) {
        Instant now = clock.instant();
        return jdbc.queryForObject(
                """
                INSERT INTO oauth2_tokens (connection_id, user_id, access_token, refresh_token, expires_at, scopes,
                                           version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT (connection_id) DO UPDATE
                SET user_id = excluded.user_id, access_token = excluded.access_token,
                    refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
                    scopes = excluded.scopes, version = oauth2_tokens.version + 1, updated_at = excluded.updated_at
                RETURNING version
                """,
                Long.class,
                connectionId,
                userId,
                cipher.encrypt(accessToken, associatedData(connectionId, ACCESS)),
                refreshToken == null ? null : cipher.encrypt(refreshToken, associatedData(connectionId, REFRESH)),
                Timestamp.from(expiresAt),
                scopes,
                Timestamp.from(now),
                Timestamp.from(now));
    }

    /** The decrypted tokens of a connection, if any are stored. */
    public Optional<StoredTokens> find(UUID connectionId) {
        return jdbc
                .query(
                        "SELECT connection_id, user_id, access_token, refresh_token, expires_at, scopes, version,"
                                + " updated_at FROM oauth2_tokens WHERE connection_id = ?",
                        this::decrypt,
                        connectionId)
                .stream()
                .findFirst();
    }

    /**
     * Stores a refreshed access token if the row still has {@code expectedVersion}; returns false
     * when another writer got there first (re-read and use its tokens). A null {@code
     * newRefreshToken} keeps the stored one, as providers usually send none on refresh.
     */
    public boolean updateAfterRefresh(
            UUID connectionId,
            long expectedVersion,
            SecretToken accessToken,
            SecretToken newRefreshToken,
            Instant expiresAt,
            String scopes) {
        int updated = jdbc.update(
                """
                UPDATE oauth2_tokens
                SET access_token = ?, refresh_token = COALESCE(?, refresh_token), expires_at = ?,
                    scopes = COALESCE(?, scopes), version = version + 1, updated_at = ?
                WHERE connection_id = ? AND version = ?
                """,
                cipher.encrypt(accessToken, associatedData(connectionId, ACCESS)),
                newRefreshToken == null ? null : cipher.encrypt(newRefreshToken, associatedData(connectionId, REFRESH)),
                Timestamp.from(expiresAt),
                scopes,
                Timestamp.from(clock.instant()),
                connectionId,
                expectedVersion);
        return updated == 1;
    }

    /** Removes a connection's tokens (disconnect); returns whether there were any. */
    public boolean delete(UUID connectionId) {
        return jdbc.update("DELETE FROM oauth2_tokens WHERE connection_id = ?", connectionId) == 1;
    }

    /**
     * Re-encrypts, with the current key, every row written with an older key; returns how many rows
     * were rewritten. Run after a key rotation, before the old key is removed from the configuration.
     */
    public int reencryptWithCurrentKey() {
        List<UUID> stale = jdbc.query(
                "SELECT connection_id, access_token, refresh_token FROM oauth2_tokens",
                (row, i) -> !cipher.isCurrentKey(row.getBytes(2))
                                || (row.getBytes(3) != null && !cipher.isCurrentKey(row.getBytes(3)))
                        ? row.getObject(1, UUID.class)
                        : null);
        int rewritten = 0;
        for (UUID connectionId : stale) {
            if (connectionId == null) {
                continue;
            }
            Optional<StoredTokens> tokens = find(connectionId);
            if (tokens.isEmpty()) {
                continue;
            }
            StoredTokens current = tokens.get();
            // Same version check as a refresh: a concurrent refresh wins and already wrote with the current key.
            rewritten += jdbc.update(
                    """
                    UPDATE oauth2_tokens SET access_token = ?, refresh_token = ?, version = version + 1
                    WHERE connection_id = ? AND version = ?
                    """,
                    cipher.encrypt(current.accessToken(), associatedData(connectionId, ACCESS)),
                    current.refreshToken() == null
                            ? null
                            : cipher.encrypt(current.refreshToken(), associatedData(connectionId, REFRESH)),
                    connectionId,
                    current.version());
        }
        return rewritten;
    }

    private StoredTokens decrypt(ResultSet row, int rowNumber) throws SQLException {
        UUID connectionId = row.getObject("connection_id", UUID.class);
        byte[] refresh = row.getBytes("refresh_token");
        return new StoredTokens(
                connectionId,
                row.getLong("user_id"),
                cipher.decrypt(row.getBytes("access_token"), associatedData(connectionId, ACCESS)),
                refresh == null ? null : cipher.decrypt(refresh, associatedData(connectionId, REFRESH)),
                row.getTimestamp("expires_at").toInstant(),
                row.getString("scopes"),
                row.getLong("version"),
                row.getTimestamp("updated_at").toInstant());
    }

    /** Binds a ciphertext to its table, column and connection: a value moved elsewhere fails to decrypt. */
    static byte[] associatedData(UUID connectionId, String column) {
        return ("oauth2_tokens." + column + ":" + connectionId).getBytes(StandardCharsets.UTF_8);
    }
}
