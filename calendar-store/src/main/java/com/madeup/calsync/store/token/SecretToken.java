package com.madeup.calsync.store.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (an OAuth token, a channel token, an encryption key) whose {@code toString} never
 * shows it, so it cannot leak into logs, exceptions or a record's {@code toString}. Read it with
 * {@link #reveal()} only where it leaves the process (an HTTP header, a cipher).
 */
public final class SecretToken {

    private final String value;

    private SecretToken(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}; also how Spring binds a property of this type from its String form. */
    public static SecretToken of(String value) {
        return new SecretToken(value);
    }

    /** The secret itself. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** Constant-time, so comparing a presented secret with a stored one leaks nothing by timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretToken token
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), token.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        // Equal secrets must share a hash code; a constant one reveals nothing.
        return 1;
    }

    @Override
    public String toString() {
        return "SecretToken[***]";
    }
}
