package com.madeup.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void startsPostgreSql17OnLoopback() throws SQLException {
        TestDatabase database = TestPostgres.newDatabase();

        assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version_num")) {
            result.next();
            // The embedded binaries are 17.x; an external server must be at least as new.
            assertThat(result.getInt(1)).isGreaterThanOrEqualTo(170000);
        }
    }

    @Test
    void newDatabasesAreEmptyAndIsolated() throws SQLException {
        TestDatabase first = TestPostgres.newDatabase();
        TestDatabase second = TestPostgres.newDatabase();

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = first.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int PRIMARY KEY)");
            statement.execute("INSERT INTO probe VALUES (1)");
        }
        try (Connection connection = second.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM probe"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("relation \"probe\" does not exist");
        }
    }

    @Test
    void toStringHidesThePassword() {
        TestDatabase database = new TestDatabase("db", "jdbc:postgresql://127.0.0.1:1/db", "user", "s3cret-pw");

        assertThat(database.toString()).doesNotContain("s3cret-pw").contains("db", "user");
    }
}
