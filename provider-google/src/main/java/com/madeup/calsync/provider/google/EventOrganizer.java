package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import tools.jackson.core.JsonParser;

/** Discovery {@code Event.organizer} (and {@code Event.creator}): who organizes the event. Read only. */
record EventOrganizer(String id, String email, String displayName, Boolean self) {

    static EventOrganizer read(JsonParser parser) {
        if (!WireJson.startObject(parser, "EventOrganizer")) {
            return null;
        }
        String id = null;
        String email = null;
        String displayName = null;
        Boolean self = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "id" -> id = WireJson.string(parser, name);
                case "email" -> email = WireJson.string(parser, name);
                case "displayName" -> displayName = WireJson.string(parser, name);
                case "self" -> self = WireJson.bool(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new EventOrganizer(id, email, displayName, self);
    }
}
