package com.madeup.calsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class SchemaTest {

    private static final MigratedDatabase db = MigratedDatabase.create();

    @Test
    void changelogCreatesEveryTableAndIsANoOpTheSecondTime() {
        List<String> tables = db.jdbc.queryForList(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%'"
                        + " ORDER BY tablename",
                String.class);
        assertThat(tables)
                .containsExactly(
                        "calendar_event_invitations",
                        "calendar_events",
                        "calendar_subscriptions",
                        "calendars",
                        "handled_commands",
                        "handled_messages",
                        "held_commands",
                        "matters",
                        "oauth2_tokens",
                        "outbound_intents",
                        "outbound_writes",
                        "persons",
                        "provider_connections",
                        "users");
        Integer applied = db.jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class);

        MigratedDatabase.migrate(db.dataSource);

        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class))
                .isEqualTo(applied)
                .isEqualTo(16);
        assertThat(db.jdbc.queryForObject(
                        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'provider_connections'"
                                + " AND column_name = 'calendar_list_sync_token'",
                        Integer.class))
                .isEqualTo(1);
        assertThat(db.jdbc.queryForList("SELECT DISTINCT exectype FROM databasechangelog", String.class))
                .containsExactly("EXECUTED");
    }

    @Test
    void duplicateEventPerCalendarIsRejected() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        String insert = "INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time)"
                + " VALUES ('evt1', ?, now(), now())";
        db.jdbc.update(insert, calendarId);

        assertThatThrownBy(() -> db.jdbc.update(insert, calendarId))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("calendar_events_calendar_uuid_key");
    }

    @Test
    void eventOfUnknownCalendarIsRejected() {
        assertThatThrownBy(() -> db.jdbc.update("INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time)"
                        + " VALUES ('evt1', 999999, now(), now())"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_events_calendar_id_fkey");
    }

    @Test
    void oneEventOfAnUnknownCalendarRejectsTheWholeStatement() {
        long calendarId = db.newCalendar(Clock.systemUTC());

        assertThatThrownBy(() -> db.jdbc.update(
                        "INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time)"
                                + " VALUES ('ok', ?, now(), now()), ('lost', 999998, now(), now())",
                        calendarId))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_events_calendar_id_fkey")
                .hasMessageContaining("999998");
        assertThat(eventCount(calendarId)).isZero();
    }

    @Test
    void movingAnEventToAnUnknownCalendarIsRejected() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long eventId = newEvent(calendarId);

        assertThatThrownBy(
                        () -> db.jdbc.update("UPDATE calendar_events SET calendar_id = 777776 WHERE id = ?", eventId))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_events_calendar_id_fkey");
        assertThat(eventCount(calendarId)).isEqualTo(1);
    }

    @Test
    void movingAnEventToAnotherKnownCalendarIsAllowed() {
        long from = db.newCalendar(Clock.systemUTC());
        long to = db.newCalendar(Clock.systemUTC());
        long eventId = newEvent(from);

        db.jdbc.update("UPDATE calendar_events SET calendar_id = ? WHERE id = ?", to, eventId);

        assertThat(eventCount(to)).isEqualTo(1);
    }

    @Test
    void deletingACalendarDeletesItsEventsAndOnlyTheirs() {
        long deleted = db.newCalendar(Clock.systemUTC());
        long kept = db.newCalendar(Clock.systemUTC());
        newEvent(deleted);
        newEvent(deleted);
        newEvent(kept);

        db.jdbc.update("DELETE FROM calendars WHERE id = ?", deleted);

        assertThat(eventCount(deleted)).isZero();
        assertThat(eventCount(kept)).isEqualTo(1);
    }

    @Test
    void deletingAConnectionDeletesTheEventsOfItsCalendars() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long eventId = newEvent(calendarId);
        db.jdbc.update("INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'a@x.org')", eventId);

        db.jdbc.update(
                "DELETE FROM provider_connections WHERE id = (SELECT connection_id FROM calendars WHERE id = ?)",
                calendarId);

        assertThat(eventCount(calendarId)).isZero();
        assertThat(invitationCount(eventId)).isZero();
    }

    @Test
    void identityIdsNeverChange() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long eventId = newEvent(calendarId);
        long personId = db.newPerson(UUID.randomUUID() + "@x.org");

        for (String update : List.of(
                "UPDATE calendars SET id = id + 100000 WHERE id = " + calendarId,
                "UPDATE calendar_events SET id = id + 100000 WHERE id = " + eventId,
                "UPDATE persons SET id = id + 100000 WHERE id = " + personId)) {
            assertThatThrownBy(() -> db.jdbc.update(update))
                    .as(update)
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("never changes");
        }
        assertThat(eventCount(calendarId)).isEqualTo(1);
    }

    /**
     * The foreign key's locking, kept by the statement-level check: a calendar deleted while another
     * transaction writes events into it waits for that commit, then deletes those events too.
     */
    @Test
    void deletingACalendarWaitsForEventsBeingWrittenAndDeletesThemToo() throws Exception {
        long calendarId = db.newCalendar(Clock.systemUTC());
        try (Connection writer = db.dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement(
                    "INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time) VALUES ('w', ?, now(), now())")) {
                insert.setLong(1, calendarId);
                insert.executeUpdate();
            }
            CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(
                    () -> db.jdbc.update("DELETE FROM calendars WHERE id = ?", calendarId));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> db.jdbc.queryForObject(
                                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                            + " AND query LIKE 'DELETE FROM calendars%'",
                                    Integer.class)
                            == 1);
            assertThat(delete).isNotDone();

            writer.commit();

            assertThat(delete.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(eventCount(calendarId)).isZero();
    }

    @Test
    void timedEventWithoutTimesIsRejected() {
        long calendarId = db.newCalendar(Clock.systemUTC());

        assertThatThrownBy(() -> db.jdbc.update(
                        "INSERT INTO calendar_events (uuid, calendar_id, start_date, end_date) VALUES ('e', ?,"
                                + " current_date, current_date + 1)",
                        calendarId))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_events_times_check");
    }

    @Test
    void unknownConnectionStatusIsRejected() {
        long userId = db.newUser("status@example.com");

        assertThatThrownBy(() -> db.jdbc.update(
                        "INSERT INTO provider_connections (id, user_id, provider, status) VALUES (?, ?, 'google',"
                                + " 'broken')",
                        UUID.randomUUID(),
                        userId))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("provider_connections_status_check");
    }

    @Test
    void secondConnectionOfTheSameUserAndProviderIsRejected() {
        long userId = db.newUser("twice@example.com");
        db.newConnection(userId);

        assertThatThrownBy(() -> db.newConnection(userId))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("provider_connections_user_provider_key");
    }

    @Test
    void emailsAreUniqueIgnoringCase() {
        db.newUser("Alice@Example.com");

        assertThatThrownBy(() -> db.newUser("alice@example.COM"))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("users_email_lower_key");
    }

    @Test
    void invitationEmailIsUniquePerEventIgnoringCase() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long eventId = db.jdbc.queryForObject(
                "INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time) VALUES ('e', ?, now(), now())"
                        + " RETURNING id",
                Long.class,
                calendarId);
        db.jdbc.update("INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'Bob@x.org')", eventId);

        assertThatThrownBy(() -> db.jdbc.update(
                        "INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'bob@X.org')", eventId))
                .isInstanceOf(DuplicateKeyException.class);
    }

    // Invitation references are checked per statement (changeset 0014), not by row-level foreign keys:
    // the same rules must hold.

    @Test
    void invitationOfAnUnknownEventIsRejected() {
        assertThatThrownBy(() -> db.jdbc.update(
                        "INSERT INTO calendar_event_invitations (event_id, email) VALUES (999999, 'a@x.org')"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_event_invitations_event_id_fkey")
                .hasMessageContaining("999999");
    }

    @Test
    void invitationOfAnUnknownPersonIsRejected() {
        long eventId = newEvent(db.newCalendar(Clock.systemUTC()));

        assertThatThrownBy(() -> db.jdbc.update(
                        "INSERT INTO calendar_event_invitations (event_id, invited_id, email) VALUES (?, 888888, 'a@x.org')",
                        eventId))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_event_invitations_invited_id_fkey");
    }

    @Test
    void onePersonInvitedToSeveralEventsInOneStatementIsAccepted() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long first = newEvent(calendarId);
        long second = newEvent(calendarId);
        long personId = db.newPerson(UUID.randomUUID() + "@x.org");

        db.jdbc.update(
                "INSERT INTO calendar_event_invitations (event_id, invited_id, email)"
                        + " VALUES (?, ?, 'busy@x.org'), (?, ?, 'busy@x.org'), (?, NULL, 'other@x.org')",
                first,
                personId,
                second,
                personId,
                first);

        assertThat(invitationCount(first)).isEqualTo(2);
        assertThat(invitationCount(second)).isEqualTo(1);
    }

    @Test
    void movingAnInvitationToAnUnknownEventIsRejected() {
        long eventId = newEvent(db.newCalendar(Clock.systemUTC()));
        db.jdbc.update("INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'move@x.org')", eventId);

        assertThatThrownBy(() -> db.jdbc.update(
                        "UPDATE calendar_event_invitations SET event_id = 777777 WHERE event_id = ?", eventId))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("calendar_event_invitations_event_id_fkey");
    }

    @Test
    void deletingEventsDeletesTheirInvitationsAndOnlyTheirs() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long deleted = newEvent(calendarId);
        long kept = newEvent(calendarId);
        for (long eventId : List.of(deleted, kept)) {
            db.jdbc.update(
                    "INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'a@x.org'), (?, 'b@x.org')",
                    eventId,
                    eventId);
        }

        db.jdbc.update("DELETE FROM calendar_events WHERE id = ?", deleted);

        assertThat(invitationCount(deleted)).isZero();
        assertThat(invitationCount(kept)).isEqualTo(2);
    }

    @Test
    void deletingACalendarDeletesTheInvitationsOfItsEvents() {
        long calendarId = db.newCalendar(Clock.systemUTC());
        long eventId = newEvent(calendarId);
        db.jdbc.update("INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'a@x.org')", eventId);

        db.jdbc.update("DELETE FROM calendars WHERE id = ?", calendarId);

        assertThat(invitationCount(eventId)).isZero();
    }

    @Test
    void deletingAPersonKeepsTheirInvitationsByEmail() {
        long eventId = newEvent(db.newCalendar(Clock.systemUTC()));
        long personId = db.newPerson("gone@x.org");
        db.jdbc.update(
                "INSERT INTO calendar_event_invitations (event_id, invited_id, email) VALUES (?, ?, 'gone@x.org')",
                eventId,
                personId);

        db.jdbc.update("DELETE FROM persons WHERE id = ?", personId);

        assertThat(db.jdbc.queryForList(
                        "SELECT email FROM calendar_event_invitations WHERE event_id = ? AND invited_id IS NULL",
                        String.class,
                        eventId))
                .containsExactly("gone@x.org");
    }

    private static long newEvent(long calendarId) {
        return db.jdbc.queryForObject(
                "INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time) VALUES (?, ?, now(), now())"
                        + " RETURNING id",
                Long.class,
                UUID.randomUUID().toString(),
                calendarId);
    }

    private static int eventCount(long calendarId) {
        return db.jdbc.queryForObject(
                "SELECT count(*) FROM calendar_events WHERE calendar_id = ?", Integer.class, calendarId);
    }

    private static int invitationCount(long eventId) {
        return db.jdbc.queryForObject(
                "SELECT count(*) FROM calendar_event_invitations WHERE event_id = ?", Integer.class, eventId);
    }
}
