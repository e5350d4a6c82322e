package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The provider's id of an event (Google: {@code Event.id}; an instance of a recurring series has its own). Non-blank, at most {@value #MAX_LENGTH} characters; on the wire as a bare string. */
public record EventId(String value) {

    /** Longest id accepted (Google's limit for event ids). */
    public static final int MAX_LENGTH = 1024;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public EventId {
        Require.notBlank(value, "EventId.value", MAX_LENGTH);
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
