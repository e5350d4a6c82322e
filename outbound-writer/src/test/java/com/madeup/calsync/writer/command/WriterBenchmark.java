package com.madeup.calsync.writer.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.Actor;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventCommandResult;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.UserId;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.writer.WriterApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: a benchmark run by {@code bench/writer/run.sh} (only with {@code -Dbench.mode}). Mode
 * {@code unlimited}: the emulator's quota off, the writer's limit out of the way; measures command
 * to result latency one at a time (p50/p99) and throughput with a backlog. Mode {@code quota}: the
 * emulator's 600 calls per user per minute on, the writer at its default 8 per second; a backlog
 * of creates must finish with no quota error at the emulator.
 */
@SpringBootTest(
        classes = WriterApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "calsync.store.token-encryption.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "calsync.google.client-id=calsync-bench",
            "calsync.google.client-secret=calsync-bench-secret",
            "spring.kafka.consumer.auto-offset-reset=earliest",
            "logging.level.com.madeup.calsync.writer=WARN"
        })
@CalsyncEmbeddedKafka
@EnabledIfSystemProperty(named = "bench.mode", matches = "unlimited|quota")
class WriterBenchmark {

    static final String MODE = System.getProperty("bench.mode", "unlimited");
    static final int COMMANDS = Integer.getInteger("bench.commands", MODE.equals("quota") ? 700 : 1000);
    static final String EMAIL = "bench@example.com";

    static GoogleEmulator emulator =
            GoogleEmulator.start(EmulatorConfig.defaults().withQuotaPerUserPerMinute(MODE.equals("quota") ? 600 : 0));
    static EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
        registry.add("calsync.google.api-base-url", () -> emulator.baseUrl().toString());
        registry.add(
                "calsync.google.token-url",
                () -> emulator.baseUrl().resolve("/token").toString());
        if (MODE.equals("unlimited")) {
            registry.add("calsync.writer.rate-limit.permits-per-period", () -> "100000");
        }
    }

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    ContractPublisher publisher;

    @Autowired
    JsonMapper json;

    @Autowired
    UserRepository users;

    @Autowired
    ProviderConnectionRepository connections;

    @Autowired
    CalendarRepository calendars;

    @Autowired
    OAuthTokenStore tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void run() {
        UUID connection = UUID.randomUUID();
        User user = users.save(User.create(EMAIL, "Bench", null, false, Instant.now()));
        JsonNode account = admin.post("/emulator/accounts", "{\"email\":\"" + EMAIL + "\"}");
        connections.save(ProviderConnection.create(connection, user.id(), "google", EMAIL, Instant.now()));
        tokens.save(
                connection,
                user.id(),
                SecretToken.of(account.path("accessToken").asString()),
                SecretToken.of(account.path("refreshToken").asString()),
                Instant.now().plus(Duration.ofHours(1)),
                "https://www.googleapis.com/auth/calendar.events");
        calendars.upsertFromProvider(connection, EMAIL, "Bench", "UTC", AccessRole.OWNER, true, Instant.now());

        try (KafkaConsumer<String, String> results =
                TestKafka.consumerFromBeginning(bootstrapServers, Topics.EVENT_COMMAND_RESULT)) {
            Map<UUID, Long> arrived = new HashMap<>();
            // Warm-up: JIT, connection pools, consumer group join.
            closedLoop(50, connection, user, results, arrived);
            admin.post("/emulator/stats/reset", null);
            Cpu cpu = new Cpu(postgresPid());
            if (MODE.equals("unlimited")) {
                Cpu.Sample before = cpu.sample();
                long[] latencies = closedLoop(Math.min(COMMANDS, 500), connection, user, results, arrived);
                Cpu.Sample after = cpu.sample();
                Arrays.sort(latencies);
                System.out.printf(
                        "BENCH one at a time: %d commands, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s%n",
                        latencies.length,
                        latencies[latencies.length / 2] / 1e6,
                        latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6,
                        latencies[latencies.length - 1] / 1e6,
                        after.perCommandSince(before, latencies.length));
            }
            Cpu.Sample before = cpu.sample();
            long started = System.nanoTime();
            List<UUID> backlog = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                CreateEventCommand command = create(connection, user, i);
                backlog.add(command.commandId().value());
                publisher.publish(Topics.EVENT_COMMAND, connection.toString(), command);
            }
            awaitAll(backlog, results, arrived, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - started) / 1e9;
            Cpu.Sample after = cpu.sample();
            JsonNode stats = admin.get("/emulator/stats");
            System.out.printf(
                    "BENCH backlog (%s): %d commands in %.1f s = %.1f commands/s; emulator statuses %s; %s%n",
                    MODE,
                    COMMANDS,
                    seconds,
                    COMMANDS / seconds,
                    stats.path("statuses"),
                    after.perCommandSince(before, COMMANDS));
            assertThat(stats.path("statuses").has("403")).isFalse();
            assertThat(stats.path("statuses").has("429")).isFalse();
        }
    }

    /** The embedded PostgreSQL's postmaster, from the data directory's postmaster.pid. */
    private long postgresPid() {
        String dataDirectory = jdbc.queryForObject("SHOW data_directory", String.class);
        try {
            return Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"))
                    .getFirst()
                    .trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU time used, to give a cost per command that does not depend on how busy the shared machine
     * is: this JVM (writer, embedded broker, emulator and the benchmark's own client) and PostgreSQL
     * (the postmaster and its backends, from /proc).
     */
    record Cpu(long postgresPid) {
        record Sample(long jvmNanos, long postgresTicks) {
            String perCommandSince(Sample earlier, int commands) {
                double jvmMs = (jvmNanos - earlier.jvmNanos) / 1e6 / commands;
                // Linux reports process times in clock ticks of 10 ms (USER_HZ = 100).
                double postgresMs = (postgresTicks - earlier.postgresTicks) * 10.0 / commands;
                return String.format("CPU per command: JVM %.2f ms, PostgreSQL %.2f ms", jvmMs, postgresMs);
            }
        }

        Sample sample() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long ticks = ticks(postgresPid);
            for (ProcessHandle child :
                    ProcessHandle.of(postgresPid).orElseThrow().descendants().toList()) {
                ticks += ticks(child.pid());
            }
            return new Sample(jvm, ticks);
        }

        /** utime + stime of one process, fields 14 and 15 of /proc/pid/stat (after the command name). */
        private static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException gone) {
                return 0; // the process ended between listing and reading
            }
        }
    }

    private long[] closedLoop(
            int count, UUID connection, User user, KafkaConsumer<String, String> results, Map<UUID, Long> arrived) {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            EventCommand command = create(connection, user, i);
            long sent = System.nanoTime();
            publisher.publishAndWait(Topics.EVENT_COMMAND, connection.toString(), command);
            awaitAll(List.of(command.commandId().value()), results, arrived, Duration.ofSeconds(30));
            latencies[i] = arrived.get(command.commandId().value()) - sent;
        }
        return latencies;
    }

    private void awaitAll(
            List<UUID> commandIds, KafkaConsumer<String, String> results, Map<UUID, Long> arrived, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!arrived.keySet().containsAll(commandIds)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("results missing after " + atMost);
            }
            for (ConsumerRecord<String, String> record : results.poll(Duration.ofMillis(5))) {
                EventCommandResult result = json.readValue(record.value(), EventCommandResult.class);
                arrived.putIfAbsent(result.commandId().value(), System.nanoTime());
                assertThat(result.outcome().wire()).as(result.message()).isEqualTo("applied");
            }
        }
    }

    private static CreateEventCommand create(UUID connection, User user, int i) {
        OffsetDateTime start =
                OffsetDateTime.of(2027, 1, 4, 8, 0, 0, 0, ZoneOffset.UTC).plusHours(i);
        return new CreateEventCommand(
                MessageMeta.create(
                        EventCommand.TYPE,
                        EventCommand.VERSION,
                        new ConnectionId(connection),
                        Clock.systemUTC(),
                        UUID::randomUUID),
                new CommandId(UUID.randomUUID()),
                new Actor(new UserId(user.id()), "bench"),
                new CalendarId(EMAIL),
                null,
                new EventDraft(
                        "Bench " + i,
                        "Room " + (i % 10),
                        "Benchmark event",
                        EventTime.at(start, "UTC"),
                        EventTime.at(start.plusMinutes(30), "UTC"),
                        List.of(),
                        null));
    }
}
