package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Anyone who can be invited (the {@code persons} table); on the wire as a bare number. */
public record PersonId(long value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PersonId {
        Require.positive(value, "PersonId.value");
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
