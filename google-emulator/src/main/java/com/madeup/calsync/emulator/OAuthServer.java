package com.madeup.calsync.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's OAuth 2.0 for web-server apps: /o/oauth2/v2/auth (consent page or auto-consent), /token
 * (authorization_code with PKCE, refresh_token) and /revoke.
 */
final class OAuthServer {

    private static final long CODE_LIFETIME_MILLIS = 10 * 60 * 1000;
    private static final List<String> AUTH_PARAMS = List.of(
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state",
            "access_type",
            "prompt",
            "login_hint",
            "include_granted_scopes",
            "code_challenge",
            "code_challenge_method");

    private final World world;
    private final TokenStore tokens;
    private final Map<String, String> clients;
    private final Clock clock;
    private volatile boolean autoConsent;

    OAuthServer(World world, TokenStore tokens, Map<String, String> clients, boolean autoConsent, Clock clock) {
        this.world = world;
        this.tokens = tokens;
        this.clients = clients;
        this.autoConsent = autoConsent;
        this.clock = clock;
    }

    void setAutoConsent(boolean value) {
        autoConsent = value;
    }

    // ---------------------------------------------------------------- /o/oauth2/v2/auth

    Response authorize(Request request) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, List<String>> source =
                "POST".equals(request.method) && request.isForm() ? request.form() : request.query;
        source.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.getFirst()));
        String clientId = params.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            return errorPage(400, "invalid_request", "Missing required parameter: client_id");
        }
        if (!clients.isEmpty() && !clients.containsKey(clientId)) {
            return errorPage(401, "invalid_client", "The OAuth client was not found.");
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || redirectUri.isBlank()) {
            return errorPage(400, "invalid_request", "Missing required parameter: redirect_uri");
        }
        if (!"code".equals(params.get("response_type"))) {
            return errorPage(400, "unsupported_response_type", "Only response_type=code is supported.");
        }
        String scope = params.get("scope");
        if (scope == null || scope.isBlank()) {
            return errorPage(400, "invalid_request", "Missing required parameter: scope");
        }
        String method = params.get("code_challenge_method");
        if (method != null && !"S256".equals(method) && !"plain".equals(method)) {
            return errorPage(400, "invalid_request", "Invalid code_challenge_method.");
        }
        String action = params.get("action");
        if ("deny".equals(action)) {
            return Response.redirect(withQuery(redirectUri, "error", "access_denied", params.get("state")));
        }
        String email = blankToNull(params.get("email"));
        if (email == null && "allow".equals(action)) {
            email = params.get("account");
        }
        if (email == null && autoConsent) {
            email = params.get("login_hint");
            if (email == null || email.isBlank()) {
                List<Account> accounts = world.read(world::accounts);
                email = accounts.isEmpty() ? null : accounts.getFirst().email;
            }
        }
        if (email == null || email.isBlank() || !("allow".equals(action) || autoConsent)) {
            if ("none".equals(params.get("prompt"))) {
                return Response.redirect(withQuery(redirectUri, "error", "interaction_required", params.get("state")));
            }
            return consentPage(params);
        }
        Account account = world.ensureAccount(email, null, null);
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.trim().split("\\s+")));
        boolean offline = "offline".equals(params.get("access_type"));
        String prompt = params.getOrDefault("prompt", "");
        // only an offline grant counts: Google sends the refresh token the first time offline access is granted
        boolean first = offline && tokens.firstConsent(account.email, clientId);
        boolean issueRefresh = offline && (first || List.of(prompt.split(" ")).contains("consent"));
        String code = tokens.issueCode(new TokenStore.AuthCode(
                new TokenStore.Grant(account.email, Set.copyOf(scopes), clientId),
                redirectUri,
                params.get("code_challenge"),
                params.get("code_challenge") == null ? null : method == null ? "plain" : method,
                issueRefresh,
                clock.millis() + CODE_LIFETIME_MILLIS));
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        if (params.get("state") != null) {
            location.append("state=").append(encode(params.get("state"))).append('&');
        }
        location.append("code=").append(encode(code));
        location.append("&scope=").append(encode(String.join(" ", scopes)));
        location.append("&authuser=0&prompt=").append(issueRefresh ? "consent" : "none");
        return Response.redirect(location.toString());
    }

    private static String withQuery(String redirectUri, String key, String value, String state) {
        StringBuilder out = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        out.append(key).append('=').append(encode(value));
        if (state != null) {
            out.append("&state=").append(encode(state));
        }
        return out.toString();
    }

    private Response consentPage(Map<String, String> params) {
        StringBuilder html = new StringBuilder();
        html.append(
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign in - Google Accounts (emulator)"
                        + "</title><style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}"
                        + "label{display:block;margin:.4rem 0}button{margin-right:1rem;padding:.4rem 1rem}</style></head><body>");
        html.append("<h1>Choose an account</h1><p>to continue to <b>")
                .append(escape(params.get("client_id")))
                .append("</b></p><form method=\"post\" action=\"/o/oauth2/v2/auth\">");
        for (String name : AUTH_PARAMS) {
            if (params.get(name) != null) {
                html.append("<input type=\"hidden\" name=\"")
                        .append(name)
                        .append("\" value=\"")
                        .append(escape(params.get(name)))
                        .append("\">");
            }
        }
        List<Account> accounts = world.read(world::accounts);
        String hint = params.get("login_hint");
        boolean checked = false;
        for (Account account : accounts) {
            boolean check = !checked && (hint == null || hint.equalsIgnoreCase(account.email));
            checked |= check;
            html.append("<label><input type=\"radio\" name=\"account\" value=\"")
                    .append(escape(account.email))
                    .append('"')
                    .append(check ? " checked" : "")
                    .append("> ")
                    .append(escape(account.displayName))
                    .append(" &lt;")
                    .append(escape(account.email))
                    .append("&gt;</label>");
        }
        html.append("<label>Or another account: <input type=\"email\" name=\"email\" id=\"email\" value=\"")
                .append(hint != null && world.read(() -> world.account(hint)) == null ? escape(hint) : "")
                .append("\" placeholder=\"someone@example.com\"></label>");
        html.append("<p>The app asks for: <code>")
                .append(escape(params.get("scope")))
                .append("</code></p>");
        html.append("<button type=\"submit\" name=\"action\" value=\"allow\" id=\"allow\">Allow</button>");
        html.append("<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Cancel</button>");
        html.append("</form></body></html>");
        return Response.html(200, html.toString());
    }

    private static Response errorPage(int status, String error, String description) {
        return Response.html(
                status,
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Error " + status + ": " + error
                        + "</title></head><body><h1>Access blocked: authorization error</h1><p>Error " + status
                        + ": " + error + "</p><p>" + escape(description) + "</p></body></html>");
    }

    /** Consent-page form posts come back with a blank "email" when a listed account was chosen. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    // ---------------------------------------------------------------- /token

    Response token(Request request) {
        Map<String, List<String>> form = request.form();
        Map<String, String> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.getFirst()));
        String clientId = params.get("client_id");
        String clientSecret = params.get("client_secret");
        String basic = request.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded =
                        new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    clientId = Request.decode(decoded.substring(0, colon));
                    clientSecret = Request.decode(decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                return tokenError(401, "invalid_client", "Unauthorized");
            }
        }
        String grantType = params.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return tokenError(400, "invalid_request", "Missing required parameter: grant_type");
        }
        if (!"authorization_code".equals(grantType) && !"refresh_token".equals(grantType)) {
            return tokenError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        }
        if (clientId == null || clientId.isBlank()) {
            return tokenError(400, "invalid_request", "Could not determine client ID from request.");
        }
        if (!clientAuthenticated(clientId, clientSecret)) {
            return tokenError(401, "invalid_client", "Unauthorized");
        }
        return "authorization_code".equals(grantType) ? exchangeCode(params, clientId) : refresh(params, clientId);
    }

    private boolean clientAuthenticated(String clientId, String clientSecret) {
        if (clients.isEmpty()) {
            return true;
        }
        String expected = clients.get(clientId);
        return expected != null
                && clientSecret != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    private Response exchangeCode(Map<String, String> params, String clientId) {
        String codeValue = params.get("code");
        if (codeValue == null || codeValue.isBlank()) {
            return tokenError(400, "invalid_request", "Missing required parameter: code");
        }
        TokenStore.AuthCode code = tokens.takeCode(codeValue);
        if (code == null) {
            return tokenError(400, "invalid_grant", "Malformed auth code.");
        }
        if (!clientId.equals(code.grant().clientId())) {
            return tokenError(400, "invalid_grant", "Unauthorized");
        }
        if (!code.redirectUri().equals(params.get("redirect_uri"))) {
            return tokenError(400, "redirect_uri_mismatch", "Bad Request");
        }
        if (code.codeChallenge() != null) {
            String verifier = params.get("code_verifier");
            if (verifier == null || verifier.isBlank()) {
                return tokenError(400, "invalid_grant", "Missing code verifier.");
            }
            String computed = "S256".equals(code.codeChallengeMethod()) ? s256(verifier) : verifier;
            if (!MessageDigest.isEqual(
                    computed.getBytes(StandardCharsets.UTF_8),
                    code.codeChallenge().getBytes(StandardCharsets.UTF_8))) {
                return tokenError(400, "invalid_grant", "Invalid code verifier.");
            }
        }
        TokenStore.RefreshToken refresh = code.issueRefreshToken() ? tokens.issueRefresh(code.grant()) : null;
        TokenStore.AccessToken access = tokens.issueAccess(code.grant(), refresh == null ? null : refresh.value);
        ObjectNode body = tokenBody(access);
        if (refresh != null) {
            body.put("refresh_token", refresh.value);
        }
        return Response.json(200, body).withHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    }

    private Response refresh(Map<String, String> params, String clientId) {
        String value = params.get("refresh_token");
        if (value == null || value.isBlank()) {
            return tokenError(400, "invalid_request", "Missing required parameter: refresh_token");
        }
        TokenStore.RefreshToken refresh = tokens.liveRefresh(value);
        if (refresh == null) {
            return tokenError(400, "invalid_grant", "Token has been expired or revoked.");
        }
        if (refresh.grant.clientId() != null && !refresh.grant.clientId().equals(clientId)) {
            return tokenError(401, "unauthorized_client", "Unauthorized");
        }
        TokenStore.AccessToken access = tokens.issueAccess(refresh.grant, refresh.value);
        return Response.json(200, tokenBody(access))
                .withHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    }

    private ObjectNode tokenBody(TokenStore.AccessToken access) {
        ObjectNode body = Json.object();
        body.put("access_token", access.value);
        body.put("expires_in", Math.max(0, (access.expiresAtMillis - clock.millis()) / 1000));
        body.put("scope", String.join(" ", access.grant.scopes()));
        body.put("token_type", "Bearer");
        return body;
    }

    static Response tokenError(int status, String error, String description) {
        ObjectNode body = Json.object().put("error", error).put("error_description", description);
        return Response.json(status, body);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // ---------------------------------------------------------------- /revoke

    Response revoke(Request request) {
        String token = request.isForm() ? first(request.form().get("token")) : null;
        if (token == null) {
            token = request.param("token");
        }
        if (token == null || token.isBlank()) {
            return tokenError(400, "invalid_request", "Missing required parameter: token");
        }
        if (!tokens.revoke(token)) {
            return tokenError(400, "invalid_token", "Token expired or revoked");
        }
        return Response.json(200, Json.object());
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
