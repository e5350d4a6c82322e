package com.madeup.calsync.dashboard.config;

import com.madeup.calsync.provider.ClientSecret;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The shared {@code calsync.google.*} contract. The client secret binds into {@link ClientSecret},
 * whose {@code toString} is redacted, so this record can be logged.
 *
 * @param apiBaseUrl root of the Calendar API; {@code /calendar/v3/} is appended
 * @param authUrl the OAuth consent page the browser is sent to
 * @param tokenUrl the code exchange endpoint
 * @param revokeUrl the token revocation endpoint
 * @param clientId the OAuth client id (no default)
 * @param clientSecret the OAuth client secret (no default)
 */
@Validated
@ConfigurationProperties("calsync.google")
public record GoogleProperties(
        @NotNull URI apiBaseUrl,
        @NotNull URI authUrl,
        @NotNull URI tokenUrl,
        @NotNull URI revokeUrl,
        @NotBlank String clientId,
        @NotNull ClientSecret clientSecret) {}
