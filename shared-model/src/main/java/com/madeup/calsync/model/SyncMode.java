package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much to read from the provider.
 * On the wire as the lower-case name ({@code "incremental"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum SyncMode {
    /** From the stored sync token; falls back to FULL when there is none or it expired. */
    INCREMENTAL,

    /** Everything, dropping the stored sync token first. */
    FULL,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "incremental"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static SyncMode fromWire(String wire) {
        return WireNames.parse(SyncMode.class, wire, UNKNOWN);
    }
}
