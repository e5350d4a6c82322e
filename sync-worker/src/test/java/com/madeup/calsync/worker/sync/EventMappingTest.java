package com.madeup.calsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.ResponseStatus;
import com.madeup.calsync.provider.EventStatus;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.ProviderPerson;
import com.madeup.calsync.store.event.EventRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMappingTest {

    @Test
    void timedInstanceKeepsZoneOffsetSeriesLinkAndWholeText() {
        String description = "d".repeat(20_000);
        ProviderEvent event = event(
                new EventTime(null, "2026-03-29T01:30:00+01:00", "Europe/Berlin"),
                new EventTime(null, "2026-03-29T03:30:00+02:00", "Europe/Berlin"),
                description,
                Map.of("calsyncMatterId", "17"),
                "series1",
                new EventTime(null, "2026-03-29T01:30:00+01:00", "Europe/Berlin"));

        EventRow row = EventMapping.toRow(5, event);

        assertThat(row.allDay()).isFalse();
        assertThat(row.startTime()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
        assertThat(row.endTime()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(row.startTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(row.description()).hasSize(20_000);
        assertThat(row.matterId()).isEqualTo(17L);
        assertThat(row.recurringEventId()).isEqualTo("series1");
        assertThat(row.originalStartTime()).isEqualTo("2026-03-29T01:30:00+01:00");
        assertThat(row.organizedByConnectedUser()).isTrue();
        assertThat(row.invitations()).hasSize(1);

        EventState state = EventMapping.toState(event, row, Map.of("ada@example.com", 9L));
        assertThat(state.start().dateTime().getOffset().getTotalSeconds()).isEqualTo(3600);
        assertThat(state.attendees().getFirst().personId().value()).isEqualTo(9L);
        assertThat(state.attendees().getFirst().responseStatus()).isEqualTo(ResponseStatus.ACCEPTED);
        assertThat(state.recurringEventId().value()).isEqualTo("series1");
    }

    @Test
    void allDayEventIsStoredAsDatesAndANonNumericMatterIsIgnored() {
        ProviderEvent event = event(
                EventTime.allDay(LocalDate.parse("2026-12-24")),
                EventTime.allDay(LocalDate.parse("2026-12-27")),
                null,
                Map.of("calsyncMatterId", "M-12"),
                null,
                null);

        EventRow row = EventMapping.toRow(5, event);

        assertThat(row.allDay()).isTrue();
        assertThat(row.startDate()).isEqualTo(LocalDate.parse("2026-12-24"));
        assertThat(row.endDate()).isEqualTo(LocalDate.parse("2026-12-27"));
        assertThat(row.startTime()).isNull();
        assertThat(row.matterId()).isNull();
        assertThat(EventMapping.toState(event, row, Map.of()).start().isAllDay())
                .isTrue();
    }

    private static ProviderEvent event(
            EventTime start,
            EventTime end,
            String description,
            Map<String, String> privateProperties,
            String recurringEventId,
            EventTime originalStart) {
        return new ProviderEvent(
                "ev1",
                EventStatus.CONFIRMED,
                "Title",
                description,
                "Room",
                start,
                end,
                recurringEventId,
                originalStart,
                List.of(),
                new ProviderPerson("me@example.com", "Me", true),
                List.of(new ProviderAttendee("Ada@example.com", "Ada", "accepted", false, false, false, false)),
                privateProperties,
                Map.of(),
                "\"1\"",
                Instant.parse("2026-03-01T00:00:00Z"),
                "ev1@google.com",
                0,
                null);
    }
}
