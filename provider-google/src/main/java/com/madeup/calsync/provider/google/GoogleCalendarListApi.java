package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Google {@code calendarList}: list, get, watch. */
final class GoogleCalendarListApi {

    private static final String PATH = "users/me/calendarList";

    private final GoogleCalls calls;

    GoogleCalendarListApi(GoogleCalls calls) {
        this.calls = calls;
    }

    ApiResponse<Page<ProviderCalendar>> list(AccessToken token, String syncToken, String pageToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("maxResults", "250");
        query.put("syncToken", syncToken);
        query.put("pageToken", pageToken);
        return GoogleCalls.mapped(
                calls.get(token, calls.uri(PATH, query), CalendarList.class), GoogleMapping::toCalendarPage);
    }

    ApiResponse<ProviderCalendar> get(AccessToken token, String calendarId) {
        return GoogleCalls.mapped(
                calls.get(token, calls.uri(PATH + "/" + Urls.segment(calendarId), Map.of()), CalendarListEntry.class),
                GoogleMapping::toCalendar);
    }

    ApiResponse<ProviderChannel> watch(AccessToken token, WatchRequest request) {
        return GoogleCalls.mapped(
                calls.sendJson(
                        token,
                        "POST",
                        calls.uri(PATH + "/watch", Map.of()),
                        GoogleCalls.watchBody(request),
                        Channel.class,
                        null),
                GoogleMapping::toChannel);
    }
}
