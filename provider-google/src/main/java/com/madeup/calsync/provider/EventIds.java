package com.madeup.calsync.provider;

import java.util.UUID;

/** Client-chosen event ids: Google accepts 5-1024 characters of base32hex ({@code a-v0-9}). */
public final class EventIds {

    private EventIds() {}

    /** A random UUID's 32 hex digits: lower-case hex is a subset of base32hex. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The same id for the same command, so a redelivered command cannot create a second event. */
    public static String fromCommand(UUID commandId) {
        return commandId.toString().replace("-", "");
    }
}
