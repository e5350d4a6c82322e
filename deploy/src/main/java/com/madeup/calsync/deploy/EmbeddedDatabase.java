package com.madeup.calsync.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 17 from zonky's embedded binaries, with its data in the data folder so it persists between
 * runs. As root, zonky runs initdb and pg_ctl under {@code unshare -U} (stack-probe.md section 4). The
 * apps use database and role {@code calsync}; the role's password is the generated one from the
 * secrets file.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String NAME = "postgres";
    static final String DATABASE = "calsync";
    static final String ROLE = "calsync";

    private final EmbeddedPostgres postgres;
    private final DatabaseAccess access;
    private final long pid;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseAccess access, long pid) {
        this.postgres = postgres;
        this.access = access;
        this.pid = pid;
    }

    static EmbeddedDatabase start(DataFolder data, int port, Secret password, Console console) {
        stopLeftoverPostmaster(data.postgres(), console);
        try {
            Files.createDirectories(data.logs());
            ProcessBuilder.Redirect log =
                    ProcessBuilder.Redirect.appendTo(data.log(NAME).toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data.postgres())
                    .setCleanDataDirectory(false)
                    // The launcher stops PostgreSQL itself, last, after the apps are gone.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("shared_buffers", "32MB")
                    .setServerConfig("max_connections", "80")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            DatabaseAccess access =
                    new DatabaseAccess("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, ROLE, password);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, access, readPid(data.postgres()));
            database.createRoleAndDatabase();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL on port " + port
                            + " (is the port taken? see --postgres-port and " + data.log(NAME) + ")",
                    e);
        }
    }

    /** A postmaster left running by a launcher that was killed hard would keep the data folder locked. */
    private static void stopLeftoverPostmaster(Path dataDirectory, Console console) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .commandLine()
                            .map(line -> line.contains(dataDirectory.toString()))
                            .orElse(false))
                    .ifPresent(handle -> {
                        console.warn("stopping a PostgreSQL (pid " + pid + ") left by an earlier run");
                        // SIGINT is PostgreSQL's "fast" shutdown: rolls back open transactions and exits.
                        try {
                            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                                    .start()
                                    .waitFor();
                            handle.onExit().get(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            handle.destroyForcibly();
                        }
                    });
        } catch (IOException | RuntimeException e) {
            console.warn("could not check " + pidFile + ": " + e.getMessage());
        }
    }

    private void createRoleAndDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            boolean roleExists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, ROLE);
                try (ResultSet rows = query.executeQuery()) {
                    roleExists = rows.next();
                }
            }
            String password = access.password().value().replace("'", "''");
            statement.execute(
                    (roleExists ? "ALTER ROLE " : "CREATE ROLE ") + ROLE + " LOGIN PASSWORD '" + password + "'");
            boolean databaseExists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, DATABASE);
                try (ResultSet rows = query.executeQuery()) {
                    databaseExists = rows.next();
                }
            }
            if (!databaseExists) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the calsync role and database: " + e.getMessage(), e);
        }
    }

    DatabaseAccess access() {
        return access;
    }

    int port() {
        return postgres.getPort();
    }

    /** The postmaster's pid (for memory figures), read from its pid file at start. */
    long pid() {
        return pid;
    }

    private static long readPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .getFirst()
                    .strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * pg_ctl stop -m fast: open sessions are rolled back, the data is checkpointed. pg_ctl returns when the
     * pid file is gone, a moment before the postmaster has exited; wait for that too.
     */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping PostgreSQL failed", e);
        }
        postmaster.ifPresent(handle -> {
            try {
                handle.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not exit within 15 s", e);
            }
        });
    }
}
