package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/** Discovery {@code EventAttendee}. */
record EventAttendee(
        String id,
        String email,
        String displayName,
        Boolean organizer,
        Boolean self,
        Boolean resource,
        Boolean optional,
        String responseStatus,
        String comment,
        Integer additionalGuests) {

    static EventAttendee read(JsonParser parser) {
        if (!WireJson.startObject(parser, "EventAttendee")) {
            return null;
        }
        String id = null;
        String email = null;
        String displayName = null;
        Boolean organizer = null;
        Boolean self = null;
        Boolean resource = null;
        Boolean optional = null;
        String responseStatus = null;
        String comment = null;
        Integer additionalGuests = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "id" -> id = WireJson.string(parser, name);
                case "email" -> email = WireJson.string(parser, name);
                case "displayName" -> displayName = WireJson.string(parser, name);
                case "organizer" -> organizer = WireJson.bool(parser, name);
                case "self" -> self = WireJson.bool(parser, name);
                case "resource" -> resource = WireJson.bool(parser, name);
                case "optional" -> optional = WireJson.bool(parser, name);
                case "responseStatus" -> responseStatus = WireJson.string(parser, name);
                case "comment" -> comment = WireJson.string(parser, name);
                case "additionalGuests" -> additionalGuests = WireJson.int32(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new EventAttendee(
                id, email, displayName, organizer, self, resource, optional, responseStatus, comment, additionalGuests);
    }

    void write(JsonGenerator out) {
        out.writeStartObject();
        Wire.string(out, "id", id);
        Wire.string(out, "email", email);
        Wire.string(out, "displayName", displayName);
        Wire.bool(out, "organizer", organizer);
        Wire.bool(out, "self", self);
        Wire.bool(out, "resource", resource);
        Wire.bool(out, "optional", optional);
        Wire.string(out, "responseStatus", responseStatus);
        Wire.string(out, "comment", comment);
        if (additionalGuests != null) {
            out.writeNumberProperty("additionalGuests", additionalGuests.intValue());
        }
        out.writeEndObject();
    }
}
