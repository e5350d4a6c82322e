package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A MadeUp Co. user (the {@code users} table); on the wire as a bare number. */
public record UserId(long value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public UserId {
        Require.positive(value, "UserId.value");
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
