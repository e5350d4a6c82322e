package com.madeup.calsync.model;

import java.util.List;
import java.util.Objects;

/** Constructor checks with messages that name the type and field, so a bad message says what is wrong. */
final class Require {

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static String notBlank(String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    static String notBlankIfPresent(String value, String field, int maxLength) {
        return value == null ? null : notBlank(value, field, maxLength);
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    /** An immutable copy; rejects a missing list and missing elements. */
    static <T> List<T> list(List<T> values, String field) {
        present(values, field);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new NullPointerException(field + "[" + i + "] is required");
            }
        }
        return List.copyOf(values);
    }

    static void metaMatches(MessageMeta meta, String type, int version, String record) {
        present(meta, record + ".meta");
        if (!meta.type().equals(type)) {
            throw new IllegalArgumentException(record + ".meta.type must be '" + type + "', was '" + meta.type() + "'");
        }
        if (meta.version() != version) {
            throw new IllegalArgumentException(record + ".meta.version must be " + version + ", was " + meta.version());
        }
    }

    private Require() {}
}
