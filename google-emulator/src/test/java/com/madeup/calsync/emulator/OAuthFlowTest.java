package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.emulator.EmulatorHttp.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OAuthFlowTest {

    private static final String REDIRECT = "http://127.0.0.1:9999/oauth/callback";
    private static final String SCOPES =
            "https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.calendarlist.readonly";
    private static GoogleEmulator google;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorConfig.defaults().withClients(Map.of("web-client", "s3cret")));
        http = new EmulatorHttp(google.baseUrl());
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    private static String authorizeUrl(String email, String challenge, String method, String extra) {
        return "/o/oauth2/v2/auth?client_id=web-client&response_type=code&redirect_uri=" + EmulatorHttp.enc(REDIRECT)
                + "&scope=" + EmulatorHttp.enc(SCOPES) + "&state=" + EmulatorHttp.enc("xyz/+= 1")
                + "&access_type=offline&login_hint=" + EmulatorHttp.enc(email)
                + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=" + method)
                + extra;
    }

    private static Map<String, String> redirectParams(Answer answer) {
        assertThat(answer.status()).isEqualTo(302);
        URI location = URI.create(answer.header("Location"));
        assertThat(location.toString()).startsWith(REDIRECT + "?");
        return EmulatorHttp.query(location);
    }

    private static Map<String, String> exchange(String code, String verifier, String redirect) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", "web-client");
        form.put("client_secret", "s3cret");
        form.put("redirect_uri", redirect);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return form;
    }

    @Test
    void codeWithPkceS256GivesTokensAndStateComesBackUnchanged() {
        String verifier = "a-verifier-that-is-long-enough-to-be-realistic-1234567890";
        Answer auth = http.get(authorizeUrl("pkce@madeup.example", OAuthServer.s256(verifier), "S256", ""), null);
        Map<String, String> params = redirectParams(auth);
        assertThat(params.get("state")).isEqualTo("xyz/+= 1");

        Answer token = http.form("/token", exchange(params.get("code"), verifier, REDIRECT));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.json().path("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(token.json().path("scope").asString()).contains("calendar.events");
        String refresh = token.json().path("refresh_token").asString();
        assertThat(refresh).isNotEmpty();

        String access = token.json().path("access_token").asString();
        assertThat(http.get("/calendar/v3/users/me/calendarList", access).status())
                .isEqualTo(200);

        // the code is single use
        Answer again = http.form("/token", exchange(params.get("code"), verifier, REDIRECT));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asString()).isEqualTo("invalid_grant");

        // refresh: a new access token, no new refresh token
        Answer refreshed = http.form(
                "/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refresh,
                        "client_id",
                        "web-client",
                        "client_secret",
                        "s3cret"));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        assertThat(refreshed.json().path("access_token").asString()).isNotEqualTo(access);

        // revoking the access token revokes its refresh token too
        assertThat(http.form("/revoke", Map.of("token", access)).status()).isEqualTo(200);
        assertThat(http.get("/calendar/v3/users/me/calendarList", access).status())
                .isEqualTo(401);
        Answer dead = http.form(
                "/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refresh,
                        "client_id",
                        "web-client",
                        "client_secret",
                        "s3cret"));
        assertThat(dead.status()).isEqualTo(400);
        assertThat(dead.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(dead.json().path("error_description").asString()).isEqualTo("Token has been expired or revoked.");
        assertThat(http.form("/revoke", Map.of("token", "never-issued"))
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("invalid_token");
    }

    @Test
    void pkceVerifierRedirectUriAndClientAreChecked() {
        String verifier = "another-verifier-0123456789-0123456789-0123456789";
        Map<String, String> params = redirectParams(
                http.get(authorizeUrl("checks@madeup.example", OAuthServer.s256(verifier), "S256", ""), null));
        Answer wrongVerifier = http.form("/token", exchange(params.get("code"), verifier + "x", REDIRECT));
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.json().path("error").asString()).isEqualTo("invalid_grant");

        params = redirectParams(http.get(authorizeUrl("checks@madeup.example", "plain-challenge", "plain", ""), null));
        Answer wrongRedirect = http.form("/token", exchange(params.get("code"), "plain-challenge", REDIRECT + "/"));
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(wrongRedirect.json().path("error").asString()).isEqualTo("redirect_uri_mismatch");

        params = redirectParams(http.get(authorizeUrl("checks@madeup.example", null, null, ""), null));
        Map<String, String> badSecret = exchange(params.get("code"), null, REDIRECT);
        badSecret.put("client_secret", "wrong");
        Answer invalidClient = http.form("/token", badSecret);
        assertThat(invalidClient.status()).isEqualTo(401);
        assertThat(invalidClient.json().path("error").asString()).isEqualTo("invalid_client");

        assertThat(http.form("/token", Map.of("grant_type", "password", "client_id", "web-client"))
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("unsupported_grant_type");
        assertThat(http.form("/token", Map.of("client_id", "web-client"))
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("invalid_request");
        assertThat(http.get(
                                authorizeUrl("checks@madeup.example", null, null, "")
                                        .replace("web-client", "nobody"),
                                null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void refreshTokenOnlyOnFirstConsentUnlessPromptConsent() {
        Map<String, String> first =
                redirectParams(http.get(authorizeUrl("again@madeup.example", null, null, ""), null));
        assertThat(http.form("/token", exchange(first.get("code"), null, REDIRECT))
                        .json()
                        .has("refresh_token"))
                .isTrue();
        Map<String, String> second =
                redirectParams(http.get(authorizeUrl("again@madeup.example", null, null, ""), null));
        assertThat(http.form("/token", exchange(second.get("code"), null, REDIRECT))
                        .json()
                        .has("refresh_token"))
                .isFalse();
        Map<String, String> third =
                redirectParams(http.get(authorizeUrl("again@madeup.example", null, null, "&prompt=consent"), null));
        assertThat(http.form("/token", exchange(third.get("code"), null, REDIRECT))
                        .json()
                        .has("refresh_token"))
                .isTrue();
    }

    @Test
    void consentPageWhenAutoConsentIsOffAndDenyRedirectsWithAccessDenied() {
        try (GoogleEmulator manual =
                GoogleEmulator.start(EmulatorConfig.defaults().withAutoConsent(false))) {
            EmulatorHttp client = new EmulatorHttp(manual.baseUrl());
            client.account("listed@madeup.example");
            Answer page = client.get(authorizeUrl("listed@madeup.example", null, null, ""), null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("listed@madeup.example").contains("name=\"action\"");

            Map<String, String> allow = new LinkedHashMap<>();
            allow.put("client_id", "web-client");
            allow.put("response_type", "code");
            allow.put("redirect_uri", REDIRECT);
            allow.put("scope", SCOPES);
            allow.put("state", "s1");
            allow.put("account", "listed@madeup.example");
            allow.put("email", "");
            allow.put("action", "allow");
            Map<String, String> params = redirectParams(client.form("/o/oauth2/v2/auth", allow));
            assertThat(params).containsEntry("state", "s1").containsKey("code");

            allow.put("action", "deny");
            assertThat(redirectParams(client.form("/o/oauth2/v2/auth", allow))).containsEntry("error", "access_denied");
        }
    }

    @Test
    void expiredAccessTokenAnswers401AndMissingScopeAnswers403() {
        String verifier = "verifier-for-scope-check-0123456789-0123456789";
        Map<String, String> params = redirectParams(http.get(
                authorizeUrl("scoped@madeup.example", OAuthServer.s256(verifier), "S256", "")
                        .replace(
                                EmulatorHttp.enc(SCOPES),
                                EmulatorHttp.enc("https://www.googleapis.com/auth/calendar.events")),
                null));
        String access = http.form("/token", exchange(params.get("code"), verifier, REDIRECT))
                .json()
                .path("access_token")
                .asString();
        Answer list = http.get("/calendar/v3/users/me/calendarList", access);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.reason()).isEqualTo("insufficientPermissions");
        assertThat(http.get("/calendar/v3/calendars/primary/events", access).status())
                .isEqualTo(200);

        http.admin("POST", "/emulator/access-tokens/expire", "{\"email\":\"scoped@madeup.example\"}");
        Answer expired = http.get("/calendar/v3/calendars/primary/events", access);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.reason()).isEqualTo("authError");
        assertThat(http.get("/calendar/v3/calendars/primary/events", null).status())
                .isEqualTo(401);
    }

    @Test
    void shortTokenLifetimeIsConfigurable() {
        try (GoogleEmulator shortLived =
                GoogleEmulator.start(EmulatorConfig.defaults().withAccessTokenTtl(Duration.ofSeconds(5)))) {
            Answer account = new EmulatorHttp(shortLived.baseUrl())
                    .admin("POST", "/emulator/accounts", "{\"email\":\"short@madeup.example\"}");
            assertThat(account.json().path("expiresIn").asLong()).isEqualTo(5);
        }
    }
}
