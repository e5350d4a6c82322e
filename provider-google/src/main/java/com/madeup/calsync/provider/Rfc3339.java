package com.madeup.calsync.provider;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses the RFC 3339 timestamps Google sends ({@code 2026-03-01T10:00:00+01:00},
 * {@code 2026-03-01T09:00:00.123Z}) without {@code DateTimeFormatter}, which costs about a
 * microsecond per value; a full sync reads several per event. Only that exact shape is read here;
 * anything else (lower-case separators, leap seconds, out-of-range fields, missing offset) goes to
 * the caller's {@code java.time} parse, so the results and the errors stay what {@code java.time}
 * gives.
 */
public final class Rfc3339 {

    private Rfc3339() {}

    /** As {@link OffsetDateTime#parse(CharSequence)}. */
    public static OffsetDateTime offsetDateTime(String text) {
        OffsetDateTime fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text);
    }

    /** As {@link Instant#parse(CharSequence)}. */
    public static Instant instant(String text) {
        OffsetDateTime fast = fast(text);
        return fast != null ? fast.toInstant() : Instant.parse(text);
    }

    /** The value, or null when the text is not in the common shape (the caller then asks java.time). */
    static OffsetDateTime fast(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && isDigit(text.charAt(at))) {
                at++;
            }
            int count = at - start;
            if (count < 1 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == length - 6
                && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 18 || offsetMinutes > 59) {
                return null;
            }
            int sign = text.charAt(at) == '-' ? -1 : 1;
            int totalSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
            if (Math.abs(totalSeconds) > 18 * 3600) {
                return null;
            }
            offset = ZoneOffset.ofTotalSeconds(totalSeconds);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException outOfRange) {
            return null; // e.g. February 30th or second 60: java.time decides and explains
        }
    }

    /** The non-negative number in text[from, from+count), or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
