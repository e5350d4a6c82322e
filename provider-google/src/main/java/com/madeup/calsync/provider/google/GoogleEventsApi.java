package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiError;
import com.madeup.calsync.provider.http.ApiRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.BodyReader;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Google {@code events}: list (one page or a whole sync), get, insert, patch, update, delete, watch. */
final class GoogleEventsApi {

    private static final BodyReader<Page<ProviderEvent>> PAGE =
            GoogleCalls.reading(Events::read, GoogleMapping::toPage);
    private static final BodyReader<ProviderEvent> EVENT = GoogleCalls.reading(Event::read, GoogleMapping::toEvent);
    private static final BodyReader<ProviderChannel> CHANNEL =
            GoogleCalls.reading(Channel::read, GoogleMapping::toChannel);

    private final GoogleCalls calls;
    private final RetryingCaller pageRetry;

    GoogleEventsApi(GoogleCalls calls, RetryingCaller pageRetry) {
        this.calls = calls;
        this.pageRetry = Objects.requireNonNull(pageRetry, "pageRetry");
    }

    ApiResponse<Page<ProviderEvent>> list(AccessToken token, String calendarId, EventQuery query, String pageToken) {
        return calls.get(
                token, "calendar.events.list", calls.uri(eventsPath(calendarId), listQuery(query, pageToken)), PAGE);
    }

    ApiResponse<SyncResult> sync(
            AccessToken token, String calendarId, EventQuery query, Consumer<List<ProviderEvent>> pageHandler) {
        Objects.requireNonNull(pageHandler, "pageHandler");
        String pageToken = null;
        int pages = 0;
        long items = 0;
        while (true) {
            String currentPageToken = pageToken;
            ApiResponse<Page<ProviderEvent>> response =
                    pageRetry.call("calendar.events.list", () -> list(token, calendarId, query, currentPageToken));
            if (!response.ok()) {
                return response.asFailure();
            }
            Page<ProviderEvent> page = response.body();
            pages++;
            items += page.items().size();
            pageHandler.accept(page.items());
            if (page.last()) {
                if (page.nextSyncToken() == null) {
                    return ApiResponse.failure(
                            response.status(),
                            new ApiError(ErrorKind.INVALID_RESPONSE, null, "last page without nextSyncToken"),
                            null);
                }
                return ApiResponse.success(response.status(), new SyncResult(page.nextSyncToken(), pages, items), null);
            }
            if (page.nextPageToken().equals(pageToken)) {
                return ApiResponse.failure(
                        response.status(),
                        new ApiError(ErrorKind.INVALID_RESPONSE, null, "the same nextPageToken twice"),
                        null);
            }
            pageToken = page.nextPageToken();
        }
    }

    ApiResponse<ProviderEvent> get(AccessToken token, String calendarId, String eventId) {
        return calls.get(token, "calendar.events.get", calls.uri(eventPath(calendarId, eventId), Map.of()), EVENT);
    }

    ApiResponse<ProviderEvent> insert(AccessToken token, String calendarId, EventDraft draft, SendUpdates sendUpdates) {
        return write(token, "calendar.events.insert", "POST", eventsPath(calendarId), draft, null, sendUpdates);
    }

    ApiResponse<ProviderEvent> patch(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft changes,
            String ifMatch,
            SendUpdates sendUpdates) {
        return write(
                token, "calendar.events.patch", "PATCH", eventPath(calendarId, eventId), changes, ifMatch, sendUpdates);
    }

    ApiResponse<ProviderEvent> update(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft event,
            String ifMatch,
            SendUpdates sendUpdates) {
        return write(
                token, "calendar.events.update", "PUT", eventPath(calendarId, eventId), event, ifMatch, sendUpdates);
    }

    ApiResponse<Void> delete(
            AccessToken token, String calendarId, String eventId, String ifMatch, SendUpdates sendUpdates) {
        ApiRequest request = ApiRequest.withoutBody(
                "calendar.events.delete",
                "DELETE",
                calls.uri(eventPath(calendarId, eventId), sendUpdatesQuery(sendUpdates)));
        if (ifMatch != null) {
            request = request.withHeader("If-Match", ifMatch);
        }
        return calls.send(token, request);
    }

    ApiResponse<ProviderChannel> watch(AccessToken token, String calendarId, WatchRequest request) {
        return calls.sendJson(
                token,
                "calendar.events.watch",
                "POST",
                calls.uri(eventsPath(calendarId) + "/watch", Map.of()),
                GoogleCalls.watchBody(request)::write,
                CHANNEL,
                null);
    }

    private ApiResponse<ProviderEvent> write(
            AccessToken token,
            String operation,
            String method,
            String path,
            EventDraft draft,
            String ifMatch,
            SendUpdates sendUpdates) {
        Objects.requireNonNull(draft, "draft");
        return calls.sendJson(
                token,
                operation,
                method,
                calls.uri(path, sendUpdatesQuery(sendUpdates)),
                GoogleMapping.toWire(draft)::write,
                EVENT,
                ifMatch);
    }

    /** Google's {@code sendUpdates} query parameter (Discovery: all, externalOnly, none). */
    private static Map<String, String> sendUpdatesQuery(SendUpdates sendUpdates) {
        String wire = switch (Objects.requireNonNull(sendUpdates, "sendUpdates")) {
            case ALL -> "all";
            case EXTERNAL_ONLY -> "externalOnly";
            case NONE -> "none";
        };
        return Map.of("sendUpdates", wire);
    }

    private static Map<String, String> listQuery(EventQuery query, String pageToken) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.maxResults() != null) {
            params.put("maxResults", query.maxResults().toString());
        }
        if (query.singleEvents()) {
            params.put("singleEvents", "true");
        }
        if (query.syncToken() != null) {
            params.put("syncToken", query.syncToken());
        } else {
            if (query.showDeleted()) {
                params.put("showDeleted", "true");
            }
            if (query.timeMin() != null) {
                params.put("timeMin", query.timeMin().toString());
            }
        }
        params.put("pageToken", pageToken);
        return params;
    }

    private static String eventsPath(String calendarId) {
        return "calendars/" + Urls.segment(Objects.requireNonNull(calendarId, "calendarId")) + "/events";
    }

    private static String eventPath(String calendarId, String eventId) {
        return eventsPath(calendarId) + "/" + Urls.segment(Objects.requireNonNull(eventId, "eventId"));
    }
}
