package com.madeup.calsync.store;

import com.madeup.calsync.testsupport.TestDatabase;
import com.madeup.calsync.testsupport.TestPostgres;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh database with the changelog applied, for store tests that build stores with {@code new}. */
public final class MigratedDatabase {

    public static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.yaml";

    public final TestDatabase database;
    public final DataSource dataSource;
    public final JdbcTemplate jdbc;
    public final TransactionTemplate transactions;

    private MigratedDatabase(TestDatabase database) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public static MigratedDatabase create() {
        MigratedDatabase migrated = new MigratedDatabase(TestPostgres.newDatabase());
        migrate(migrated.dataSource);
        return migrated;
    }

    public static void migrate(DataSource dataSource) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGELOG);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        try {
            liquibase.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase failed", e);
        }
    }

    /** Inserts a user, a connection and a calendar; returns the calendar id. */
    public long newCalendar(Clock clock) {
        long userId = newUser("user-" + UUID.randomUUID() + "@example.com");
        UUID connectionId = newConnection(userId);
        return jdbc.queryForObject(
                "INSERT INTO calendars (connection_id, provider_calendar_id, access_role, picked)"
                        + " VALUES (?, ?, 'owner', true) RETURNING id",
                Long.class,
                connectionId,
                "cal-" + UUID.randomUUID() + "@group.calendar.google.com");
    }

    public long newUser(String email) {
        return jdbc.queryForObject(
                "INSERT INTO users (email, display_name) VALUES (?, 'Someone') RETURNING id", Long.class, email);
    }

    /** A Person with this email; returns its id. */
    public long newPerson(String email) {
        return jdbc.queryForObject(
                "INSERT INTO persons (email, display_name) VALUES (?, 'Someone') RETURNING id", Long.class, email);
    }

    public UUID newConnection(long userId) {
        UUID connectionId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO provider_connections (id, user_id, provider, account_email) VALUES (?, ?, 'google', ?)",
                connectionId,
                userId,
                "acct@example.com");
        return connectionId;
    }

    public static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
