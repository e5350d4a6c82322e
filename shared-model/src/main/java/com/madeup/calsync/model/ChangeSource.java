package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a stored change came from.
 * On the wire as the lower-case name ({@code "provider"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum ChangeSource {
    /** Read from the provider by a sync. */
    PROVIDER,

    /** Written by calsync's outbound writer for an event command. */
    COMMAND,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "provider"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static ChangeSource fromWire(String wire) {
        return WireNames.parse(ChangeSource.class, wire, UNKNOWN);
    }
}
