package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Sync a connection (every picked calendar, or one) now. Sent by dashboard (connect, calendars
 * picked) and by sync-worker itself (reconcile, calendar list changed); consumed by sync-worker.
 * Topic {@link Topics#SYNC_REQUESTED}, key = connection id. Schema {@code schemas/sync-requested/v1.schema.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncRequested(
        MessageMeta meta, // messageId, type, version, occurredAt (when it was asked for), connectionId
        CalendarId calendarId, // the calendar to sync; null means every picked calendar of the connection
        SyncReason reason, // why: CONNECTED, CALENDARS_PICKED, RECONCILE, OPERATOR, ...
        SyncMode mode) { // INCREMENTAL (from the stored sync token) or FULL

    public static final String TYPE = "sync-requested";
    public static final int VERSION = 1;

    public SyncRequested {
        Require.metaMatches(meta, TYPE, VERSION, "SyncRequested");
        Require.present(reason, "SyncRequested.reason");
        Require.present(mode, "SyncRequested.mode");
    }
}
