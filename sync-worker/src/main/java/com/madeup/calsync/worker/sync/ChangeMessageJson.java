package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.Attendee;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.EventStatus;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResponseStatus;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes {@link CalendarEventChanged} in exactly the JSON the shared model's Jackson annotations
 * give (members left out when null, ids and enums as their wire values, times as ISO text), with
 * jackson-core's streaming generator. A full sync publishes one message per event, and data
 * binding (reflective {@code @JsonValue} calls and a serializer lookup per value) was the largest
 * single cost per event in the worker; {@code ChangeMessageJsonTest} holds this writer to the
 * mapper's output.
 */
final class ChangeMessageJson {

    // The enums' wire() lower-cases the name on every call: looked up once here.
    private static final String[] RESPONSE_STATUS =
            Arrays.stream(ResponseStatus.values()).map(ResponseStatus::wire).toArray(String[]::new);
    private static final String[] EVENT_STATUS =
            Arrays.stream(EventStatus.values()).map(EventStatus::wire).toArray(String[]::new);

    private final JsonFactory json = JsonFactory.builder().build();

    byte[] write(CalendarEventChanged change) {
        ExactBytes out = new ExactBytes();
        try (JsonGenerator generator = json.createGenerator(ObjectWriteContext.empty(), out)) {
            writeChange(generator, change);
        }
        return out.bytes();
    }

    /**
     * Collects the generator's output. The generator buffers about 8 kB and hands it over when
     * closed, so a message usually arrives in one piece and is copied exactly once, at its size.
     */
    private static final class ExactBytes extends OutputStream {
        private byte[] bytes = new byte[0];

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] chunk, int offset, int length) {
            byte[] joined = Arrays.copyOf(bytes, bytes.length + length);
            System.arraycopy(chunk, offset, joined, bytes.length, length);
            bytes = joined;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private static void writeChange(JsonGenerator out, CalendarEventChanged change) {
        out.writeStartObject();
        out.writeName("meta");
        writeMeta(out, change.meta());
        out.writeStringProperty("calendarId", change.calendarId().value());
        out.writeStringProperty("eventId", change.eventId().value());
        out.writeStringProperty("change", change.change().wire());
        if (change.event() != null) {
            out.writeName("event");
            writeState(out, change.event());
        }
        out.writeStringProperty("source", change.source().wire());
        if (change.commandId() != null) {
            out.writeStringProperty("commandId", change.commandId().value().toString());
        }
        out.writeEndObject();
    }

    private static void writeMeta(JsonGenerator out, MessageMeta meta) {
        out.writeStartObject();
        out.writeStringProperty("messageId", meta.messageId().toString());
        out.writeStringProperty("type", meta.type());
        out.writeNumberProperty("version", meta.version());
        out.writeStringProperty("occurredAt", meta.occurredAt().toString());
        out.writeStringProperty("connectionId", meta.connectionId().value().toString());
        out.writeEndObject();
    }

    private static void writeState(JsonGenerator out, EventState state) {
        out.writeStartObject();
        optional(out, "summary", state.summary());
        optional(out, "location", state.location());
        optional(out, "description", state.description());
        out.writeName("start");
        writeTime(out, state.start());
        out.writeName("end");
        writeTime(out, state.end());
        out.writeStringProperty("status", EVENT_STATUS[state.status().ordinal()]);
        optional(out, "organizerEmail", state.organizerEmail());
        out.writeBooleanProperty("organizedByConnectedUser", state.organizedByConnectedUser());
        out.writeName("attendees");
        out.writeStartArray();
        for (Attendee attendee : state.attendees()) {
            writeAttendee(out, attendee);
        }
        out.writeEndArray();
        if (state.matterId() != null) {
            out.writeNumberProperty("matterId", state.matterId().value());
        }
        out.writeStringProperty("etag", state.etag());
        out.writeStringProperty("providerUpdated", state.providerUpdated().toString());
        if (state.recurringEventId() != null) {
            out.writeStringProperty("recurringEventId", state.recurringEventId().value());
        }
        if (state.originalStartTime() != null) {
            out.writeName("originalStartTime");
            writeTime(out, state.originalStartTime());
        }
        out.writeEndObject();
    }

    private static void writeAttendee(JsonGenerator out, Attendee attendee) {
        out.writeStartObject();
        out.writeStringProperty("email", attendee.email());
        if (attendee.personId() != null) {
            out.writeNumberProperty("personId", attendee.personId().value());
        }
        optional(out, "displayName", attendee.displayName());
        out.writeStringProperty(
                "responseStatus", RESPONSE_STATUS[attendee.responseStatus().ordinal()]);
        out.writeBooleanProperty("organizer", attendee.organizer());
        out.writeBooleanProperty("optional", attendee.optional());
        out.writeEndObject();
    }

    /** The model's wire form of a time (EventTime's @JsonValue): ISO strings, absent members left out. */
    private static void writeTime(JsonGenerator out, EventTime time) {
        out.writeStartObject();
        if (time.dateTime() != null) {
            out.writeStringProperty("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.dateTime()));
        }
        if (time.date() != null) {
            out.writeStringProperty("date", DateTimeFormatter.ISO_LOCAL_DATE.format(time.date()));
        }
        optional(out, "timeZone", time.timeZone());
        out.writeEndObject();
    }

    private static void optional(JsonGenerator out, String name, String value) {
        if (value != null) {
            out.writeStringProperty(name, value);
        }
    }
}
