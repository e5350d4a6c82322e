package com.madeup.calsync.store.token;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The decrypted OAuth tokens of one provider connection.
 *
 * @param connectionId the connection the tokens belong to
 * @param userId the user who connected the account
 * @param accessToken the current access token
 * @param refreshToken the refresh token; null when the provider gave none
 * @param expiresAt when the access token expires
 * @param scopes the granted scopes, space separated as the provider returns them; may be null
 * @param version optimistic-lock version; pass it to {@link OAuthTokenStore#updateAfterRefresh}
 * @param updatedAt when the row was last written
 */
public record StoredTokens(
        UUID connectionId,
        long userId,
        SecretToken accessToken,
        SecretToken refreshToken,
        Instant expiresAt,
        String scopes,
        long version,
        Instant updatedAt) {

    public StoredTokens {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
