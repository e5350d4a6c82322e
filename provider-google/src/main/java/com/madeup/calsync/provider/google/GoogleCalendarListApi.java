package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.BodyReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Google {@code calendarList}: list, get, watch. */
final class GoogleCalendarListApi {

    private static final String PATH = "users/me/calendarList";
    private static final BodyReader<Page<ProviderCalendar>> PAGE =
            GoogleCalls.reading(CalendarList::read, GoogleMapping::toCalendarPage);
    private static final BodyReader<ProviderCalendar> ENTRY =
            GoogleCalls.reading(CalendarListEntry::read, GoogleMapping::toCalendar);
    private static final BodyReader<ProviderChannel> CHANNEL =
            GoogleCalls.reading(Channel::read, GoogleMapping::toChannel);

    private final GoogleCalls calls;

    GoogleCalendarListApi(GoogleCalls calls) {
        this.calls = calls;
    }

    ApiResponse<Page<ProviderCalendar>> list(AccessToken token, String syncToken, String pageToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("maxResults", "250");
        query.put("syncToken", syncToken);
        query.put("pageToken", pageToken);
        return calls.get(token, "calendar.calendarList.list", calls.uri(PATH, query), PAGE);
    }

    ApiResponse<ProviderCalendar> get(AccessToken token, String calendarId) {
        return calls.get(
                token, "calendar.calendarList.get", calls.uri(PATH + "/" + Urls.segment(calendarId), Map.of()), ENTRY);
    }

    ApiResponse<ProviderChannel> watch(AccessToken token, WatchRequest request) {
        return calls.sendJson(
                token,
                "calendar.calendarList.watch",
                "POST",
                calls.uri(PATH + "/watch", Map.of()),
                GoogleCalls.watchBody(request)::write,
                CHANNEL,
                null);
    }
}
