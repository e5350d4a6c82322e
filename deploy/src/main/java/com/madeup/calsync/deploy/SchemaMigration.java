package com.madeup.calsync.deploy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs calendar-store's Liquibase changelog against the database, so the schema exists before the demo
 * data is seeded and before any app starts. The apps run the same changelog at their start (Spring
 * Boot's Liquibase integration) and then find nothing left to do.
 */
final class SchemaMigration {

    /**
     * Spring Boot's default {@code spring.liquibase.change-log} without its {@code classpath:/} prefix;
     * Liquibase records both spellings as this path, so the apps see the changesets as already run.
     */
    static final String CALENDAR_STORE_CHANGELOG = "db/changelog/db.changelog-master.yaml";

    /** Held so the level sticks: Liquibase logs through java.util.logging, at INFO per changeset. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        // Liquibase would otherwise try to send usage analytics (no internet here, and not wanted).
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private final String changelog;
    private final ClassLoader classLoader;

    SchemaMigration(String changelog, ClassLoader classLoader) {
        this.changelog = changelog;
        this.classLoader = classLoader;
    }

    /** True when the changelog is on the class path (calendar-store may not have one yet). */
    boolean changelogPresent() {
        return classLoader.getResource(changelog) != null;
    }

    void migrate(DatabaseAccess access) {
        if (!changelogPresent()) {
            throw new IllegalStateException("changelog " + changelog + " is not on the class path");
        }
        try (Connection connection = access.connect()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(
                    Map.of(
                            Scope.Attr.ui.name(), new LoggerUIService(),
                            Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(classLoader)),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            // The launcher prints its own one-line summary; Liquibase's table goes to its log.
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                            .execute());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + access.jdbcUrl() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("the calendar-store changelog failed: " + e.getMessage(), e);
        }
    }
}
