package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * The start or end of an event, shaped like Google's {@code EventDateTime}: a timed event sets
 * {@code dateTime}, an all-day event sets {@code date} (the end date is exclusive, as at Google).
 * Exactly one of the two is set.
 *
 * <p>{@code dateTime} keeps the offset it was written with ({@code +02:00} stays {@code +02:00}),
 * whatever time zone the reading mapper is configured with.
 *
 * <p>The constructor checks that {@code timeZone} is shaped like an IANA zone name; whether this
 * JVM's time-zone database knows it is checked by {@link EventCommandRules} for commands only, so
 * a zone newer than a reader's database never makes provider data unreadable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTime(
        @JsonFormat(shape = JsonFormat.Shape.STRING, without = JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        OffsetDateTime dateTime, // a timed event's instant with its offset (RFC 3339); null when all-day

        @JsonFormat(shape = JsonFormat.Shape.STRING)
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
}
