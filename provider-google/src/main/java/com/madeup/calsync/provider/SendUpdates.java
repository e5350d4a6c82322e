package com.madeup.calsync.provider;

/**
 * Whom the provider notifies (by mail) about an event that is created, changed or deleted.
 * Google: the {@code sendUpdates} parameter of events.insert, patch, update and delete; without it
 * Google notifies nobody.
 */
public enum SendUpdates {
    /** Every guest. */
    ALL,
    /** Only guests who do not use the provider's calendar (Google: non-Google Calendar guests). */
    EXTERNAL_ONLY,
    /**
     * Nobody. Google warns that this can keep guests' other calendars from ever seeing the change;
     * meant for migrations.
     */
    NONE
}
