package com.madeup.calsync.worker.bench;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResourceState;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.WatchedResource;
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
import com.madeup.calsync.worker.WorkerApplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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

    private final EmulatorAdmin admin;
    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final ContractPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    private SyncBenchmark(GoogleEmulator google, String bootstrap, TestDatabase database) {
        this.admin = new EmulatorAdmin(google.baseUrl());
        this.context = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run( // command-line arguments: they win over application.yml
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
                        "--logging.level.root=WARN");
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.publisher = context.getBean(ContractPublisher.class);
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
                        case "burst" -> bench.burst(1000);
                        case "initial" -> bench.initial(10, 5000);
                        case "propagation" -> bench.propagation(30);
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

    /** (d) {@code changes} provider changes, each with its notification, as fast as possible on one calendar. */
    private void burst(int changes) {
        Account account = connect("burst");
        generate(account.email(), 100, 1);
        requestSync(account, SyncMode.FULL);
        waitFor(Duration.ofMinutes(2), () -> lastSynced(account) != null);
        List<String> ids = jdbc.queryForList(
                "SELECT uuid FROM calendar_events WHERE calendar_id = ? ORDER BY uuid",
                String.class,
                account.calendarId());
        sleep(Duration.ofMillis(1100)); // start outside the previous pass's interval
        long listBefore = admin.listCalls();
        Instant start = Instant.now();
        for (int i = 0; i < changes; i++) {
            admin.patch(
                    "/emulator/calendars/" + account.email() + "/events/" + ids.get(i % ids.size()),
                    "{\"location\":\"burst " + i + "\"}");
            publisher.publish(
                    Topics.CALENDAR_CHANGE_NOTIFIED, account.connectionId().toString(), notification(account, i + 2));
        }
        Duration burst = Duration.between(start, Instant.now());
        String lastLocation = "burst " + (changes - 1);
        String lastId = ids.get((changes - 1) % ids.size());
        waitFor(
                Duration.ofMinutes(1),
                () -> lastLocation.equals(jdbc.queryForObject(
                        "SELECT location FROM calendar_events WHERE calendar_id = ? AND uuid = ?",
                        String.class,
                        account.calendarId(),
                        lastId)));
        Duration converged = Duration.between(start, Instant.now());
        sleep(Duration.ofSeconds(3)); // let any trailing notifications be consumed
        long listCalls = admin.listCalls() - listBefore;
        System.out.printf(
                "BURST changes=%d burst_ms=%d converged_ms=%d incremental_list_calls=%d (target <= 3)%n",
                changes, burst.toMillis(), converged.toMillis(), listCalls);
    }

    /** (c) first full sync of {@code calendars} x {@code perCalendar} events, quota on (600/min/user). */
    private void initial(int calendarCount, int perCalendar) {
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
        Instant start = Instant.now();
        requestSync(account, SyncMode.FULL);
        waitFor(
                Duration.ofMinutes(10),
                () -> ids.stream()
                        .allMatch(id -> calendars.findById(id).orElseThrow().lastFullSyncAt() != null));
        Duration took = Duration.between(start, Instant.now());
        long rows = jdbc.queryForObject(
                "SELECT count(*) FROM calendar_events WHERE calendar_id = ANY(?)", Long.class, (Object)
                        ids.toArray(Long[]::new));
        JsonNode stats = admin.stats();
        long listCalls = stats.path("calls").path("calendar.events.list").asLong();
        long quotaErrors = stats.path("statuses").path("403").asLong()
                + stats.path("statuses").path("429").asLong();
        long pages = ids.size() * (long) Math.ceil(perCalendar / 2500.0);
        System.out.printf(
                "INITIAL calendars=%d events=%d ms=%d events_per_s=%.0f events_list_calls=%d pages=%d quota_errors=%d%n",
                ids.size(), rows, took.toMillis(), rows * 1000.0 / took.toMillis(), listCalls, pages, quotaErrors);
    }

    /** (b, partial) notification published -> row committed, one isolated change at a time. */
    private void propagation(int samples) {
        Account account = connect("propagation");
        generate(account.email(), 50, 7);
        requestSync(account, SyncMode.FULL);
        waitFor(Duration.ofMinutes(2), () -> lastSynced(account) != null);
        String id = jdbc.queryForObject(
                "SELECT uuid FROM calendar_events WHERE calendar_id = ? ORDER BY uuid LIMIT 1",
                String.class,
                account.calendarId());
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            sleep(Duration.ofMillis(1100)); // isolated changes: outside the burst-collapse interval
            String location = "propagation " + i;
            admin.patch(
                    "/emulator/calendars/" + account.email() + "/events/" + id, "{\"location\":\"" + location + "\"}");
            long t0 = System.nanoTime();
            publisher.publish(
                    Topics.CALENDAR_CHANGE_NOTIFIED, account.connectionId().toString(), notification(account, i + 2));
            waitFor(
                    Duration.ofSeconds(30),
                    () -> location.equals(jdbc.queryForObject(
                            "SELECT location FROM calendar_events WHERE calendar_id = ? AND uuid = ?",
                            String.class,
                            account.calendarId(),
                            id)));
            micros.add((System.nanoTime() - t0) / 1000);
        }
        micros.sort(Long::compare);
        System.out.printf(
                "PROPAGATION samples=%d p50_ms=%.1f p90_ms=%.1f max_ms=%.1f (notification published -> row committed)%n",
                samples,
                micros.get(samples / 2) / 1000.0,
                micros.get((int) (samples * 0.9)) / 1000.0,
                micros.get(samples - 1) / 1000.0);
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

    private CalendarChangeNotified notification(Account account, long number) {
        return new CalendarChangeNotified(
                MessageMeta.create(
                        CalendarChangeNotified.TYPE,
                        CalendarChangeNotified.VERSION,
                        new ConnectionId(account.connectionId()),
                        clock,
                        UUID::randomUUID),
                WatchedResource.EVENTS,
                new CalendarId(account.email()),
                "bench-channel",
                "bench-resource",
                ResourceState.EXISTS,
                number,
                null);
    }

    private static void waitFor(Duration atMost, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("condition not met within " + atMost);
            }
            sleep(Duration.ofMillis(2));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
