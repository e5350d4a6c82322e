package com.madeup.calsync.provider;

import java.util.Objects;

/** The OAuth client secret. {@link #toString()} never shows it. */
public record ClientSecret(String value) {
    public ClientSecret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}
