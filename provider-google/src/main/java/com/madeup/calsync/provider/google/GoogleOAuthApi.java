package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.AuthorizationRequest;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.PkceVerifier;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.http.ApiRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.HttpTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Google OAuth 2.0 for web-server apps: consent URL with PKCE, code exchange, refresh, revoke. */
public final class GoogleOAuthApi implements OAuthApi {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final GoogleClientConfig config;
    private final HttpTransport transport;
    private final Clock clock;
    private final SecureRandom random;

    public GoogleOAuthApi(GoogleClientConfig config, HttpTransport transport, Clock clock, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public AuthorizationRequest authorizationRequest(URI redirectUri, Set<String> scopes, String loginHint) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("at least one scope");
        }
        PkceVerifier verifier = PkceVerifier.random(random);
        byte[] stateBytes = new byte[24];
        random.nextBytes(stateBytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(stateBytes);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", config.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("response_type", "code");
        query.put("scope", scopes.stream().sorted().collect(Collectors.joining(" ")));
        query.put("access_type", "offline");
        query.put("prompt", "consent");
        query.put("include_granted_scopes", "true");
        query.put("state", state);
        query.put("code_challenge", verifier.s256Challenge());
        query.put("code_challenge_method", "S256");
        query.put("login_hint", loginHint);
        return new AuthorizationRequest(
                URI.create(config.authorizationUrl() + "?" + Urls.form(query)), state, verifier);
    }

    @Override
    public ApiResponse<TokenGrant> exchangeCode(String code, URI redirectUri, PkceVerifier codeVerifier) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Map<String, String> form = clientForm();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier.value());
        return transport.send(
                formPost("oauth2.token.exchange", config.tokenUrl(), form),
                GoogleCalls.reading(TokenResponse::read, body -> toGrant(body, null)));
    }

    @Override
    public ApiResponse<TokenGrant> refresh(RefreshToken refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Map<String, String> form = clientForm();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.value());
        return transport.send(
                formPost("oauth2.token.refresh", config.tokenUrl(), form),
                GoogleCalls.reading(TokenResponse::read, body -> toGrant(body, refreshToken)));
    }

    @Override
    public ApiResponse<Void> revoke(RefreshToken refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        return transport.send(formPost("oauth2.revoke", config.revokeUrl(), Map.of("token", refreshToken.value())));
    }

    private Map<String, String> clientForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", config.clientId());
        form.put("client_secret", config.clientSecret().value());
        return form;
    }

    private static ApiRequest formPost(String operation, URI uri, Map<String, String> form) {
        byte[] body = Urls.form(form).getBytes(StandardCharsets.UTF_8);
        return ApiRequest.withBody(operation, "POST", uri, body, FORM);
    }

    private TokenGrant toGrant(TokenResponse response, RefreshToken used) {
        if (response.accessToken() == null || response.accessToken().isBlank()) {
            throw new IllegalArgumentException("token response without access_token");
        }
        if (response.expiresIn() == null) {
            throw new IllegalArgumentException("token response without expires_in");
        }
        RefreshToken refreshToken =
                response.refreshToken() == null || response.refreshToken().isBlank()
                        ? used
                        : new RefreshToken(response.refreshToken());
        Set<String> scopes = response.scope() == null
                ? Set.of()
                : Arrays.stream(response.scope().split(" "))
                        .filter(scope -> !scope.isBlank())
                        .collect(Collectors.toUnmodifiableSet());
        return new TokenGrant(
                new AccessToken(response.accessToken()),
                refreshToken,
                clock.instant().plusSeconds(response.expiresIn()),
                scopes);
    }
}
