package com.madeup.calsync.dashboard.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code calsync.dashboard.*}.
 *
 * @param publicUrl the URL users reach the dashboard at; the OAuth redirect URI is
 *     {@code <public-url>/connect/google/callback} and must be registered with the OAuth client
 */
@Validated
@ConfigurationProperties("calsync.dashboard")
public record DashboardProperties(@NotNull URI publicUrl) {

    public URI googleRedirectUri() {
        return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/connect/google/callback");
    }
}
