package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The provider's id of a calendar, e.g. {@code primary} or {@code c_123@group.calendar.google.com}. Non-blank, at most {@value #MAX_LENGTH} characters; on the wire as a bare string. */
public record CalendarId(String value) {

    /** Longest id accepted (Google's limit for event ids). */
    public static final int MAX_LENGTH = 1024;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CalendarId {
        Require.notBlank(value, "CalendarId.value", MAX_LENGTH);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
