package com.madeup.calsync.store.ledger;

import java.util.Locale;

/** The state of a handled event command; stored lowercase. */
public enum CommandOutcome {
    /** Claimed by a writer, not finished (a crash leaves it so; the writer may resume it). */
    PENDING,
    APPLIED,
    REJECTED,
    FAILED;

    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CommandOutcome fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
