package com.madeup.calsync.emulator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Google's time formats: RFC 3339 with millis for {@code updated}, EventDateTime for start/end. */
final class Times {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    static final DateTimeFormatter INSTANCE_TIMED =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter INSTANCE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private Times() {}

    static String rfc3339Millis(long epochMillis) {
        return MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    static String rfc1123(long epochMillis) {
        return RFC_1123.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A query parameter such as timeMin: RFC 3339 with a mandatory offset. */
    static long parseParameter(String value, String name) {
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter(name, "Bad Request");
        }
    }

    static Long parameter(String value, String name) {
        return parseParameter(value, name);
    }

    static ZoneId zone(String id, String location) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ApiError(
                    400, "global", "invalid", "Invalid time zone definition for start time.", null, location);
        }
    }

    /**
     * The instant an EventDateTime stands for; all-day dates start at midnight in {@code defaultZone}.
     * Validates like Google: a dateTime needs an offset or a timeZone.
     */
    static long instant(JsonNode eventDateTime, ZoneId defaultZone, String which) {
        if (eventDateTime == null || !eventDateTime.isObject()) {
            throw ApiError.required("Missing " + which + " time.", null);
        }
        String date = Json.text(eventDateTime, "date");
        String dateTime = Json.text(eventDateTime, "dateTime");
        String tz = Json.text(eventDateTime, "timeZone");
        ZoneId zone = tz == null ? defaultZone : zone(tz, which);
        try {
            if (dateTime != null) {
                return parseDateTime(dateTime, tz == null ? null : zone, which)
                        .toInstant()
                        .toEpochMilli();
            }
            if (date != null) {
                return LocalDate.parse(date).atStartOfDay(zone).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "global", "invalid", "Invalid " + which + " time.", null, null);
        }
        throw ApiError.required("Missing " + which + " time.", null);
    }

    static ZonedDateTime parseDateTime(String dateTime, ZoneId zone, String which) {
        try {
            OffsetDateTime offset = OffsetDateTime.parse(dateTime);
            return zone == null ? offset.toZonedDateTime() : offset.atZoneSameInstant(zone);
        } catch (DateTimeParseException e) {
            if (zone == null) {
                throw new ApiError(
                        400, "global", "required", "Missing time zone definition for " + which + " time.", null, null);
            }
            return LocalDateTime.parse(dateTime).atZone(zone);
        }
    }

    /** Google answers dateTime values with seconds and an offset ({@code Z} for UTC). */
    static String formatDateTime(ZonedDateTime value) {
        return SECONDS_OFFSET.format(value);
    }

    /** Rewrites a start/end object in Google's answer form: dateTime rendered in its timeZone. */
    static ObjectNode normalize(JsonNode eventDateTime, ZoneId calendarZone, String which) {
        ObjectNode out = Json.object();
        String date = Json.text(eventDateTime, "date");
        String dateTime = Json.text(eventDateTime, "dateTime");
        String tz = Json.text(eventDateTime, "timeZone");
        if (dateTime != null) {
            ZoneId zone = tz == null ? null : zone(tz, which);
            ZonedDateTime parsed = parseDateTime(dateTime, zone, which);
            ZonedDateTime rendered = zone == null ? parsed.withZoneSameInstant(calendarZone) : parsed;
            out.put("dateTime", formatDateTime(rendered));
        } else if (date != null) {
            try {
                out.put("date", LocalDate.parse(date).toString());
            } catch (DateTimeParseException e) {
                throw new ApiError(400, "global", "invalid", "Invalid " + which + " time.", null, null);
            }
        }
        if (tz != null) {
            out.put("timeZone", tz);
        }
        return out;
    }
}
