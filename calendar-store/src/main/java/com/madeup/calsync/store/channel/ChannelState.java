package com.madeup.calsync.store.channel;

import java.util.Locale;

/** Lifecycle of a push channel; stored lowercase. */
public enum ChannelState {
    /** Recorded before the watch call, so a notification that beats the response is still accepted. */
    PENDING,
    /** The provider confirmed the watch. */
    ACTIVE,
    /** A stop was requested (renewal overlap or unpick); notifications are still accepted. */
    STOPPING,
    /** Stopped at the provider; notifications for it are rejected. */
    STOPPED;

    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ChannelState fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
