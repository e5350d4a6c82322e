package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a push notification says happened, from Google's {@code X-Goog-Resource-State} header (whose values equal these wire strings).
 * On the wire as the lower-case name ({@code "sync"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum ResourceState {
    /** The first message on a new channel; nothing changed yet. */
    SYNC,

    /** The watched resource changed (created or updated). */
    EXISTS,

    /** The watched resource was deleted. */
    NOT_EXISTS,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "sync"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static ResourceState fromWire(String wire) {
        return WireNames.parse(ResourceState.class, wire, UNKNOWN);
    }
}
