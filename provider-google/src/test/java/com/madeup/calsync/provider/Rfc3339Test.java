package com.madeup.calsync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    @Test
    void readsWhatJavaTimeReadsForTheShapesGoogleSends() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String text = randomTimestamp(random);
            assertThat(Rfc3339.offsetDateTime(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
            assertThat(Rfc3339.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void keepsTheOffsetAsSent() {
        assertThat(Rfc3339.offsetDateTime("2026-03-01T10:00:00+01:00").getOffset())
                .isEqualTo(ZoneOffset.ofHours(1));
        assertThat(Rfc3339.offsetDateTime("2026-03-01T10:00:00-03:30").getOffset())
                .isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(Rfc3339.instant("2026-03-01T10:00:00.5+01:00")).isEqualTo(Instant.parse("2026-03-01T09:00:00.500Z"));
    }

    @Test
    void leavesOtherShapesAndBadValuesToJavaTime() {
        for (String text : new String[] {
            "2026-03-01t10:00:00Z",
            "2026-03-01T10:00Z",
            "2026-03-01T10:00:00.1234567891Z",
            "+12026-03-01T10:00:00Z",
            "2026-03-01T10:00:00+01:00:30",
            "2026-03-01T10:00:00+0100",
            "2026-03-01T10:00:00.Z", // java.time reads a point without digits
        }) {
            assertThat(Rfc3339.fast(text)).as(text).isNull();
        }
        for (String bad : new String[] {
            "2026-02-30T10:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T10:00:00",
            "2026-13-01T10:00:00Z",
            "2026-03-01T10:00:00+19:00",
            "２026-03-01T10:00:00Z",
            "not a time at all, not a time",
        }) {
            assertThat(Rfc3339.fast(bad)).as(bad).isNull();
            assertThatThrownBy(() -> Rfc3339.offsetDateTime(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
        // a leap second: Instant.parse reads it (as :59), OffsetDateTime.parse does not
        assertThat(Rfc3339.instant("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2016-12-31T23:59:60Z"));
    }

    @Test
    void aTimedEventTimeWithoutOffsetStillUsesItsZone() {
        EventTime time = new EventTime(null, "2026-07-01T10:00:00", "Europe/Zurich");
        assertThat(time.offsetDateTime()).isEqualTo(OffsetDateTime.parse("2026-07-01T10:00:00+02:00"));
    }

    private static String randomTimestamp(Random random) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                1 + random.nextInt(9999),
                1 + random.nextInt(12),
                1 + random.nextInt(28),
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(60)));
        int fraction = random.nextInt(11) - 1; // -1: none; 0..9 digits (0 gives no fraction too)
        if (fraction > 0) {
            text.append('.');
            for (int i = 0; i < fraction; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        int offsetMinutes = random.nextInt(4) == 0 ? 0 : random.nextInt(18 * 60 * 2 + 1) - 18 * 60;
        if (offsetMinutes == 0 && random.nextBoolean()) {
            text.append('Z');
        } else {
            text.append(offsetMinutes < 0 ? '-' : '+')
                    .append(String.format("%02d:%02d", Math.abs(offsetMinutes) / 60, Math.abs(offsetMinutes) % 60));
        }
        return text.toString();
    }
}
