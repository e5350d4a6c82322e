package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Discovery {@code Event}, the fields calsync reads or writes. {@code created} and {@code updated}
 * stay RFC 3339 strings; only the mapping parses what it needs. Members not listed here
 * ({@code reminders}, {@code conferenceData}, {@code attachments}, ...) are skipped when read.
 */
record Event(
        String kind,
        String etag,
        String id,
        String status,
        String htmlLink,
        String created,
        String updated,
        String summary,
        String description,
        String location,
        EventOrganizer creator,
        EventOrganizer organizer,
        EventDateTime start,
        EventDateTime end,
        List<String> recurrence,
        String recurringEventId,
        EventDateTime originalStartTime,
        String transparency,
        String visibility,
        String iCalUid,
        Integer sequence,
        List<EventAttendee> attendees,
        ExtendedProperties extendedProperties,
        String eventType) {

    /** The body of an insert, update or patch: only what is set is sent. */
    static Event forWrite(
            String id,
            String status,
            String summary,
            String description,
            String location,
            EventDateTime start,
            EventDateTime end,
            List<String> recurrence,
            List<EventAttendee> attendees,
            ExtendedProperties extendedProperties) {
        return new Event(
                null,
                null,
                id,
                status,
                null,
                null,
                null,
                summary,
                description,
                location,
                null,
                null,
                start,
                end,
                recurrence,
                null,
                null,
                null,
                null,
                null,
                null,
                attendees,
                extendedProperties,
                null);
    }

    static Event read(JsonParser parser) {
        if (!WireJson.startObject(parser, "Event")) {
            return null;
        }
        String kind = null;
        String etag = null;
        String id = null;
        String status = null;
        String htmlLink = null;
        String created = null;
        String updated = null;
        String summary = null;
        String description = null;
        String location = null;
        EventOrganizer creator = null;
        EventOrganizer organizer = null;
        EventDateTime start = null;
        EventDateTime end = null;
        List<String> recurrence = null;
        String recurringEventId = null;
        EventDateTime originalStartTime = null;
        String transparency = null;
        String visibility = null;
        String iCalUid = null;
        Integer sequence = null;
        List<EventAttendee> attendees = null;
        ExtendedProperties extendedProperties = null;
        String eventType = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "kind" -> kind = WireJson.string(parser, name);
                case "etag" -> etag = WireJson.string(parser, name);
                case "id" -> id = WireJson.string(parser, name);
                case "status" -> status = WireJson.string(parser, name);
                case "htmlLink" -> htmlLink = WireJson.string(parser, name);
                case "created" -> created = WireJson.string(parser, name);
                case "updated" -> updated = WireJson.string(parser, name);
                case "summary" -> summary = WireJson.string(parser, name);
                case "description" -> description = WireJson.string(parser, name);
                case "location" -> location = WireJson.string(parser, name);
                case "creator" -> creator = EventOrganizer.read(parser);
                case "organizer" -> organizer = EventOrganizer.read(parser);
                case "start" -> start = EventDateTime.read(parser);
                case "end" -> end = EventDateTime.read(parser);
                case "recurrence" -> recurrence = WireJson.strings(parser, name);
                case "recurringEventId" -> recurringEventId = WireJson.string(parser, name);
                case "originalStartTime" -> originalStartTime = EventDateTime.read(parser);
                case "transparency" -> transparency = WireJson.string(parser, name);
                case "visibility" -> visibility = WireJson.string(parser, name);
                case "iCalUID" -> iCalUid = WireJson.string(parser, name);
                case "sequence" -> sequence = WireJson.int32(parser, name);
                case "attendees" -> attendees = WireJson.list(parser, name, EventAttendee::read);
                case "extendedProperties" -> extendedProperties = ExtendedProperties.read(parser);
                case "eventType" -> eventType = WireJson.string(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new Event(
                kind,
                etag,
                id,
                status,
                htmlLink,
                created,
                updated,
                summary,
                description,
                location,
                creator,
                organizer,
                start,
                end,
                recurrence,
                recurringEventId,
                originalStartTime,
                transparency,
                visibility,
                iCalUid,
                sequence,
                attendees,
                extendedProperties,
                eventType);
    }

    /** Writes the members a client may set; read-only ones (kind, etag, created, ...) never go out. */
    void write(JsonGenerator out) {
        out.writeStartObject();
        Wire.string(out, "id", id);
        Wire.string(out, "status", status);
        Wire.string(out, "summary", summary);
        Wire.string(out, "description", description);
        Wire.string(out, "location", location);
        if (start != null) {
            out.writeName("start");
            start.write(out);
        }
        if (end != null) {
            out.writeName("end");
            end.write(out);
        }
        Wire.strings(out, "recurrence", recurrence);
        Wire.string(out, "transparency", transparency);
        Wire.string(out, "visibility", visibility);
        if (attendees != null) {
            out.writeArrayPropertyStart("attendees");
            for (EventAttendee attendee : attendees) {
                attendee.write(out);
            }
            out.writeEndArray();
        }
        if (extendedProperties != null) {
            out.writeName("extendedProperties");
            extendedProperties.write(out);
        }
        out.writeEndObject();
    }
}
