package com.madeup.calsync.provider;

import java.util.Objects;

/** An OAuth refresh token. {@link #toString()} never shows it. */
public record RefreshToken(String value) {
    public RefreshToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("refresh token is blank");
        }
    }

    @Override
    public String toString() {
        return "RefreshToken[redacted]";
    }
}
