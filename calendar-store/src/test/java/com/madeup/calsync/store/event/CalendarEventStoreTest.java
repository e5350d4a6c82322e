package com.madeup.calsync.store.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.madeup.calsync.store.MigratedDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarEventStoreTest {

    private static final MigratedDatabase db = MigratedDatabase.create();
    private static final Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

    private final CalendarEventStore store = new CalendarEventStore(db.jdbc, db.transactions, clock, 1000);

    static EventRow event(long calendarId, String id, String etag, String updated, List<InvitationRow> invitations) {
        return event(calendarId, id, etag, updated, "x".repeat(2000), invitations);
    }

    static EventRow event(
            long calendarId,
            String id,
            String etag,
            String updated,
            String description,
            List<InvitationRow> invitations) {
        return new EventRow(
                calendarId,
                id,
                Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"),
                "Europe/Berlin",
                "Europe/Berlin",
                null,
                null,
                false,
                "Room 1",
                "Review " + etag,
                description,
                42L,
                "owner@example.com",
                true,
                "confirmed",
                etag,
                updated == null ? null : Instant.parse(updated),
                null,
                null,
                invitations);
    }

    private long rows(long calendarId) {
        return db.jdbc.queryForObject(
                "SELECT count(*) FROM calendar_events WHERE calendar_id = ?", Long.class, calendarId);
    }

    @Test
    void timesAreStoredToTheMicrosecondRoundedAsPostgresRoundsTheirText() {
        long calendarId = db.newCalendar(clock);
        EventRow base = event(calendarId, "times", "\"1\"", "1969-07-20T20:17:40.0000007Z", List.of());
        EventRow row = new EventRow(
                calendarId,
                "times",
                Instant.parse("2026-12-01T09:00:00.123456789Z"),
                Instant.parse("1960-01-01T00:00:00.000000400Z"),
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                false,
                "confirmed",
                base.etag(),
                base.providerUpdated(),
                null,
                null,
                List.of());

        store.upsert(List.of(row));

        EventRow stored = store.find(calendarId, "times").orElseThrow().row();
        assertThat(stored.startTime()).isEqualTo(Instant.parse("2026-12-01T09:00:00.123457Z"));
        assertThat(stored.endTime()).isEqualTo(Instant.parse("1960-01-01T00:00:00Z"));
        assertThat(stored.providerUpdated()).isEqualTo(Instant.parse("1969-07-20T20:17:40.000001Z"));
        assertThat(db.jdbc.queryForObject(
                        "SELECT provider_updated = '1969-07-20T20:17:40.0000007Z'::timestamptz FROM calendar_events"
                                + " WHERE calendar_id = ? AND uuid = 'times'",
                        Boolean.class,
                        calendarId))
                .as("the same value PostgreSQL makes of the text")
                .isTrue();
    }

    @Test
    void versionIsTheStoredEtagAndUpdatedOrEmpty() {
        long calendarId = db.newCalendar(clock);
        assertThat(store.version(calendarId, "v1")).isEmpty();

        store.upsert(List.of(event(calendarId, "v1", "\"7\"", "2026-11-20T10:00:00Z", List.of())));

        assertThat(store.version(calendarId, "v1"))
                .contains(new CalendarEventStore.StoredVersion("\"7\"", Instant.parse("2026-11-20T10:00:00Z")));
        assertThat(store.version(db.newCalendar(clock), "v1"))
                .as("another calendar")
                .isEmpty();
        store.delete(calendarId, "v1");
        assertThat(store.version(calendarId, "v1")).isEmpty();
    }

    @Test
    void sameEtagTwiceIsUnchangedAndKeepsOneRow() {
        long calendarId = db.newCalendar(clock);
        EventRow row = event(calendarId, "e1", "\"1\"", "2026-11-20T10:00:00Z", List.of());

        List<UpsertResult> first = store.upsert(List.of(row));
        List<UpsertResult> second = store.upsert(List.of(row));

        assertThat(first).singleElement().satisfies(result -> {
            assertThat(result.outcome()).isEqualTo(UpsertOutcome.INSERTED);
            assertThat(result.eventId()).isNotNull();
        });
        assertThat(second).singleElement().satisfies(result -> {
            assertThat(result.outcome()).isEqualTo(UpsertOutcome.UNCHANGED);
            assertThat(result.outcome().changed()).isFalse();
        });
        assertThat(rows(calendarId)).isEqualTo(1);
    }

    @Test
    void newerEtagUpdatesAndOlderProviderUpdatedIsIgnored() {
        long calendarId = db.newCalendar(clock);
        store.upsert(List.of(event(calendarId, "e1", "\"1\"", "2026-11-20T10:00:00Z", List.of())));

        List<UpsertResult> newer =
                store.upsert(List.of(event(calendarId, "e1", "\"2\"", "2026-11-21T10:00:00Z", List.of())));
        List<UpsertResult> older =
                store.upsert(List.of(event(calendarId, "e1", "\"0\"", "2026-11-19T10:00:00Z", List.of())));

        assertThat(newer).extracting(UpsertResult::outcome).containsExactly(UpsertOutcome.UPDATED);
        assertThat(older).extracting(UpsertResult::outcome).containsExactly(UpsertOutcome.UNCHANGED);
        StoredEvent stored = store.find(calendarId, "e1").orElseThrow();
        assertThat(stored.row().etag()).isEqualTo("\"2\"");
        assertThat(stored.row().summary()).isEqualTo("Review \"2\"");
        assertThat(stored.row().description()).hasSize(2000);
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());
        assertThat(rows(calendarId)).isEqualTo(1);
    }

    @Test
    void batchReportsEachRowAndLastDuplicateWins() {
        long calendarId = db.newCalendar(clock);
        store.upsert(List.of(
                event(calendarId, "same", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                event(calendarId, "changed", "\"1\"", "2026-11-20T10:00:00Z", List.of())));

        List<UpsertResult> results = store.upsert(List.of(
                event(calendarId, "same", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                event(calendarId, "changed", "\"2\"", "2026-11-22T10:00:00Z", List.of()),
                event(calendarId, "new", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                event(calendarId, "new", "\"9\"", "2026-11-20T10:00:00Z", List.of())));

        assertThat(results)
                .extracting(UpsertResult::providerEventId, UpsertResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("same", UpsertOutcome.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple("changed", UpsertOutcome.UPDATED),
                        org.assertj.core.groups.Tuple.tuple("new", UpsertOutcome.INSERTED));
        assertThat(store.find(calendarId, "new").orElseThrow().row().etag()).isEqualTo("\"9\"");
    }

    @Test
    void insertMostlyNewInsertsNewRowsWithTheirInvitations() {
        long calendarId = db.newCalendar(clock);
        assertThat(store.hasEvents(calendarId)).isFalse();

        List<UpsertResult> results = store.insertMostlyNew(List.of(
                event(
                        calendarId,
                        "a",
                        "\"1\"",
                        "2026-11-20T10:00:00Z",
                        List.of(InvitationRow.of("x@y.org", null, null))),
                event(calendarId, "b", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                event(calendarId, "b", "\"2\"", "2026-11-20T10:00:00Z", List.of())));

        assertThat(results)
                .extracting(UpsertResult::providerEventId, UpsertResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", UpsertOutcome.INSERTED),
                        org.assertj.core.groups.Tuple.tuple("b", UpsertOutcome.INSERTED));
        assertThat(results).allSatisfy(result -> assertThat(result.eventId()).isNotNull());
        assertThat(store.hasEvents(calendarId)).isTrue();
        assertThat(store.find(calendarId, "a").orElseThrow().row().invitations())
                .extracting(InvitationRow::email)
                .containsExactly("x@y.org");
        assertThat(store.find(calendarId, "b").orElseThrow().row().etag()).isEqualTo("\"2\"");
    }

    /**
     * A chunk with a row that exists is upserted instead, inside the caller's transaction, which
     * stays usable: the rows written before and after the fallback commit together.
     */
    @Test
    void insertMostlyNewFallsBackToTheGuardedUpsertWhenARowExists() {
        long calendarId = db.newCalendar(clock);
        store.upsert(List.of(
                event(calendarId, "same", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                event(calendarId, "changed", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                event(calendarId, "stale", "\"5\"", "2026-11-25T10:00:00Z", List.of())));

        List<UpsertResult> results = db.transactions.execute(status -> {
            store.insertMostlyNew(List.of(event(calendarId, "before", "\"1\"", "2026-11-20T10:00:00Z", List.of())));
            List<UpsertResult> mixed = store.insertMostlyNew(List.of(
                    event(calendarId, "same", "\"1\"", "2026-11-20T10:00:00Z", List.of()),
                    event(calendarId, "changed", "\"2\"", "2026-11-22T10:00:00Z", List.of()),
                    event(calendarId, "stale", "\"4\"", "2026-11-21T10:00:00Z", List.of()),
                    event(
                            calendarId,
                            "new",
                            "\"1\"",
                            "2026-11-20T10:00:00Z",
                            List.of(InvitationRow.of("n@y.org", null, null)))));
            store.insertMostlyNew(List.of(event(calendarId, "after", "\"1\"", "2026-11-20T10:00:00Z", List.of())));
            return mixed;
        });

        assertThat(results)
                .extracting(UpsertResult::providerEventId, UpsertResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("same", UpsertOutcome.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple("changed", UpsertOutcome.UPDATED),
                        org.assertj.core.groups.Tuple.tuple("stale", UpsertOutcome.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple("new", UpsertOutcome.INSERTED));
        assertThat(rows(calendarId)).isEqualTo(6);
        assertThat(store.find(calendarId, "stale").orElseThrow().row().etag()).isEqualTo("\"5\"");
        assertThat(store.find(calendarId, "new").orElseThrow().row().invitations())
                .extracting(InvitationRow::email)
                .containsExactly("n@y.org");
    }

    @Test
    void invitationsAreReplacedWhenTheEventChangesAndMatchedToPersons() {
        long calendarId = db.newCalendar(clock);
        long personId = db.newPerson("Known@Example.com");
        store.upsert(List.of(event(
                calendarId,
                "e1",
                "\"1\"",
                "2026-11-20T10:00:00Z",
                List.of(
                        InvitationRow.of("known@example.com", "K", "accepted"),
                        InvitationRow.of("stranger@elsewhere.org", null, "needsAction")))));

        StoredEvent before = store.find(calendarId, "e1").orElseThrow();
        assertThat(before.row().invitations())
                .extracting(InvitationRow::email, InvitationRow::personId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("known@example.com", personId),
                        org.assertj.core.groups.Tuple.tuple("stranger@elsewhere.org", null));

        store.upsert(List.of(event(
                calendarId,
                "e1",
                "\"2\"",
                "2026-11-21T10:00:00Z",
                List.of(
                        InvitationRow.of("newcomer@elsewhere.org", null, "tentative"),
                        InvitationRow.of("NEWCOMER@elsewhere.org", null, "duplicate dropped")))));

        assertThat(store.find(calendarId, "e1").orElseThrow().row().invitations())
                .extracting(InvitationRow::email, InvitationRow::responseStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("newcomer@elsewhere.org", "tentative"));
    }

    /** Arrays go to PostgreSQL in binary form; text that array literals would have to escape must survive. */
    @Test
    void textThatArrayLiteralsEscapeComesBackUnchanged() {
        long calendarId = db.newCalendar(clock);
        String tricky = "NULL \"quoted\", {braced} \\back\\slash\ttab\nline ünïcödé 😀 ";
        List<String> ids = List.of("NULL", "{}", "a,b", "\"q\"", "\\");
        List<EventRow> rows = ids.stream()
                .map(id -> event(
                        calendarId,
                        id,
                        "\"1\"",
                        "2026-11-20T10:00:00Z",
                        tricky + id,
                        List.of(
                                new InvitationRow("NULL@x.org", tricky, "accepted", true, false, null),
                                InvitationRow.of("{a,b}@x.org", "NULL", null))))
                .toList();

        store.upsert(rows);

        for (String id : ids) {
            EventRow stored = store.find(calendarId, id).orElseThrow().row();
            assertThat(stored.description()).isEqualTo(tricky + id);
            assertThat(stored.invitations())
                    .extracting(InvitationRow::email, InvitationRow::displayName, InvitationRow::responseStatus)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("NULL@x.org", tricky, "accepted"),
                            org.assertj.core.groups.Tuple.tuple("{a,b}@x.org", "NULL", null));
        }
        assertThat(store.deleteAllExcept(calendarId, List.of("NULL", "{}")))
                .containsExactlyInAnyOrder("a,b", "\"q\"", "\\");
    }

    @Test
    void aGivenPersonIdIsKeptAndOthersAreMatchedByEmail() {
        long calendarId = db.newCalendar(clock);
        long given = db.newPerson("given@x.org");
        long matched = db.newPerson("Matched@X.org");

        store.upsert(List.of(event(
                calendarId,
                "e1",
                "\"1\"",
                "2026-11-20T10:00:00Z",
                List.of(
                        new InvitationRow("alias@x.org", null, null, false, false, given),
                        InvitationRow.of("matched@x.ORG", null, null),
                        InvitationRow.of("nobody@x.org", null, null)))));

        assertThat(store.find(calendarId, "e1").orElseThrow().row().invitations())
                .extracting(InvitationRow::email, InvitationRow::personId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alias@x.org", given),
                        org.assertj.core.groups.Tuple.tuple("matched@x.ORG", matched),
                        org.assertj.core.groups.Tuple.tuple("nobody@x.org", null));
    }

    @Test
    void attendeesComeBackInTheProvidersOrder() {
        long calendarId = db.newCalendar(clock);
        List<InvitationRow> attendees = List.of(
                InvitationRow.of("zoe@x.org", null, null),
                InvitationRow.of("Amy@x.org", null, null),
                InvitationRow.of("mia@x.org", null, null));
        store.upsert(List.of(event(calendarId, "e1", "\"1\"", "2026-11-20T10:00:00Z", attendees)));
        store.upsert(List.of(event(calendarId, "e2", "\"1\"", "2026-11-20T10:00:00Z", attendees.reversed())));

        assertThat(store.find(calendarId, "e1").orElseThrow().row().invitations())
                .extracting(InvitationRow::email)
                .containsExactly("zoe@x.org", "Amy@x.org", "mia@x.org");
        assertThat(store.find(calendarId, "e2").orElseThrow().row().invitations())
                .extracting(InvitationRow::email)
                .containsExactly("mia@x.org", "Amy@x.org", "zoe@x.org");
    }

    @Test
    void unchangedEventKeepsItsInvitations() {
        long calendarId = db.newCalendar(clock);
        EventRow row = event(
                calendarId, "e1", "\"1\"", "2026-11-20T10:00:00Z", List.of(InvitationRow.of("a@x.org", null, null)));
        store.upsert(List.of(row));

        store.upsert(List.of(event(calendarId, "e1", "\"1\"", "2026-11-20T10:00:00Z", List.of())));

        assertThat(store.find(calendarId, "e1").orElseThrow().row().invitations())
                .extracting(InvitationRow::email)
                .containsExactly("a@x.org");
    }

    @Test
    void deleteReportsWhetherTheEventExisted() {
        long calendarId = db.newCalendar(clock);
        store.upsert(List.of(event(calendarId, "e1", "\"1\"", null, List.of(InvitationRow.of("a@x.org", null, null)))));

        assertThat(store.delete(calendarId, "e1")).isTrue();
        assertThat(store.delete(calendarId, "e1")).isFalse();
        assertThat(store.find(calendarId, "e1")).isEmpty();
        assertThat(db.jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_event_invitations i"
                                + " WHERE NOT EXISTS (SELECT 1 FROM calendar_events e WHERE e.id = i.event_id)",
                        Long.class))
                .isZero();
    }

    @Test
    void deleteAllExceptRemovesWhatTheProviderNoLongerHasInThatCalendarOnly() {
        long calendarId = db.newCalendar(clock);
        long otherCalendarId = db.newCalendar(clock);
        List<EventRow> rows = new ArrayList<>();
        for (String id : List.of("keep1", "gone1", "keep2", "gone2")) {
            rows.add(event(calendarId, id, "\"1\"", null, List.of()));
        }
        rows.add(event(otherCalendarId, "gone1", "\"1\"", null, List.of()));
        store.upsert(rows);

        List<String> deleted = store.deleteAllExcept(calendarId, Set.of("keep1", "keep2", "never-stored"));

        assertThat(deleted).containsExactlyInAnyOrder("gone1", "gone2");
        assertThat(rows(calendarId)).isEqualTo(2);
        assertThat(rows(otherCalendarId)).isEqualTo(1);
    }

    @Test
    void rangeQueryFindsOverlappingTimedAndAllDayEvents() {
        long calendarId = db.newCalendar(clock);
        EventRow allDay = new EventRow(
                calendarId,
                "holiday",
                null,
                null,
                null,
                null,
                LocalDate.parse("2026-12-02"),
                LocalDate.parse("2026-12-03"),
                true,
                null,
                "Holiday",
                null,
                null,
                null,
                false,
                "confirmed",
                "\"1\"",
                null,
                null,
                null,
                List.of());
        EventRow cancelled = new EventRow(
                calendarId,
                "cancelled-instance",
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                false,
                "cancelled",
                "\"1\"",
                null,
                "series",
                "2026-12-01T09:00:00Z",
                List.of());
        store.upsert(List.of(event(calendarId, "timed", "\"1\"", null, List.of()), allDay, cancelled));

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(store.findInRange(
                        List.of(calendarId),
                        Instant.parse("2026-12-01T00:00:00Z"),
                        Instant.parse("2026-12-08T00:00:00Z"),
                        berlin))
                .extracting(event -> event.row().providerEventId())
                .containsExactly("timed", "holiday");
        assertThat(store.findInRange(
                        List.of(calendarId),
                        Instant.parse("2026-12-01T10:00:00Z"),
                        Instant.parse("2026-12-01T22:00:00Z"),
                        berlin))
                .as("timed ends at 10:00; the holiday starts at 23:00Z in Berlin")
                .isEmpty();
    }

    @Test
    void invalidRowsAreRejectedBeforeTheDatabase() {
        assertThatThrownBy(() -> new EventRow(
                        1,
                        "x",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        "confirmed",
                        null,
                        null,
                        null,
                        null,
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs startTime and endTime");
    }
}
