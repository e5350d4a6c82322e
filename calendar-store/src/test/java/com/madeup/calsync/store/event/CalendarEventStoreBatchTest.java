package com.madeup.calsync.store.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.store.MigratedDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batched upsert at the sync worker's scale (20,000 rows with two attendees each, one second of the
 * throughput target): every row gets the right outcome across batches. How fast it is, is a benchmark's
 * question (bench/worker), not a test's.
 */
class CalendarEventStoreBatchTest {

    private static final int ROWS = 20_000;
    // Knobs for manual runs: -DargLine="-Dthroughput.description=2000 -Dthroughput.withoutAttendees=true"
    private static final String DESCRIPTION = "d".repeat(Integer.getInteger("throughput.description", 200));
    private static final boolean WITHOUT_ATTENDEES = Boolean.getBoolean("throughput.withoutAttendees");

    @Test
    void twentyThousandEventsAcrossBatchesAreInsertedThenUnchangedThenUpdated() {
        MigratedDatabase db = MigratedDatabase.create();
        CalendarEventStore store = new CalendarEventStore(db.jdbc, db.transactions, Clock.systemUTC(), 1000);
        List<Long> calendars = List.of(db.newCalendar(Clock.systemUTC()), db.newCalendar(Clock.systemUTC()));
        List<EventRow> first = rows(calendars, "\"1\"");
        List<EventRow> changed = rows(calendars, "\"2\"");
        store.upsert(
                rows(List.of(db.newCalendar(Clock.systemUTC())), "\"warm\"").subList(0, 2000));

        assertThat(store.upsert(first)).allMatch(result -> result.outcome() == UpsertOutcome.INSERTED);
        assertThat(store.upsert(first)).allMatch(result -> result.outcome() == UpsertOutcome.UNCHANGED);
        assertThat(store.upsert(changed)).allMatch(result -> result.outcome() == UpsertOutcome.UPDATED);
        // the warm-up calendar's invitations are not counted
        assertThat(db.jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_event_invitations i JOIN calendar_events e ON e.id = i.event_id"
                                + " WHERE e.calendar_id = ANY(?)",
                        Integer.class,
                        (Object) calendars.toArray(Long[]::new)))
                .isEqualTo(WITHOUT_ATTENDEES ? 0 : ROWS * 2);
    }

    private static List<EventRow> rows(List<Long> calendars, String etag) {
        List<EventRow> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            long calendarId = calendars.get(i % calendars.size());
            rows.add(CalendarEventStoreTest.event(
                    calendarId,
                    "evt" + i + "abcdefghijklmnopq",
                    etag,
                    "2026-11-20T10:00:00Z",
                    DESCRIPTION,
                    WITHOUT_ATTENDEES
                            ? List.of()
                            : List.of(
                                    InvitationRow.of("a" + i + "@example.com", "A", "accepted"),
                                    InvitationRow.of("b" + i + "@example.com", "B", "needsAction"))));
        }
        return rows;
    }
}
