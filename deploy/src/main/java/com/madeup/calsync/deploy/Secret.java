package com.madeup.calsync.deploy;

import java.util.Objects;

/** A secret value: its {@code toString} never shows it, so it cannot leak into a log line by accident. */
record Secret(String value) {

    Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
