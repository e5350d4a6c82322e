package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import tools.jackson.core.JsonParser;

/** Discovery {@code CalendarListEntry}. */
record CalendarListEntry(
        String kind,
        String etag,
        String id,
        String summary,
        String summaryOverride,
        String description,
        String timeZone,
        String accessRole,
        Boolean primary,
        Boolean deleted,
        Boolean hidden,
        Boolean selected) {

    static CalendarListEntry read(JsonParser parser) {
        if (!WireJson.startObject(parser, "CalendarListEntry")) {
            return null;
        }
        String kind = null;
        String etag = null;
        String id = null;
        String summary = null;
        String summaryOverride = null;
        String description = null;
        String timeZone = null;
        String accessRole = null;
        Boolean primary = null;
        Boolean deleted = null;
        Boolean hidden = null;
        Boolean selected = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "kind" -> kind = WireJson.string(parser, name);
                case "etag" -> etag = WireJson.string(parser, name);
                case "id" -> id = WireJson.string(parser, name);
                case "summary" -> summary = WireJson.string(parser, name);
                case "summaryOverride" -> summaryOverride = WireJson.string(parser, name);
                case "description" -> description = WireJson.string(parser, name);
                case "timeZone" -> timeZone = WireJson.string(parser, name);
                case "accessRole" -> accessRole = WireJson.string(parser, name);
                case "primary" -> primary = WireJson.bool(parser, name);
                case "deleted" -> deleted = WireJson.bool(parser, name);
                case "hidden" -> hidden = WireJson.bool(parser, name);
                case "selected" -> selected = WireJson.bool(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new CalendarListEntry(
                kind,
                etag,
                id,
                summary,
                summaryOverride,
                description,
                timeZone,
                accessRole,
                primary,
                deleted,
                hidden,
                selected);
    }
}
