package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import java.util.List;
import tools.jackson.core.JsonParser;

/** Discovery {@code CalendarList}: one page of calendarList.list. */
record CalendarList(
        String kind, String etag, String nextPageToken, String nextSyncToken, List<CalendarListEntry> items) {

    static CalendarList read(JsonParser parser) {
        if (!WireJson.startObject(parser, "CalendarList")) {
            return null;
        }
        String kind = null;
        String etag = null;
        String nextPageToken = null;
        String nextSyncToken = null;
        List<CalendarListEntry> items = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "kind" -> kind = WireJson.string(parser, name);
                case "etag" -> etag = WireJson.string(parser, name);
                case "nextPageToken" -> nextPageToken = WireJson.string(parser, name);
                case "nextSyncToken" -> nextSyncToken = WireJson.string(parser, name);
                case "items" -> items = WireJson.list(parser, name, CalendarListEntry::read);
                default -> parser.skipChildren();
            }
        }
        return new CalendarList(kind, etag, nextPageToken, nextSyncToken, items);
    }
}
