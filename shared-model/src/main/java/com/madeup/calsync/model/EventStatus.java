package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The provider's status of an event.
 * On the wire as the lower-case name ({@code "confirmed"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum EventStatus {
    /** Confirmed (the default). */
    CONFIRMED,

    /** Tentatively confirmed. */
    TENTATIVE,

    /** Cancelled; for a recurring series' exception this hides one instance. */
    CANCELLED,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "confirmed"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static EventStatus fromWire(String wire) {
        return WireNames.parse(EventStatus.class, wire, UNKNOWN);
    }
}
