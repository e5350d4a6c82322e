package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The start or end of an event, shaped like Google's {@code EventDateTime}: a timed event sets
 * {@code dateTime}, an all-day event sets {@code date} (the end date is exclusive, as at Google).
 * Exactly one of the two is set. On the wire:
 * {@code {"dateTime": "2027-06-15T10:00:00+02:00", "timeZone": "Europe/Berlin"}} or
 * {@code {"date": "2027-07-01"}}; absent members are left out, unknown members are ignored.
 *
 * <p>The JSON is written and read here as ISO strings, not by the mapper's date handling, so the
 * offset is kept ({@code +02:00} stays {@code +02:00}) whatever time zone or date features a mapper
 * is configured with.
 *
 * <p>The constructor checks that {@code timeZone} is shaped like an IANA zone name; whether this
 * JVM's time-zone database knows it is checked by {@link EventCommandRules} for commands only, so a
 * zone newer than a reader's database never makes provider data unreadable.
 */
public record EventTime(
        OffsetDateTime dateTime, // a timed event's instant with its offset (RFC 3339); null when all-day
        LocalDate date, // an all-day event's date (yyyy-mm-dd); null when timed
        String timeZone) { // optional IANA zone name, e.g. "Europe/Berlin"; Google needs it for recurrences

    /** Longest zone name accepted; real IANA names are far shorter. */
    static final int MAX_ZONE_LENGTH = 64;

    // IANA names: ASCII letters, digits, '_', '-', '+' in '/'-separated parts, e.g. Etc/GMT+2.
    private static final Pattern IANA_ZONE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");

    public EventTime {
        if ((dateTime == null) == (date == null)) {
            throw new IllegalArgumentException("EventTime needs exactly one of dateTime (timed) or date (all-day), got "
                    + (dateTime == null ? "neither" : "both"));
        }
        if (timeZone != null
                && (timeZone.length() > MAX_ZONE_LENGTH
                        || !IANA_ZONE_NAME.matcher(timeZone).matches())) {
            throw new IllegalArgumentException(
                    "EventTime.timeZone must be an IANA zone name like 'Europe/Berlin', was '" + timeZone + "'");
        }
    }

    /** A timed start or end; {@code zone} (an IANA name) may be null. */
    public static EventTime at(OffsetDateTime dateTime, String zone) {
        return new EventTime(Require.present(dateTime, "EventTime.dateTime"), null, zone);
    }

    /** An all-day start or end; for the end pass the day after the last day (exclusive). */
    public static EventTime allDay(LocalDate date) {
        return new EventTime(null, Require.present(date, "EventTime.date"), null);
    }

    /** True for an all-day date, false for a timed instant. */
    @JsonIgnore
    public boolean isAllDay() {
        return date != null;
    }

    /** The wire form: ISO strings, absent members left out. */
    @JsonValue
    Map<String, String> toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        if (dateTime != null) {
            json.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime));
        }
        if (date != null) {
            json.put("date", DateTimeFormatter.ISO_LOCAL_DATE.format(date));
        }
        if (timeZone != null) {
            json.put("timeZone", timeZone);
        }
        return json;
    }

    /** Reads the wire form; unknown members are ignored, null members count as absent. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EventTime fromJson(Map<String, Object> json) {
        String dateTimeText = text(json, "dateTime");
        String dateText = text(json, "date");
        return new EventTime(
                dateTimeText == null ? null : parse(dateTimeText, "dateTime", OffsetDateTime::parse),
                dateText == null ? null : parse(dateText, "date", LocalDate::parse),
                text(json, "timeZone"));
    }

    private static String text(Map<String, Object> json, String member) {
        Object value = json.get(member);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("EventTime." + member + " must be a string, was " + value);
    }

    private static <T> T parse(String text, String member, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DateTimeParseException e) {
            String expected = member.equals("date") ? "yyyy-mm-dd" : "an RFC 3339 date-time with offset";
            throw new IllegalArgumentException(
                    "EventTime." + member + " must be " + expected + ", was '" + text + "'", e);
        }
    }
}
