package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.Attendee;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.EventStatus;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResponseStatus;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        out.writeStringProperty("occurredAt", isoInstant(meta.occurredAt()));
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
        out.writeStringProperty("providerUpdated", isoInstant(state.providerUpdated()));
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
            out.writeStringProperty("dateTime", isoOffsetDateTime(time.dateTime()));
        }
        if (time.date() != null) {
            out.writeStringProperty("date", DateTimeFormatter.ISO_LOCAL_DATE.format(time.date()));
        }
        optional(out, "timeZone", time.timeZone());
        out.writeEndObject();
    }

    /**
     * {@code Instant.toString()} (ISO_INSTANT: UTC, the fraction in groups of three digits, none when
     * zero) without {@code DateTimeFormatter}, which took a third of this writer's time; years
     * outside 0000-9999 go to {@code toString()}.
     */
    static String isoInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
            return instant.toString();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] text = new char[30];
        int length = putLocalDateTime(text, time.toLocalDate(), time.toLocalTime());
        int nanos = instant.getNano();
        if (nanos != 0) {
            text[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(text, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1000 == 0) {
                put(text, length, nanos / 1000, 6);
                length += 6;
            } else {
                put(text, length, nanos, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return new String(text, 0, length);
    }

    /**
     * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)} without the formatter (it was 3 % of
     * an initial sync's CPU): seconds always, the fraction without trailing zeros, "Z" for UTC, the
     * offset's seconds only when not zero. Years outside 0000-9999 go to the formatter.
     */
    static String isoOffsetDateTime(OffsetDateTime time) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        char[] text = new char[38];
        int length = putLocalDateTime(text, time.toLocalDate(), time.toLocalTime());
        int nanos = time.getNano();
        if (nanos != 0) {
            text[length++] = '.';
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            put(text, length, nanos, digits);
            length += digits;
        }
        int offset = time.getOffset().getTotalSeconds();
        if (offset == 0) {
            text[length++] = 'Z';
        } else {
            int absolute = Math.abs(offset);
            text[length++] = offset < 0 ? '-' : '+';
            put(text, length, absolute / 3600, 2);
            text[length + 2] = ':';
            put(text, length + 3, absolute / 60 % 60, 2);
            length += 5;
            if (absolute % 60 != 0) {
                text[length] = ':';
                put(text, length + 1, absolute % 60, 2);
                length += 3;
            }
        }
        return new String(text, 0, length);
    }

    private static final long MIN_FAST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    /** "yyyy-MM-ddTHH:mm:ss" (a year of 0-9999) at the start of {@code text}; returns its length, 19. */
    private static int putLocalDateTime(char[] text, java.time.LocalDate date, java.time.LocalTime time) {
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, time.getHour(), 2);
        text[13] = ':';
        put(text, 14, time.getMinute(), 2);
        text[16] = ':';
        put(text, 17, time.getSecond(), 2);
        return 19;
    }

    /** {@code value} as {@code digits} decimal digits, zero-padded. */
    private static void put(char[] text, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void optional(JsonGenerator out, String name, String value) {
        if (value != null) {
            out.writeStringProperty(name, value);
        }
    }
}
