package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import java.util.List;
import tools.jackson.core.JsonParser;

/** Discovery {@code Events}: one page of events.list. */
record Events(
        String kind,
        String etag,
        String summary,
        String description,
        String updated,
        String timeZone,
        String accessRole,
        String nextPageToken,
        String nextSyncToken,
        List<Event> items) {

    static Events read(JsonParser parser) {
        if (!WireJson.startObject(parser, "Events")) {
            return null;
        }
        String kind = null;
        String etag = null;
        String summary = null;
        String description = null;
        String updated = null;
        String timeZone = null;
        String accessRole = null;
        String nextPageToken = null;
        String nextSyncToken = null;
        List<Event> items = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "kind" -> kind = WireJson.string(parser, name);
                case "etag" -> etag = WireJson.string(parser, name);
                case "summary" -> summary = WireJson.string(parser, name);
                case "description" -> description = WireJson.string(parser, name);
                case "updated" -> updated = WireJson.string(parser, name);
                case "timeZone" -> timeZone = WireJson.string(parser, name);
                case "accessRole" -> accessRole = WireJson.string(parser, name);
                case "nextPageToken" -> nextPageToken = WireJson.string(parser, name);
                case "nextSyncToken" -> nextSyncToken = WireJson.string(parser, name);
                case "items" -> items = WireJson.list(parser, name, Event::read);
                default -> parser.skipChildren();
            }
        }
        return new Events(
                kind, etag, summary, description, updated, timeZone, accessRole, nextPageToken, nextSyncToken, items);
    }
}
