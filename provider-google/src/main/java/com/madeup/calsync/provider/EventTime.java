package com.madeup.calsync.provider;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A start, end or original start as the provider sent it: either an all-day {@code date}
 * ({@code yyyy-mm-dd}, end exclusive) or an RFC 3339 {@code dateTime}, with an optional IANA zone.
 * The text is kept as received and parsed only when asked for: parsing every event of a large sync
 * eagerly costs about a third of the parse throughput, and most consumers store the text anyway.
 *
 * @param date the all-day date, or null
 * @param dateTime the RFC 3339 instant with offset (an offset may be missing when timeZone is set), or null
 * @param timeZone the IANA zone (e.g. {@code Europe/Zurich}); required for recurring events, else optional
 */
public record EventTime(String date, String dateTime, String timeZone) {

    public EventTime {
        if ((date == null) == (dateTime == null)) {
            throw new IllegalArgumentException("exactly one of date and dateTime: " + date + ", " + dateTime);
        }
    }

    public static EventTime allDay(LocalDate date) {
        return new EventTime(date.toString(), null, null);
    }

    /** RFC 3339 with seconds always written ({@code OffsetDateTime.toString} drops zero seconds). */
    public static EventTime at(OffsetDateTime dateTime, String timeZone) {
        return new EventTime(null, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime), timeZone);
    }

    public boolean allDay() {
        return date != null;
    }

    /** The all-day date. */
    public LocalDate localDate() {
        if (date == null) {
            throw new IllegalStateException("not an all-day time: " + this);
        }
        return LocalDate.parse(date);
    }

    /** The instant with the offset the provider sent (not normalised to UTC). */
    public OffsetDateTime offsetDateTime() {
        if (dateTime == null) {
            throw new IllegalStateException("an all-day time has no instant: " + this);
        }
        try {
            return Rfc3339.offsetDateTime(dateTime);
        } catch (DateTimeParseException noOffset) {
            if (timeZone == null) {
                throw noOffset;
            }
            return LocalDateTime.parse(dateTime).atZone(ZoneId.of(timeZone)).toOffsetDateTime();
        }
    }
}
