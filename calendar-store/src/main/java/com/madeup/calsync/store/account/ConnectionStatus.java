package com.madeup.calsync.store.account;

import java.util.Locale;

/** State of a provider connection; stored lowercase ({@code needs_reauth}). */
public enum ConnectionStatus {
    ACTIVE,
    /** The provider refused our refresh token ({@code invalid_grant}): work pauses until the user reconnects. */
    NEEDS_REAUTH,
    DISCONNECTED;

    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectionStatus fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
