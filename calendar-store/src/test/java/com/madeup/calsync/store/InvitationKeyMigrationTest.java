package com.madeup.calsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * Changeset 0015 on a database that already holds invitations: the changelog is applied, its last two
 * changesets rolled back (0016, then 0015: the 0014 schema, where the surrogate id kept the attendees'
 * order), rows are written the old way, and the changelog is applied again. Nothing may be lost and
 * the order must hold. On the way it rolls back and re-applies 0016 (the events' calendar reference).
 */
class InvitationKeyMigrationTest {

    @Test
    void invitationsWrittenBeforeTheNewKeyKeepTheirOrder() throws Exception {
        MigratedDatabase db = MigratedDatabase.create();
        rollBackChangesets(db, 2);
        assertThat(columns(db)).contains("id").doesNotContain("position", "email_key");
        assertThat(calendarForeignKeys(db)).isEqualTo(1);
        long calendarId = db.newCalendar(Clock.systemUTC());
        long first = newEvent(db, calendarId, "e1");
        long second = newEvent(db, calendarId, "e2");
        db.jdbc.update(
                "INSERT INTO calendar_event_invitations (event_id, email) VALUES (?, 'zoe@x.org'), (?, 'solo@x.org'),"
                        + " (?, 'Amy@x.org'), (?, 'mia@x.org')",
                first,
                second,
                first,
                first);

        MigratedDatabase.migrate(db.dataSource);

        assertThat(db.jdbc.queryForList(
                        "SELECT event_id || ' ' || position || ' ' || email || ' ' || email_key"
                                + " FROM calendar_event_invitations ORDER BY event_id, position",
                        String.class))
                .containsExactly(
                        first + " 0 zoe@x.org zoe@x.org",
                        first + " 1 Amy@x.org amy@x.org",
                        first + " 2 mia@x.org mia@x.org",
                        second + " 0 solo@x.org solo@x.org");
        assertThat(columns(db)).doesNotContain("id");
        assertThat(db.jdbc.queryForObject(
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                                + " WHERE conname = 'calendar_event_invitations_pkey'",
                        String.class))
                .isEqualTo("PRIMARY KEY (event_id, email_key)");
        assertThat(calendarForeignKeys(db)).isZero();
    }

    private static int calendarForeignKeys(MigratedDatabase db) {
        return db.jdbc.queryForObject(
                "SELECT count(*) FROM pg_constraint WHERE conname = 'calendar_events_calendar_id_fkey'", Integer.class);
    }

    private static void rollBackChangesets(MigratedDatabase db, int count) throws Exception {
        try (Connection connection = db.dataSource.getConnection()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(
                    Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor()),
                    () -> new CommandScope("rollbackCount")
                            .addArgumentValue("database", database)
                            .addArgumentValue("changelogFile", "db/changelog/db.changelog-master.yaml")
                            .addArgumentValue("count", count)
                            .execute());
        }
    }

    private static long newEvent(MigratedDatabase db, long calendarId, String providerId) {
        return db.jdbc.queryForObject(
                "INSERT INTO calendar_events (uuid, calendar_id, start_time, end_time) VALUES (?, ?, now(), now())"
                        + " RETURNING id",
                Long.class,
                providerId,
                calendarId);
    }

    private static java.util.List<String> columns(MigratedDatabase db) {
        return db.jdbc.queryForList(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'calendar_event_invitations'",
                String.class);
    }
}
