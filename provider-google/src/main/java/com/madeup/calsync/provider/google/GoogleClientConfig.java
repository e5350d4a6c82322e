package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.ClientSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the Google client needs, built by each app from its own properties. Pointing it at the
 * emulator is a base-URL change ({@link #forBaseUrl}).
 *
 * @param apiBaseUrl the Calendar API root ending in {@code /calendar/v3/}
 * @param authorizationUrl the consent page ({@code /o/oauth2/v2/auth})
 * @param tokenUrl the token endpoint ({@code /token})
 * @param revokeUrl the revocation endpoint ({@code /revoke})
 * @param clientId the OAuth client id
 * @param clientSecret the OAuth client secret (redacted in toString)
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on a whole call, headers and body
 * @param userAgent sent on every request
 */
public record GoogleClientConfig(
        URI apiBaseUrl,
        URI authorizationUrl,
        URI tokenUrl,
        URI revokeUrl,
        String clientId,
        ClientSecret clientSecret,
        Duration connectTimeout,
        Duration requestTimeout,
        String userAgent) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_USER_AGENT = "calsync-provider-google/0.1";

    public GoogleClientConfig {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(revokeUrl, "revokeUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (!apiBaseUrl.toString().endsWith("/")) {
            apiBaseUrl = URI.create(apiBaseUrl + "/");
        }
    }

    /** Google's production endpoints with default timeouts. */
    public static GoogleClientConfig google(String clientId, ClientSecret clientSecret) {
        return new GoogleClientConfig(
                URI.create("https://www.googleapis.com/calendar/v3/"),
                URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
                URI.create("https://oauth2.googleapis.com/token"),
                URI.create("https://oauth2.googleapis.com/revoke"),
                clientId,
                clientSecret,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_USER_AGENT);
    }

    /** A server that serves Google's paths under one root, such as the emulator ({@code http://127.0.0.1:8085}). */
    public static GoogleClientConfig forBaseUrl(URI baseUrl, String clientId, ClientSecret clientSecret) {
        String root = baseUrl.toString().replaceAll("/+$", "");
        return new GoogleClientConfig(
                URI.create(root + "/calendar/v3/"),
                URI.create(root + "/o/oauth2/v2/auth"),
                URI.create(root + "/token"),
                URI.create(root + "/revoke"),
                clientId,
                clientSecret,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_USER_AGENT);
    }

    public GoogleClientConfig withTimeouts(Duration connect, Duration request) {
        return new GoogleClientConfig(
                apiBaseUrl, authorizationUrl, tokenUrl, revokeUrl, clientId, clientSecret, connect, request, userAgent);
    }
}
