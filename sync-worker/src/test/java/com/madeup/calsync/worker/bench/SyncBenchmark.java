package com.madeup.calsync.worker.bench;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.testsupport.TestDatabase;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.worker.EmulatorAdmin;
import com.madeup.calsync.worker.PushToKafka;
import com.madeup.calsync.worker.WorkerApplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Benchmarks of the sync worker (not tests): the real worker (Spring context, listeners) against an
 * embedded PostgreSQL, an embedded KRaft broker and the emulator, all in this JVM on loopback.
 *
 * <p>Arguments: {@code burst|initial|propagation|all}. See docs/benchmarks.md "sync-worker".
 */
public final class SyncBenchmark {

    private static final int WARMUP_RUNS = Integer.getInteger("bench.warmupRuns", 5);
    private static final int MEASURED_RUNS = Integer.getInteger("bench.measuredRuns", 5);

    private final EmulatorAdmin admin;
    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final ContractPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    private SyncBenchmark(GoogleEmulator google, String bootstrap, TestDatabase database) {
        this.admin = new EmulatorAdmin(google.baseUrl());
        List<String> arguments = new ArrayList<>(List.of( // command-line arguments: they win over application.yml
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--calsync.store.token-encryption.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--calsync.google.client-id=bench",
                "--calsync.google.client-secret=bench",
                "--calsync.google.api-base-url=" + google.baseUrl(),
                "--calsync.google.token-url=" + google.baseUrl() + "/token",
                "--calsync.worker.channels.webhook-url=http://127.0.0.1:9/unused",
                "--logging.level.root=WARN"));
        // Extra worker settings from the script (APP_ARGS), e.g. --calsync.worker.sync.cool-down=3s
        String extra = System.getProperty("bench.appArgs", "").trim();
        if (!extra.isEmpty()) {
            arguments.addAll(Arrays.asList(extra.split("\\s+")));
        }
        this.context = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.publisher = context.getBean(ContractPublisher.class);
        // Experiments on the schema (e.g. without a foreign key), from the script's SETUP_SQL
        for (String statement : System.getProperty("bench.setupSql", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.execute(statement);
            }
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // the broker's and emulator's threads would keep the JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 || args[0].equals("all")
                ? List.of("burst", "initial", "propagation")
                : Arrays.asList(args);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.toArray(String[]::new));
        broker.afterPropertiesSet();
        try (GoogleEmulator google = GoogleEmulator.start(EmulatorConfig.defaults())) {
            SyncBenchmark bench = new SyncBenchmark(google, broker.getBrokersAsString(), TestPostgres.newDatabase());
            try {
                for (String scenario : scenarios) {
                    switch (scenario) {
                        case "burst" -> bench.burst(1000, 1000);
                        case "initial" -> {
                            // Unmeasured runs of the same size first: a short warm-up left the JIT
                            // compiling through the measured run (a third of its CPU), which a
                            // long-running worker does not pay.
                            for (int run = 1; run <= WARMUP_RUNS; run++) {
                                bench.initial(10, 5000, "WARMUP");
                            }
                            List<Double> rates = new ArrayList<>();
                            for (int run = 1; run <= MEASURED_RUNS; run++) {
                                rates.add(bench.initial(10, 5000, "INITIAL"));
                            }
                            List<Double> sorted = rates.stream().sorted().toList();
                            System.out.printf(
                                    "INITIAL_SUMMARY runs=%d median_events_per_s=%.0f min=%.0f max=%.0f (target >= 20000)%n",
                                    sorted.size(), sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
                        }
                        case "propagation" -> bench.propagation(100);
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                    }
                }
            } finally {
                bench.context.close();
            }
        } finally {
            broker.destroy();
        }
    }

    /**
     * (d) {@code changes} provider changes on one calendar within {@code durationMillis} (the
     * emulator's burst endpoint), each pushed by the emulator through a stand-in for webhook-ingress.
     */
    private void burst(int changes, long durationMillis) throws Exception {
        Account account = connect("burst");
        generate(account.email(), 100, 1);
        requestSync(account, SyncMode.FULL);
        waitFor(Duration.ofMinutes(2), () -> lastSynced(account) != null);
        try (PushToKafka ingress = watch(account)) {
            waitFor(
                    Duration.ofSeconds(30),
                    () -> lastSynced(account).isBefore(Instant.now().minusMillis(1100)));
            long listBefore = admin.listCalls();
            Instant start = Instant.now();
            JsonNode burst = admin.post(
                    "/emulator/calendars/" + account.email() + "/burst",
                    "{\"changes\":" + changes + ",\"durationMillis\":" + durationMillis + "}");
            String lastId = burst.path("lastEventId").asString();
            String lastLocation = burst.path("lastLocation").asString();
            waitFor(Duration.ofMinutes(1), () -> lastLocation.equals(location(account, lastId)));
            Duration converged = Duration.between(start, Instant.now());
            waitFor(Duration.ofMinutes(2), Duration.ofMillis(5), () -> ingress.published() >= changes + 1);
            Duration delivered = Duration.between(start, Instant.now());
            // Settled: the last completed pass started after the last push arrived.
            waitFor(Duration.ofMinutes(1), Duration.ofMillis(20), () -> {
                var calendar = context.getBean(CalendarRepository.class)
                        .findById(account.calendarId())
                        .orElseThrow();
                return calendar.lastSyncedAt().isAfter(calendar.lastNotifiedAt());
            });
            long listCalls = admin.listCalls() - listBefore;
            System.out.printf(
                    "BURST changes=%d burst_ms=%d (asked %d) pushes_delivered_ms=%d last_change_stored_ms=%d"
                            + " incremental_list_calls=%d (target <= 3)%n",
                    changes,
                    burst.path("tookMillis").asLong(),
                    durationMillis,
                    delivered.toMillis(),
                    converged.toMillis(),
                    listCalls);
        }
    }

    /** A channel at the emulator for the account's calendar, pushing to a new stand-in ingress. */
    private PushToKafka watch(Account account) throws Exception {
        PushToKafka ingress = new PushToKafka(publisher, clock, account.connectionId(), account.email());
        String accessToken = admin.post("/emulator/accounts", "{\"email\":\"" + account.email() + "\"}")
                .path("accessToken")
                .asString();
        var watched = context.getBean(CalendarApi.class)
                .watchEvents(
                        new AccessToken(accessToken),
                        account.email(),
                        new WatchRequest(
                                "bench-" + account.connectionId(), ingress.url(), "bench-token", Duration.ofHours(1)));
        if (!watched.ok()) {
            throw new IllegalStateException("watch failed: " + watched.error());
        }
        waitFor(Duration.ofSeconds(30), () -> ingress.published() >= 1); // the sync message
        return ingress;
    }

    private String location(Account account, String eventId) {
        return jdbc.queryForObject(
                "SELECT location FROM calendar_events WHERE calendar_id = ? AND uuid = ?",
                String.class,
                account.calendarId(),
                eventId);
    }

    /** (c) first full sync of {@code calendars} x {@code perCalendar} events, quota on (600/min/user). */
    /** @return events per second */
    private double initial(int calendarCount, int perCalendar, String label) {
        // The emulator shares this JVM: without a reset, each run's 50,000 events would stay on the
        // heap and the collector's work on them would be counted as the worker's.
        admin.post("/emulator/reset", "{}");
        Account account = connect("initial");
        CalendarRepository calendars = context.getBean(CalendarRepository.class);
        List<Long> ids = new ArrayList<>(List.of(account.calendarId()));
        generate(account.email(), perCalendar, 100);
        for (int i = 1; i < calendarCount; i++) {
            String id = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8)
                    + "@group.calendar.madeup.example";
            admin.post(
                    "/emulator/accounts/" + account.email() + "/calendars",
                    "{\"id\":\"" + id + "\",\"summary\":\"Bench " + i + "\"}");
            generate(id, perCalendar, 100 + i);
            long calendarId = calendars.upsertFromProvider(
                    account.connectionId(), id, "Bench " + i, "UTC", AccessRole.OWNER, false, clock.instant());
            calendars.updatePicked(calendarId, true, clock.instant());
            ids.add(calendarId);
        }
        admin.post("/emulator/stats/reset", "{}");
        // The 50,000 events just generated at the emulator are young garbage-collected objects of this
        // JVM: collect them now, not in the measured window.
        System.gc();
        long postmaster = postmasterPid();
        CpuTime cpuBefore = CpuTime.now(postmaster);
        java.util.Map<String, Long> threadsBefore = threadTicks();
        Instant start = Instant.now();
        requestSync(account, SyncMode.FULL);
        // One cheap query every 20 ms: the wait must not load the database it measures.
        waitFor(
                Duration.ofMinutes(10),
                Duration.ofMillis(20),
                () -> jdbc.queryForObject(
                                "SELECT count(*) FROM calendars WHERE id = ANY(?) AND last_full_sync_at IS NOT NULL",
                                Long.class,
                                (Object) ids.toArray(Long[]::new))
                        == ids.size());
        Duration took = Duration.between(start, Instant.now());
        CpuTime cpu = CpuTime.now(postmaster).minus(cpuBefore);
        java.util.Map<String, Long> threadsAfter = threadTicks();
        long rows = jdbc.queryForObject(
                "SELECT count(*) FROM calendar_events WHERE calendar_id = ANY(?)", Long.class, (Object)
                        ids.toArray(Long[]::new));
        JsonNode stats = admin.stats();
        long listCalls = stats.path("calls").path("calendar.events.list").asLong();
        long quotaErrors = stats.path("statuses").path("403").asLong()
                + stats.path("statuses").path("429").asLong();
        long pages = ids.size() * (long) Math.ceil(perCalendar / 2500.0);
        System.out.printf(
                "%s calendars=%d events=%d ms=%d events_per_s=%.0f events_list_calls=%d pages=%d quota_errors=%d"
                        + " cpu_us_per_event: jvm=%.1f postgres=%.1f (of which kernel %.1f) (jvm = worker + emulator"
                        + " + broker)%n",
                label,
                ids.size(),
                rows,
                took.toMillis(),
                rows * 1000.0 / took.toMillis(),
                listCalls,
                pages,
                quotaErrors,
                cpu.jvmNanos() / 1000.0 / rows,
                cpu.childNanos() / 1000.0 / rows,
                cpu.childKernelNanos() / 1000.0 / rows);
        printThreadBreakdown(label, threadsBefore, threadsAfter, rows);
        return rows * 1000.0 / took.toMillis();
    }

    /**
     * CPU ticks of this JVM's live threads, summed by thread name with digits folded ("C2
     * CompilerThre#"): where the JVM's share goes (worker, emulator, broker, JIT, GC). Threads that
     * ended during the run are missing, so the printed total ("live threads") can be below the JVM's.
     */
    private static java.util.Map<String, Long> threadTicks() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    byName.merge(name + "|" + task.getFileName(), ownTicks(statFields(stat)), Long::sum);
                } catch (java.io.IOException | RuntimeException ended) {
                    // the thread ended while we read
                }
            }
        } catch (java.io.IOException e) {
            return byName;
        }
        return byName;
    }

    /** The fields of a /proc stat line after the command name (which may hold spaces): state first. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime, in clock ticks (USER_HZ, 100 per second), from {@link #statFields}. */
    private static long ownTicks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void printThreadBreakdown(
            String label, java.util.Map<String, Long> before, java.util.Map<String, Long> after, long rows) {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        long total = 0;
        for (var entry : after.entrySet()) {
            long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            String name = entry.getKey().substring(0, entry.getKey().indexOf('|'));
            byName.merge(name, delta, Long::sum);
            total += delta;
        }
        StringBuilder line = new StringBuilder(label + "_THREADS cpu_us_per_event by thread name:");
        final long sum = total;
        byName.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry ->
                        line.append(String.format(" [%s]=%.1f", entry.getKey(), entry.getValue() * 10_000.0 / rows)));
        line.append(String.format(" (live threads %.1f)", sum * 10_000.0 / rows));
        System.out.println(line);
    }

    /**
     * (b) emulator change -> push -> stand-in ingress -> Kafka -> worker -> committed row, one isolated
     * change at a time (outside the cool-down window), timed from just before the change.
     */
    private void propagation(int samples) throws Exception {
        Account account = connect("propagation");
        generate(account.email(), 50, 7);
        requestSync(account, SyncMode.FULL);
        waitFor(Duration.ofMinutes(2), () -> lastSynced(account) != null);
        String id = jdbc.queryForObject(
                "SELECT uuid FROM calendar_events WHERE calendar_id = ? ORDER BY uuid LIMIT 1",
                String.class,
                account.calendarId());
        Duration coolDown = context.getEnvironment()
                .getProperty("calsync.worker.sync.cool-down", Duration.class, Duration.ofSeconds(1));
        List<Long> micros = new ArrayList<>();
        try (PushToKafka ingress = watch(account)) {
            Instant previousChange = Instant.EPOCH; // the first change only waits for the cool-down
            for (int i = 0; i < samples; i++) {
                // Isolated changes: the next one once the pass of the previous one has recorded its start
                // and a cool-down has passed since, so the worker runs it at once instead of coalescing.
                Instant previous = previousChange;
                waitFor(Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
                    Instant lastPass = lastSynced(account);
                    return lastPass != null
                            && lastPass.isAfter(previous)
                            && Instant.now().isAfter(lastPass.plus(coolDown).plusMillis(50));
                });
                String location = "propagation " + i;
                previousChange = Instant.now();
                long t0 = System.nanoTime();
                admin.patch(
                        "/emulator/calendars/" + account.email() + "/events/" + id,
                        "{\"location\":\"" + location + "\"}");
                waitFor(Duration.ofSeconds(30), () -> location.equals(location(account, id)));
                micros.add((System.nanoTime() - t0) / 1000);
            }
        }
        micros.sort(Long::compare);
        System.out.printf(
                "PROPAGATION samples=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f"
                        + " (emulator change -> push -> stand-in ingress -> Kafka -> committed row)%n",
                samples,
                micros.get(samples / 2) / 1000.0,
                micros.get((int) (samples * 0.9)) / 1000.0,
                micros.get(Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)) / 1000.0,
                micros.get(samples - 1) / 1000.0);
    }

    /** The PostgreSQL postmaster: the parent of our backend. */
    private long postmasterPid() {
        int backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + backend + "/status")).stream()
                    .filter(line -> line.startsWith("PPid:"))
                    .mapToLong(line -> Long.parseLong(line.substring(5).trim()))
                    .findFirst()
                    .orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * CPU time of this JVM and of the PostgreSQL server (postmaster, its live children, and the
     * children it reaped), from /proc.
     */
    /**
     * CPU time of this JVM and of the PostgreSQL server (postmaster and its processes); {@code
     * childKernelNanos} is the server's share spent in the kernel (stime), where this VM's page-cache
     * and memory work shows up.
     */
    record CpuTime(long jvmNanos, long childNanos, long childKernelNanos) {

        static CpuTime now(long postmasterPid) {
            long jvm = ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long[] postgres = ProcessHandle.of(postmasterPid)
                    .map(server -> {
                        long[] sum = ticks(server.pid(), true);
                        server.descendants().forEach(process -> {
                            long[] child = ticks(process.pid(), false);
                            sum[0] += child[0];
                            sum[1] += child[1];
                        });
                        return sum;
                    })
                    .orElse(new long[2]);
            // USER_HZ = 100
            return new CpuTime(jvm, (postgres[0] + postgres[1]) * 10_000_000L, postgres[1] * 10_000_000L);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(
                    jvmNanos - earlier.jvmNanos,
                    childNanos - earlier.childNanos,
                    childKernelNanos - earlier.childKernelNanos);
        }

        /** {user, system} clock ticks of the process (and, if asked, of its reaped children). */
        private static long[] ticks(long pid, boolean withReapedChildren) {
            try {
                String[] fields =
                        statFields(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat")));
                long user = Long.parseLong(fields[11]);
                long system = Long.parseLong(fields[12]);
                if (withReapedChildren) {
                    user += Long.parseLong(fields[13]);
                    system += Long.parseLong(fields[14]);
                }
                return new long[] {user, system};
            } catch (java.io.IOException | RuntimeException gone) {
                return new long[2];
            }
        }
    }

    // --- arrangement ---

    record Account(String email, UUID connectionId, long calendarId) {}

    private Account connect(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@madeup.example";
        JsonNode grant = admin.post("/emulator/accounts", "{\"email\":\"" + email + "\",\"timeZone\":\"UTC\"}");
        Instant now = clock.instant();
        User user = context.getBean(UserRepository.class).save(User.create(email, name, null, false, now));
        UUID connectionId = UUID.randomUUID();
        context.getBean(ProviderConnectionRepository.class)
                .save(ProviderConnection.create(connectionId, user.id(), "google", email, now));
        context.getBean(OAuthTokenStore.class)
                .save(
                        connectionId,
                        user.id(),
                        SecretToken.of(grant.path("accessToken").asString()),
                        SecretToken.of(grant.path("refreshToken").asString()),
                        now.plusSeconds(3000),
                        "https://www.googleapis.com/auth/calendar");
        CalendarRepository calendars = context.getBean(CalendarRepository.class);
        long calendarId = calendars.upsertFromProvider(connectionId, email, name, "UTC", AccessRole.OWNER, true, now);
        calendars.updatePicked(calendarId, true, now);
        return new Account(email, connectionId, calendarId);
    }

    private void generate(String calendarId, int count, long seed) {
        admin.post(
                "/emulator/calendars/" + calendarId + "/generate",
                "{\"count\":" + count + ",\"seed\":" + seed + ",\"recurringShare\":0}");
    }

    private Instant lastSynced(Account account) {
        return context.getBean(CalendarRepository.class)
                .findById(account.calendarId())
                .orElseThrow()
                .lastSyncedAt();
    }

    private void requestSync(Account account, SyncMode mode) {
        publisher.publishAndWait(
                Topics.SYNC_REQUESTED,
                account.connectionId().toString(),
                new SyncRequested(
                        MessageMeta.create(
                                SyncRequested.TYPE,
                                SyncRequested.VERSION,
                                new ConnectionId(account.connectionId()),
                                clock,
                                UUID::randomUUID),
                        null,
                        SyncReason.OPERATOR,
                        mode));
    }

    private static void waitFor(Duration atMost, BooleanSupplier condition) {
        waitFor(atMost, Duration.ofMillis(2), condition);
    }

    /** Polls often (the default 100 ms would add to the measured times), bounded by {@code atMost}. */
    private static void waitFor(Duration atMost, Duration poll, BooleanSupplier condition) {
        Awaitility.await()
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(poll)
                .until(condition::getAsBoolean);
    }
}
