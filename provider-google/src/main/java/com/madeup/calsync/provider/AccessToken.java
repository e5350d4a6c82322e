package com.madeup.calsync.provider;

import java.util.Objects;

/** An OAuth access token. {@link #toString()} never shows it; use {@link #value()} only on the wire. */
public record AccessToken(String value) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("access token is blank");
        }
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
