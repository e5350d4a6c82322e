package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a sync was requested; decides nothing by itself but is logged and counted.
 * On the wire as the lower-case name ({@code "connected"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum SyncReason {
    /** The user just connected the provider account (first sync). */
    CONNECTED,

    /** The user picked (or unpicked) calendars to sync. */
    CALENDARS_PICKED,

    /** The backstop pass for calendars that have been quiet too long. */
    RECONCILE,

    /** An operator asked for it by hand. */
    OPERATOR,

    /** The account was disconnected: stop channels and clean up. */
    DISCONNECTED,

    /** The account's calendar list changed at the provider. */
    CALENDAR_LIST_CHANGED,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "connected"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static SyncReason fromWire(String wire) {
        return WireNames.parse(SyncReason.class, wire, UNKNOWN);
    }
}
