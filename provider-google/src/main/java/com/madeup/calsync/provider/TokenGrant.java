package com.madeup.calsync.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Tokens from a code exchange or a refresh.
 *
 * @param accessToken the bearer token for API calls
 * @param refreshToken the long-lived token; on a refresh that returned none, the one that was used
 *     (providers usually keep it); null only when the provider gave none on a code exchange (no
 *     offline access)
 * @param expiresAt when the access token stops working, by the client's clock at receipt
 * @param scopes the scopes actually granted, which may be fewer than those asked for
 */
public record TokenGrant(AccessToken accessToken, RefreshToken refreshToken, Instant expiresAt, Set<String> scopes) {
    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes == null ? Set.of() : scopes);
    }
}
