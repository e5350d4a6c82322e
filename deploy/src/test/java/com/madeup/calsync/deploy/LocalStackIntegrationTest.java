package com.madeup.calsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.madeup.calsync.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in-process, the way an end-to-end test will drive it: infrastructure only (the apps and the
 * emulator are not built in this module's test phase), started, checked from outside, stopped.
 */
class LocalStackIntegrationTest {

    private static final Path LIB = Path.of("target/lib");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream consoleText = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(consoleText, true));

    private StackOptions options(Path dataDir, List<Integer> ports) {
        List<String> args = new ArrayList<>(List.of(
                "--data-dir=" + dataDir,
                "--repo-root=" + temp.resolve("repo-without-jars"),
                "--no-apps",
                "--postgres-port=" + ports.get(0),
                "--kafka-port=" + ports.get(1),
                "--kafka-controller-port=" + ports.get(2),
                "--emulator-port=" + ports.get(3)));
        return StackOptions.parse(args, Map.of(), temp);
    }

    @Test
    void infrastructureStartsSeededWithTopicsReportsMissingJarsAndStopsCompletely() throws Exception {
        List<Integer> ports = FreePorts.take(4);
        LocalStack stack = new LocalStack(options(temp.resolve("data"), ports), console, LIB, Map.of());
        Map<String, Long> pids;
        try {
            stack.start();
            pids = stack.pids();

            Properties running = new Properties();
            try (Reader reader = Files.newBufferedReader(stack.stackFile())) {
                running.load(reader);
            }
            assertThat(running.getProperty("kafka.bootstrap-servers")).isEqualTo("127.0.0.1:" + ports.get(1));
            assertThat(running.getProperty("status.google-emulator")).startsWith("SKIPPED");

            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running.getProperty("kafka.bootstrap-servers")))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            }

            LocalSecrets secrets = LocalSecrets.loadOrCreate(stack.data().secrets(), new java.security.SecureRandom());
            DatabaseAccess database = new DatabaseAccess(
                    running.getProperty("database.url"),
                    running.getProperty("database.user"),
                    secrets.databasePassword());
            try (Connection connection = database.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM users WHERE admin")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }

            // A second stack on the same ports fails before starting anything, naming the flag to change.
            LocalStack second = new LocalStack(options(temp.resolve("other"), ports), console, LIB, Map.of());
            assertThatThrownBy(second::start)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("--kafka-port");
            assertThat(ProcessHandle.of(pids.get(KafkaBroker.NAME))).isPresent();
        } finally {
            stack.close();
        }

        assertThat(pids).containsKeys(KafkaBroker.NAME, EmbeddedDatabase.NAME);
        pids.forEach((name, pid) ->
                assertThat(ProcessHandle.of(pid)).as("%s, pid %d", name, pid).isEmpty());
        assertThat(stack.stackFile()).doesNotExist();
        assertThat(consoleText.toString())
                .contains("google-emulator skipped")
                .contains("demo data added: 2 users, 14 persons, 5 matters")
                .contains("infrastructure up, apps not started");
    }

    @Test
    void anAppJarWithoutMainClassIsReportedNotStarted() throws Exception {
        Path target = Files.createDirectories(temp.resolve("repo/sync-worker/target"));
        try (var jar = new java.util.jar.JarOutputStream(
                Files.newOutputStream(target.resolve("sync-worker-0.1.0-SNAPSHOT.jar")))) {
            jar.putNextEntry(new java.util.zip.ZipEntry("empty.txt"));
        }
        App worker = new App("sync-worker", 8082, 128);

        assertThat(worker.find(temp.resolve("repo")))
                .isInstanceOfSatisfying(
                        App.Missing.class,
                        missing -> assertThat(missing.reason()).contains("not runnable yet"));
        assertThat(new App("dashboard", 8080, 128).find(temp.resolve("repo")))
                .isInstanceOfSatisfying(
                        App.Missing.class,
                        missing -> assertThat(missing.reason()).contains("not built"));
    }
}
