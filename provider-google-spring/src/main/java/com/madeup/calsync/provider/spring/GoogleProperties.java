package com.madeup.calsync.provider.spring;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Google (or the emulator) is, and who we are to it; prefix {@code calsync.google}. Pointing
 * the worker at the emulator is only a matter of these URLs.
 *
 * @param apiBaseUrl root of the Calendar API, without {@code /calendar/v3}
 * @param authUrl OAuth authorization endpoint (unused by the worker, kept for one config shape)
 * @param tokenUrl OAuth token endpoint, used for refreshes
 * @param revokeUrl OAuth revocation endpoint
 * @param clientId OAuth client id; no default
 * @param clientSecret OAuth client secret; no default. Kept as a String only here: it becomes a
 *     redacted {@code ClientSecret} at once
 * @param connectTimeout TCP connect timeout of every call
 * @param requestTimeout deadline of every call, body included
 */
@Validated
@ConfigurationProperties("calsync.google")
public record GoogleProperties(
        @DefaultValue("https://www.googleapis.com") @NotNull URI apiBaseUrl,

        @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") @NotNull
        URI authUrl,

        @DefaultValue("https://oauth2.googleapis.com/token") @NotNull
        URI tokenUrl,

        @DefaultValue("https://oauth2.googleapis.com/revoke") @NotNull
        URI revokeUrl,

        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration requestTimeout) {

    @Override
    public String toString() {
        return "GoogleProperties[apiBaseUrl=" + apiBaseUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=<redacted>]";
    }
}
