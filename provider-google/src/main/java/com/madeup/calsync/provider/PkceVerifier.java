package com.madeup.calsync.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE code verifier (RFC 7636): 43 to 128 unreserved characters, kept with the user's session
 * between the redirect to the provider and the code exchange. {@link #toString()} never shows it.
 */
public record PkceVerifier(String value) {

    public PkceVerifier {
        Objects.requireNonNull(value, "value");
        if (value.length() < 43 || value.length() > 128 || !value.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("not a PKCE verifier (43-128 unreserved characters)");
        }
    }

    /** 32 random bytes, base64url without padding: 43 characters. */
    public static PkceVerifier random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new PkceVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The S256 challenge: base64url(SHA-256(verifier)) without padding. */
    public String s256Challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "PkceVerifier[redacted]";
    }
}
