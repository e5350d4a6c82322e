package com.madeup.calsync.testsupport;

import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One empty PostgreSQL database created for a test by {@link TestPostgres#newDatabase()}.
 *
 * @param name the database name, unique within the server
 * @param jdbcUrl where to connect, e.g. {@code jdbc:postgresql://127.0.0.1:41234/calsync_test_3_ab12}
 * @param username the role to connect as
 * @param password that role's password (empty for the embedded server, which trusts loopback)
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

    public TestDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * A new unpooled DataSource for this database (one physical connection per {@code
     * getConnection()}); enough for tests that build stores with {@code new}.
     */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Keeps an external server's password out of test logs. */
    @Override
    public String toString() {
        return "TestDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
    }
}
