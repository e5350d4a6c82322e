package com.madeup.calsync.provider;

import com.madeup.calsync.provider.http.ApiResponse;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the workers need from a calendar provider, in provider-neutral types. Every call returns an
 * {@link ApiResponse}; provider errors are values with an
 * {@link com.madeup.calsync.provider.http.ErrorKind}, never exceptions. Implementations are
 * thread-safe.
 */
public interface CalendarApi {

    /** One page of the user's calendar list; pass a sync token for changes only (deleted ones included). */
    ApiResponse<Page<ProviderCalendar>> listCalendars(AccessToken token, String syncToken, String pageToken);

    ApiResponse<ProviderCalendar> getCalendar(AccessToken token, String calendarId);

    /** Push notifications when the calendar list changes (one channel per account). */
    ApiResponse<ProviderChannel> watchCalendars(AccessToken token, WatchRequest request);

    /** One page of events; repeat the same query with {@code pageToken} until the page is last. */
    ApiResponse<Page<ProviderEvent>> listEvents(
            AccessToken token, String calendarId, EventQuery query, String pageToken);

    /**
     * Pages through a whole full or incremental sync, handing each page to {@code pageHandler} as it
     * arrives (memory stays at one page), and returns the final sync token. On a failure it stops and
     * returns the failure; pages already handed over stay handed over, so handlers must be
     * idempotent. {@code SYNC_TOKEN_INVALID} means: drop the token and run a full sync.
     */
    ApiResponse<SyncResult> syncEvents(
            AccessToken token, String calendarId, EventQuery query, Consumer<List<ProviderEvent>> pageHandler);

    /** One event; cancelled ones too. */
    ApiResponse<ProviderEvent> getEvent(AccessToken token, String calendarId, String eventId);

    /**
     * Creates the event under {@code draft.id()}; a repeat of the same insert answers {@code CONFLICT}.
     *
     * @param sendUpdates whom the provider tells about the new event (invitations)
     */
    ApiResponse<ProviderEvent> insertEvent(
            AccessToken token, String calendarId, EventDraft draft, SendUpdates sendUpdates);

    /**
     * Changes only the fields set in {@code changes}.
     *
     * @param ifMatchEtag the etag the change was based on; {@code PRECONDITION_FAILED} when it is
     *     stale; null to write unconditionally
     * @param sendUpdates whom the provider tells about the change
     */
    ApiResponse<ProviderEvent> patchEvent(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft changes,
            String ifMatchEtag,
            SendUpdates sendUpdates);

    /** Replaces the whole event; fields left null fall back to defaults. */
    ApiResponse<ProviderEvent> updateEvent(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft event,
            String ifMatchEtag,
            SendUpdates sendUpdates);

    /**
     * Deletes the event; {@code ALREADY_DELETED} means it was gone already (nothing more to do).
     *
     * @param sendUpdates whom the provider tells about the cancellation
     */
    ApiResponse<Void> deleteEvent(
            AccessToken token, String calendarId, String eventId, String ifMatchEtag, SendUpdates sendUpdates);

    /** Push notifications when events of the calendar change. */
    ApiResponse<ProviderChannel> watchEvents(AccessToken token, String calendarId, WatchRequest request);

    /** Stops a channel; needs the id and resource id from the watch answer. */
    ApiResponse<Void> stopChannel(AccessToken token, String channelId, String resourceId);
}
