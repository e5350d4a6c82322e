package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of an event command.
 * On the wire as the lower-case name ({@code "applied"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum CommandOutcome {
    /** Written to the provider (or already written earlier: commands are idempotent). */
    APPLIED,

    /** Not written and never will be as sent: invalid, forbidden or refused by the provider. */
    REJECTED,

    /** Not written because the event changed since the sender read it (stale etag). */
    CONFLICT,

    /** Not written yet, e.g. until the user reconnects the account; a later result follows. */
    HELD,

    /** Not written after the retries ran out (provider unavailable). */
    FAILED,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "applied"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static CommandOutcome fromWire(String wire) {
        return WireNames.parse(CommandOutcome.class, wire, UNKNOWN);
    }
}
