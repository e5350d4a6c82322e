package com.madeup.calsync.store.config;

import com.madeup.calsync.store.token.SecretToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code calsync.store.*}.
 *
 * @param tokenEncryption keys for the OAuth token columns
 * @param upsertChunkSize events per upsert statement
 * @param tokenRefreshAhead an access token expiring within this margin is refreshed before use
 */
@ConfigurationProperties("calsync.store")
@Validated
public record StoreProperties(
        @Valid @DefaultValue TokenEncryption tokenEncryption,
        @DefaultValue("1000") @Min(1) @Max(10_000) int upsertChunkSize,
        @DefaultValue("5m") @NotNull Duration tokenRefreshAhead) {

    /**
     * @param key the current key: base64 of 32 random bytes ({@code openssl rand -base64 32}); env
     *     {@code CALSYNC_STORE_TOKEN_ENCRYPTION_KEY}. No default: startup fails without it.
     * @param previousKeys older keys still accepted for decryption during a rotation; env {@code
     *     CALSYNC_STORE_TOKEN_ENCRYPTION_PREVIOUS_KEYS} (comma separated)
     */
    public record TokenEncryption(
            @NotNull(
                    message = "is required: set calsync.store.token-encryption.key (env"
                            + " CALSYNC_STORE_TOKEN_ENCRYPTION_KEY) to base64 of 32 random bytes, e.g."
                            + " the output of 'openssl rand -base64 32'")
            SecretToken key,

            @DefaultValue List<SecretToken> previousKeys) {}
}
