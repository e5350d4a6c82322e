package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a command was not applied; {@code null} on the result when it was.
 * On the wire as the lower-case name ({@code "validation_failed"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum ResultReason {
    /** The command broke a rule of {@link EventCommandRules}; the message lists which. */
    VALIDATION_FAILED,

    /** The actor may not do this to this event or calendar. */
    FORBIDDEN,

    /** The actor's user id is not a known user. */
    UNKNOWN_ACTOR,

    /** The calendar is not a calendar of this connection. */
    CALENDAR_NOT_FOUND,

    /** The provider grants only read access to the calendar. */
    CALENDAR_READ_ONLY,

    /** The event does not exist (or no longer exists) on the calendar. */
    EVENT_NOT_FOUND,

    /** The connection's grant was revoked or expired; the user must reconnect. */
    NEEDS_REAUTH,

    /** The provider refused the write as invalid. */
    PROVIDER_REJECTED,

    /** The provider kept failing or rate limiting until retries ran out. */
    PROVIDER_UNAVAILABLE,

    /** The event's etag differs from the command's expected etag. */
    ETAG_MISMATCH,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "validation_failed"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static ResultReason fromWire(String wire) {
        return WireNames.parse(ResultReason.class, wire, UNKNOWN);
    }
}
