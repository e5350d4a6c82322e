package com.madeup.calsync.store.ledger;

import java.util.Locale;

/** A write sent to the provider; stored lowercase. */
public enum WriteOperation {
    INSERT,
    PATCH,
    DELETE;

    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WriteOperation fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
