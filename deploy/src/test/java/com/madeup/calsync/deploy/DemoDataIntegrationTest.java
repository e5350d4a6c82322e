package com.madeup.calsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.testsupport.TestDatabase;
import com.madeup.calsync.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The launcher's schema migration and demo seeding against a real PostgreSQL and the real changelog. */
class DemoDataIntegrationTest {

    private static DatabaseAccess database;

    @BeforeAll
    static void migrate() {
        database = migratedDatabase();
    }

    private static DatabaseAccess migratedDatabase() {
        TestDatabase test = TestPostgres.newDatabase();
        DatabaseAccess access = new DatabaseAccess(test.jdbcUrl(), test.username(), new Secret(test.password()));
        SchemaMigration migration = new SchemaMigration(
                SchemaMigration.CALENDAR_STORE_CHANGELOG, DemoDataIntegrationTest.class.getClassLoader());
        assertThat(migration.changelogPresent()).isTrue();
        migration.migrate(access);
        return access;
    }

    @Test
    void seedingTwiceAddsEverythingOnceAndNothingTheSecondTime() throws SQLException {
        DemoData demo = new DemoData(new BCryptPasswordEncoder(4), ZoneId.of("Europe/Berlin"));

        DatabaseAccess empty = migratedDatabase();

        DemoData.Outcome first = demo.seed(empty);
        DemoData.Outcome second = demo.seed(empty);

        assertThat(first).isEqualTo(new DemoData.Outcome(2, 14, 5));
        assertThat(second).isEqualTo(new DemoData.Outcome(0, 0, 0));
        assertThat(count(empty, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(empty, "SELECT count(*) FROM persons")).isEqualTo(14);
        assertThat(count(empty, "SELECT count(*) FROM matters")).isEqualTo(5);
    }

    @Test
    void demoUsersSignInWithTheirDocumentedPasswordsAndOnlyTheAdminIsAdmin() throws SQLException {
        new DemoData(new BCryptPasswordEncoder(4), ZoneId.of("Europe/Berlin")).seed(database);
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT email, password_hash, admin, time_zone FROM users ORDER BY email")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("email")).isEqualTo("admin@madeup.example");
            assertThat(encoder.matches("admin", rows.getString("password_hash")))
                    .isTrue();
            assertThat(rows.getBoolean("admin")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("email")).isEqualTo("demo@madeup.example");
            assertThat(encoder.matches("demo", rows.getString("password_hash"))).isTrue();
            assertThat(encoder.matches("admin", rows.getString("password_hash")))
                    .isFalse();
            assertThat(rows.getBoolean("admin")).isFalse();
            assertThat(rows.getString("time_zone")).isEqualTo("Europe/Berlin");
        }
    }

    @Test
    void usersArePersonsLinkedToTheirUserAndInviteesHaveDisplayNames() throws SQLException {
        new DemoData(new BCryptPasswordEncoder(4), ZoneId.of("UTC")).seed(database);

        assertThat(count("SELECT count(*) FROM persons p JOIN users u ON u.id = p.user_id AND u.email = p.email"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM persons WHERE email = 'liam.lopez@madeup.example'"
                        + " AND display_name = 'Liam Lopez' AND user_id IS NULL"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM matters WHERE reference = 'M-2026-001'"))
                .isEqualTo(1);
    }

    @Test
    void liquibaseRecordsTheChangelogUnderSpringBootsPathSoTheAppsSeeNothingNew() throws SQLException {
        assertThat(count("SELECT count(DISTINCT filename) FROM databasechangelog"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM databasechangelog"
                        + " WHERE filename = 'db/changelog/db.changelog-master.yaml'"))
                .isGreaterThan(0);

        // Running the changelog again (as every app does at its start) changes nothing.
        int before = count("SELECT count(*) FROM databasechangelog");
        new SchemaMigration(SchemaMigration.CALENDAR_STORE_CHANGELOG, getClass().getClassLoader()).migrate(database);
        assertThat(count("SELECT count(*) FROM databasechangelog")).isEqualTo(before);
    }

    @Test
    void displayNamesComeFromTheEmailsLocalPart() {
        assertThat(DemoData.displayNameOf("frank.fischer")).isEqualTo("Frank Fischer");
        assertThat(DemoData.INVITEES).hasSize(12);
    }

    private static int count(String sql) throws SQLException {
        return count(database, sql);
    }

    private static int count(DatabaseAccess access, String sql) throws SQLException {
        try (Connection connection = access.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
