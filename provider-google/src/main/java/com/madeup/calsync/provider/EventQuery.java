package com.madeup.calsync.provider;

import java.time.Instant;

/**
 * What an events list asks for. An incremental query repeats the full sync's query with a sync
 * token; the time filter is not allowed with it.
 *
 * @param syncToken from the last sync; null for a full sync
 * @param maxResults page size (Google: default 250, at most 2500); null for the provider default
 * @param showDeleted include cancelled events in a full sync (incremental ones always include them)
 * @param singleEvents expand recurring events into instances; keep the same value for full and incremental
 * @param timeMin full sync only: skip events that ended before it; null for no bound
 */
public record EventQuery(
        String syncToken, Integer maxResults, boolean showDeleted, boolean singleEvents, Instant timeMin) {

    public EventQuery {
        if (syncToken != null && timeMin != null) {
            throw new IllegalArgumentException("timeMin cannot be combined with a sync token");
        }
        if (maxResults != null && (maxResults < 1 || maxResults > 2500)) {
            throw new IllegalArgumentException("maxResults must be 1..2500: " + maxResults);
        }
    }

    /** Every event, series not expanded, provider page size. */
    public static EventQuery full() {
        return new EventQuery(null, null, false, false, null);
    }

    /** What changed since {@code syncToken}, deletions included. */
    public static EventQuery incremental(String syncToken) {
        if (syncToken == null || syncToken.isBlank()) {
            throw new IllegalArgumentException("an incremental query needs a sync token");
        }
        return new EventQuery(syncToken, null, false, false, null);
    }

    public EventQuery withMaxResults(int value) {
        return new EventQuery(syncToken, value, showDeleted, singleEvents, timeMin);
    }

    public EventQuery withSingleEvents(boolean value) {
        return new EventQuery(syncToken, maxResults, showDeleted, value, timeMin);
    }

    public EventQuery withShowDeleted(boolean value) {
        return new EventQuery(syncToken, maxResults, value, singleEvents, timeMin);
    }

    public EventQuery withTimeMin(Instant value) {
        return new EventQuery(syncToken, maxResults, showDeleted, singleEvents, value);
    }

    /** The same query continued from a new sync token. */
    public EventQuery withSyncToken(String value) {
        return new EventQuery(value, maxResults, showDeleted, singleEvents, value == null ? timeMin : null);
    }

    public boolean incremental() {
        return syncToken != null;
    }
}
