package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened to a stored event.
 * On the wire as the lower-case name ({@code "upserted"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum ChangeKind {
    /** Created or updated; the message carries the new state. */
    UPSERTED,

    /** Removed (deleted or cancelled at the provider); the message carries no state. */
    DELETED,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "upserted"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static ChangeKind fromWire(String wire) {
        return WireNames.parse(ChangeKind.class, wire, UNKNOWN);
    }
}
