package com.madeup.calsync.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** OAuth grants, codes, access and refresh tokens. Token values never appear in toString. */
final class TokenStore {

    /** What a token allows: whose data, which scopes, for which client (null = any client). */
    record Grant(String email, Set<String> scopes, String clientId) {}

    static final class AccessToken {
        final String value;
        final Grant grant;
        final String refreshToken;
        volatile long expiresAtMillis;
        volatile boolean revoked;

        AccessToken(String value, Grant grant, String refreshToken, long expiresAtMillis) {
            this.value = value;
            this.grant = grant;
            this.refreshToken = refreshToken;
            this.expiresAtMillis = expiresAtMillis;
        }

        @Override
        public String toString() {
            return "AccessToken[email=" + grant.email() + ", value=<redacted>]";
        }
    }

    static final class RefreshToken {
        final String value;
        final Grant grant;
        volatile boolean revoked;

        RefreshToken(String value, Grant grant) {
            this.value = value;
            this.grant = grant;
        }

        @Override
        public String toString() {
            return "RefreshToken[email=" + grant.email() + ", value=<redacted>]";
        }
    }

    /** An authorization code waiting for its exchange at /token. */
    record AuthCode(
            Grant grant,
            String redirectUri,
            String codeChallenge,
            String codeChallengeMethod,
            boolean issueRefreshToken,
            long expiresAtMillis) {
        @Override
        public String toString() {
            return "AuthCode[email=" + grant.email() + "]";
        }
    }

    private final Clock clock;
    private final Duration accessTokenTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    /** email + client pairs that consented once: Google sends a refresh token only the first time. */
    private final Set<String> consented = ConcurrentHashMap.newKeySet();

    TokenStore(Clock clock, Duration accessTokenTtl) {
        this.clock = clock;
        this.accessTokenTtl = accessTokenTtl;
    }

    Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    private String randomToken(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    AccessToken issueAccess(Grant grant, String refreshToken) {
        AccessToken token = new AccessToken(
                randomToken("ya29.", 96), grant, refreshToken, clock.millis() + accessTokenTtl.toMillis());
        accessTokens.put(token.value, token);
        return token;
    }

    RefreshToken issueRefresh(Grant grant) {
        RefreshToken token = new RefreshToken(randomToken("1//", 48), grant);
        refreshTokens.put(token.value, token);
        return token;
    }

    String issueCode(AuthCode code) {
        String value = randomToken("4/", 48);
        codes.put(value, code);
        return value;
    }

    /** Single use: the code is gone after this call whatever the outcome. */
    AuthCode takeCode(String value) {
        AuthCode code = value == null ? null : codes.remove(value);
        return code == null || code.expiresAtMillis() < clock.millis() ? null : code;
    }

    /** True the first time this account consents to this client (and records it). */
    boolean firstConsent(String email, String clientId) {
        return consented.add(email + "\n" + clientId);
    }

    /** The live grant behind a bearer token, or null (unknown, revoked or expired). */
    Grant authenticate(String accessToken) {
        AccessToken token = accessToken == null ? null : accessTokens.get(accessToken);
        if (token == null || token.revoked || token.expiresAtMillis <= clock.millis()) {
            return null;
        }
        RefreshToken parent = token.refreshToken == null ? null : refreshTokens.get(token.refreshToken);
        if (parent != null && parent.revoked) {
            return null;
        }
        return token.grant;
    }

    RefreshToken liveRefresh(String value) {
        RefreshToken token = value == null ? null : refreshTokens.get(value);
        return token == null || token.revoked ? null : token;
    }

    /** /revoke: an access token takes its refresh token with it. False when the token is unknown. */
    boolean revoke(String value) {
        RefreshToken refresh = refreshTokens.get(value);
        if (refresh != null) {
            revokeRefresh(refresh);
            return true;
        }
        AccessToken access = accessTokens.get(value);
        if (access == null) {
            return false;
        }
        access.revoked = true;
        if (access.refreshToken != null && refreshTokens.get(access.refreshToken) instanceof RefreshToken parent) {
            revokeRefresh(parent);
        }
        return true;
    }

    private void revokeRefresh(RefreshToken refresh) {
        refresh.revoked = true;
        // after a revocation the next consent grants offline access (and a refresh token) again
        consented.remove(refresh.grant.email() + "\n" + refresh.grant.clientId());
        accessTokens.values().stream()
                .filter(t -> refresh.value.equals(t.refreshToken))
                .forEach(t -> t.revoked = true);
    }

    /** Revokes every token of an account; returns how many refresh tokens were live. */
    int revokeAll(String email) {
        int count = 0;
        for (RefreshToken token : refreshTokens.values()) {
            if (token.grant.email().equals(email) && !token.revoked) {
                token.revoked = true;
                count++;
            }
        }
        accessTokens.values().stream()
                .filter(t -> t.grant.email().equals(email))
                .forEach(t -> t.revoked = true);
        consented.removeIf(key -> key.startsWith(email + "\n"));
        return count;
    }

    int expireAccess(String email) {
        int count = 0;
        long past = clock.millis() - 1;
        for (AccessToken token : accessTokens.values()) {
            if (token.grant.email().equals(email) && token.expiresAtMillis > past) {
                token.expiresAtMillis = past;
                count++;
            }
        }
        return count;
    }

    void clear() {
        accessTokens.clear();
        refreshTokens.clear();
        codes.clear();
        consented.clear();
    }
}
