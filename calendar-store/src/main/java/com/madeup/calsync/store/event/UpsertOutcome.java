package com.madeup.calsync.store.event;

/** What an upsert did to one event row. */
public enum UpsertOutcome {
    /** The event was new. */
    INSERTED,
    /** The stored event had another etag and was not newer: it was overwritten. */
    UPDATED,
    /** Same etag, or the stored event is newer (by provider {@code updated}): nothing written. */
    UNCHANGED;

    /** Whether the row changed, i.e. whether a {@code calendar-event-changed} should be published. */
    public boolean changed() {
        return this != UNCHANGED;
    }
}
