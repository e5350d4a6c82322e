package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which provider resource a notification channel watches.
 * On the wire as the lower-case name ({@code "events"}); unknown strings read as {@link #UNKNOWN}.
 */
public enum WatchedResource {
    /** The events of one calendar ({@code events.watch}). */
    EVENTS,

    /** The account's calendar list ({@code calendarList.watch}). */
    CALENDAR_LIST,

    /** A value this reader does not know (sent by a newer producer). Readers only; never sent. */
    UNKNOWN;

    /** The stable wire string, e.g. {@code "events"}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The constant for a wire string; {@link #UNKNOWN} for a string this version does not know. */
    @JsonCreator
    public static WatchedResource fromWire(String wire) {
        return WireNames.parse(WatchedResource.class, wire, UNKNOWN);
    }
}
