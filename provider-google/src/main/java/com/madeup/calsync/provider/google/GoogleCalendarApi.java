package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.util.List;
import java.util.function.Consumer;

/**
 * Google Calendar v3 behind the {@link CalendarApi} port: one class per resource over the shared
 * {@link HttpTransport}. Single calls are made once; wrap them in a {@link RetryingCaller} where a
 * repeat is safe. {@link #syncEvents} retries each page with the caller given here.
 */
public final class GoogleCalendarApi implements CalendarApi {

    private final GoogleCalendarListApi calendarList;
    private final GoogleEventsApi events;
    private final GoogleChannelsApi channels;

    public GoogleCalendarApi(GoogleClientConfig config, HttpTransport transport, RetryingCaller pageRetry) {
        GoogleCalls calls = new GoogleCalls(transport, config.apiBaseUrl());
        this.calendarList = new GoogleCalendarListApi(calls);
        this.events = new GoogleEventsApi(calls, pageRetry);
        this.channels = new GoogleChannelsApi(calls);
    }

    @Override
    public ApiResponse<Page<ProviderCalendar>> listCalendars(AccessToken token, String syncToken, String pageToken) {
        return calendarList.list(token, syncToken, pageToken);
    }

    @Override
    public ApiResponse<ProviderCalendar> getCalendar(AccessToken token, String calendarId) {
        return calendarList.get(token, calendarId);
    }

    @Override
    public ApiResponse<ProviderChannel> watchCalendars(AccessToken token, WatchRequest request) {
        return calendarList.watch(token, request);
    }

    @Override
    public ApiResponse<Page<ProviderEvent>> listEvents(
            AccessToken token, String calendarId, EventQuery query, String pageToken) {
        return events.list(token, calendarId, query, pageToken);
    }

    @Override
    public ApiResponse<SyncResult> syncEvents(
            AccessToken token, String calendarId, EventQuery query, Consumer<List<ProviderEvent>> pageHandler) {
        return events.sync(token, calendarId, query, pageHandler);
    }

    @Override
    public ApiResponse<ProviderEvent> getEvent(AccessToken token, String calendarId, String eventId) {
        return events.get(token, calendarId, eventId);
    }

    @Override
    public ApiResponse<ProviderEvent> insertEvent(
            AccessToken token, String calendarId, EventDraft draft, SendUpdates sendUpdates) {
        return events.insert(token, calendarId, draft, sendUpdates);
    }

    @Override
    public ApiResponse<ProviderEvent> patchEvent(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft changes,
            String ifMatchEtag,
            SendUpdates sendUpdates) {
        return events.patch(token, calendarId, eventId, changes, ifMatchEtag, sendUpdates);
    }

    @Override
    public ApiResponse<ProviderEvent> updateEvent(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft event,
            String ifMatchEtag,
            SendUpdates sendUpdates) {
        return events.update(token, calendarId, eventId, event, ifMatchEtag, sendUpdates);
    }

    @Override
    public ApiResponse<Void> deleteEvent(
            AccessToken token, String calendarId, String eventId, String ifMatchEtag, SendUpdates sendUpdates) {
        return events.delete(token, calendarId, eventId, ifMatchEtag, sendUpdates);
    }

    @Override
    public ApiResponse<ProviderChannel> watchEvents(AccessToken token, String calendarId, WatchRequest request) {
        return events.watch(token, calendarId, request);
    }

    @Override
    public ApiResponse<Void> stopChannel(AccessToken token, String channelId, String resourceId) {
        return channels.stop(token, channelId, resourceId);
    }
}
