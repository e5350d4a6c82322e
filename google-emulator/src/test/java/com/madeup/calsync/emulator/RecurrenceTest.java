package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long NOW =
            ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, BERLIN).toInstant().toEpochMilli();

    private static Recurrence rule(String... lines) {
        ArrayNode array = Json.NODES.arrayNode();
        for (String line : lines) {
            array.add(line);
        }
        return Recurrence.parse(array);
    }

    @Test
    void weeklyByDayWithIntervalAndUntilKeepsLocalTimeAcrossDst() {
        ZonedDateTime first = ZonedDateTime.of(2026, 3, 23, 9, 0, 0, 0, BERLIN); // Monday before DST starts
        assertThat(rule("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20260420T235959Z")
                        .expandTimed(first, NOW))
                .extracting(ZonedDateTime::toString)
                .containsExactly(
                        "2026-03-23T09:00+01:00[Europe/Berlin]",
                        "2026-03-27T09:00+01:00[Europe/Berlin]",
                        "2026-04-06T09:00+02:00[Europe/Berlin]",
                        "2026-04-10T09:00+02:00[Europe/Berlin]",
                        "2026-04-20T09:00+02:00[Europe/Berlin]");
    }

    @Test
    void exdateRemovesAnOccurrenceButCountStillCountsIt() {
        ZonedDateTime first = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, BERLIN);
        assertThat(rule("RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=Europe/Berlin:20261202T100000")
                        .expandTimed(first, NOW))
                .extracting(z -> z.toLocalDate().getDayOfMonth())
                .containsExactly(1, 3);
    }

    @Test
    void yearlyAllDaySkipsMissingLeapDaysAndHorizonBoundsEndlessRules() {
        assertThat(rule("RRULE:FREQ=YEARLY;COUNT=2").expandAllDay(LocalDate.of(2024, 2, 29), BERLIN, NOW))
                .containsExactly(LocalDate.of(2024, 2, 29), LocalDate.of(2028, 2, 29));
        assertThat(rule("RRULE:FREQ=DAILY").expandAllDay(LocalDate.of(2026, 11, 24), BERLIN, NOW))
                .hasSize(Recurrence.HORIZON_DAYS + 1);
    }

    @Test
    void unreadableRulesAreRejected() {
        assertThatThrownBy(() -> rule("RRULE:FREQ=HOURLY")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> rule("RRULE:FREQ=WEEKLY;BYDAY=XX")).isInstanceOf(ApiError.class);
        assertThat(rule("RDATE:20261201")).isNull();
    }
}
