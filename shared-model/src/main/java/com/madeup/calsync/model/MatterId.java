package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A MadeUp Co. matter an event can be linked to (the {@code matters} table); on the wire as a bare number. */
public record MatterId(long value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MatterId {
        Require.positive(value, "MatterId.value");
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
