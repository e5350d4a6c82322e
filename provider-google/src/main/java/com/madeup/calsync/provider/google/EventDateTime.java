package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/** Discovery {@code EventDateTime}: all-day {@code date} or RFC 3339 {@code dateTime}, plus an optional zone. */
record EventDateTime(String date, String dateTime, String timeZone) {

    static EventDateTime read(JsonParser parser) {
        if (!WireJson.startObject(parser, "EventDateTime")) {
            return null;
        }
        String date = null;
        String dateTime = null;
        String timeZone = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "date" -> date = WireJson.string(parser, name);
                case "dateTime" -> dateTime = WireJson.string(parser, name);
                case "timeZone" -> timeZone = WireJson.string(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new EventDateTime(date, dateTime, timeZone);
    }

    void write(JsonGenerator out) {
        out.writeStartObject();
        Wire.string(out, "date", date);
        Wire.string(out, "dateTime", dateTime);
        Wire.string(out, "timeZone", timeZone);
        out.writeEndObject();
    }
}
