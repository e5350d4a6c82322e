package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An attendee's answer to an invitation. Google spells these in camel case ({@code needsAction}); the provider client maps them.
 * On the wire as the lower-case name ({@code "needs_action"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum ResponseStatus {
    /** Not answered yet. */
    NEEDS_ACTION,

    /** Declined. */
    DECLINED,

    /** Tentatively accepted. */
    TENTATIVE,

    /** Accepted. */
    ACCEPTED,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "needs_action"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static ResponseStatus fromWire(String wire) {
        return WireNames.parse(ResponseStatus.class, wire, UNKNOWN);
    }
}
