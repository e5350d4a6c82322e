package com.madeup.calsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.Person;
import com.madeup.calsync.store.account.PersonRepository;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.worker.EmulatorAdmin;
import com.madeup.calsync.worker.PushToKafka;
import com.madeup.calsync.worker.WorkerApplication;
import com.madeup.calsync.worker.token.AuthorizedCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker end to end: real PostgreSQL, a real embedded Kafka broker, the Google emulator over
 * HTTP. Messages go in through Kafka; rows, change messages and emulator call counts are checked.
 */
@SpringBootTest(
        classes = WorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "calsync.store.token-encryption.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "calsync.google.client-id=sync-worker-test",
            "calsync.google.client-secret=not-a-secret",
            "calsync.worker.channels.webhook-url=http://127.0.0.1:9/unused",
            // Channels and reconcile have their own tests; here they would add provider calls.
            "calsync.worker.channels.enabled=false",
            "calsync.worker.reconcile.enabled=false",
            "calsync.worker.sync.cool-down=1s",
            "calsync.messaging.retry.initial-interval=50ms",
            "calsync.messaging.retry.max-interval=200ms",
            "calsync.messaging.retry.max-retries=2"
        })
@CalsyncEmbeddedKafka
class SyncIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration AT_MOST = Duration.ofSeconds(20);
    private static final GoogleEmulator GOOGLE = GoogleEmulator.start(EmulatorConfig.defaults());
    private static final EmulatorAdmin ADMIN = new EmulatorAdmin(GOOGLE.baseUrl());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
        registry.add("calsync.google.api-base-url", () -> GOOGLE.baseUrl().toString());
        registry.add("calsync.google.token-url", () -> GOOGLE.baseUrl() + "/token");
        registry.add("calsync.google.revoke-url", () -> GOOGLE.baseUrl() + "/revoke");
    }

    @AfterAll
    static void stopEmulator() {
        GOOGLE.close();
    }

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    ContractPublisher publisher;

    @Autowired
    UserRepository users;

    @Autowired
    PersonRepository persons;

    @Autowired
    ProviderConnectionRepository connections;

    @Autowired
    CalendarRepository calendars;

    @Autowired
    OAuthTokenStore tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    CalendarApi calendarApi;

    @Autowired
    AuthorizedCalls authorizedCalls;

    @Autowired
    CalendarEventStore eventStore;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meterRegistry;

    /** A connected account with one picked calendar: its primary one (id = email). */
    record Account(String email, UUID connectionId, long calendarId) {}

    @Test
    void fullSyncThenIncrementalPublishesEachChangeOnceAndSkipsDuplicateNotifications() {
        Account account = connect("ada");
        persons.save(Person.create("alice.adams@madeup.example", "Alice Adams", null, clock.instant()));
        String timed = createEvent(account, """
                {"summary":"Kick-off","description":"%s","location":"Room 1",
                 "start":{"dateTime":"2026-12-01T10:00:00+01:00","timeZone":"Europe/Berlin"},
                 "end":{"dateTime":"2026-12-01T11:00:00+01:00","timeZone":"Europe/Berlin"},
                 "attendees":[{"email":"alice.adams@madeup.example","responseStatus":"accepted"},
                              {"email":"stranger@elsewhere.example"}],
                 "extendedProperties":{"private":{"calsyncMatterId":"42"}}}
                """.formatted("x".repeat(5000)));
        createEvent(account, """
                {"summary":"Offsite","start":{"date":"2026-12-03"},"end":{"date":"2026-12-05"}}
                """);
        String series = createEvent(account, """
                {"summary":"Standup","recurrence":["RRULE:FREQ=DAILY;COUNT=3"],
                 "start":{"dateTime":"2026-12-07T09:00:00+01:00","timeZone":"Europe/Berlin"},
                 "end":{"dateTime":"2026-12-07T09:15:00+01:00","timeZone":"Europe/Berlin"}}
                """);

        double fullPassesBefore = passes("full", "completed");
        double incrementalPassesBefore = passes("incremental", "completed");
        requestSync(account, SyncReason.CALENDARS_PICKED, SyncMode.INCREMENTAL);

        await().atMost(AT_MOST).until(() -> count(account) == 5);
        assertThat(changes(account, 5))
                .allSatisfy(
                        change -> assertThat(change.path("change").asString()).isEqualTo("upserted"));
        Map<String, Object> kickOff = row(account, timed);
        assertThat(kickOff)
                .containsEntry("summary", "Kick-off")
                .containsEntry("matter_id", 42L)
                .containsEntry("start_time_zone", "Europe/Berlin")
                .containsEntry("all_day", false);
        assertThat((String) kickOff.get("description")).hasSize(5000);
        Map<String, Object> offsite = jdbc.queryForMap(
                "SELECT * FROM calendar_events WHERE calendar_id = ? AND summary = 'Offsite'", account.calendarId());
        assertThat(offsite)
                .containsEntry("all_day", true)
                .containsEntry("start_date", java.sql.Date.valueOf(LocalDate.parse("2026-12-03")))
                .containsEntry("end_date", java.sql.Date.valueOf(LocalDate.parse("2026-12-05")));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_events WHERE calendar_id = ? AND recurring_event_id = ?"
                                + " AND original_start_time IS NOT NULL",
                        Integer.class,
                        account.calendarId(),
                        series))
                .isEqualTo(3);
        List<Map<String, Object>> invitations = jdbc.queryForList(
                "SELECT i.email, i.invited_id, i.response_status FROM calendar_event_invitations i"
                        + " JOIN calendar_events e ON e.id = i.event_id WHERE e.uuid = ? ORDER BY i.email",
                timed);
        assertThat(invitations).hasSize(2);
        assertThat(invitations.get(0))
                .containsEntry("email", "alice.adams@madeup.example")
                .containsEntry("response_status", "accepted");
        assertThat(invitations.get(0).get("invited_id")).isNotNull();
        assertThat(invitations.get(1)).containsEntry("email", "stranger@elsewhere.example");
        assertThat(invitations.get(1).get("invited_id")).isNull();
        JsonNode published = changes(account, 5).stream()
                .filter(c -> c.path("eventId").asString().equals(timed))
                .findFirst()
                .orElseThrow();
        assertThat(published.path("event").path("matterId").asLong()).isEqualTo(42);
        assertThat(published
                        .path("event")
                        .path("attendees")
                        .get(0)
                        .path("personId")
                        .isNumber())
                .isTrue();
        assertThat(calendars.findById(account.calendarId()).orElseThrow().syncToken())
                .isNotNull();

        // A change at the provider, then its notification: one incremental pass, one message.
        ADMIN.patch(eventPath(account, timed), "{\"summary\":\"Kick-off (moved)\"}");
        CalendarChangeNotified notification = notification(account, 2);
        publish(notification);
        await().atMost(AT_MOST)
                .until(() -> "Kick-off (moved)".equals(row(account, timed).get("summary")));
        assertThat(changes(account, 6)).hasSize(6);

        // Replays and stale notifications: no pass, no list call, no message. A later change proves
        // they were consumed (same key, same partition, handled in order).
        long listCallsBefore = ADMIN.listCalls();
        publish(notification);
        publish(notification);
        publish(notification(account, 1, Instant.parse("2026-01-01T00:00:00Z")));
        ADMIN.patch(eventPath(account, timed), "{\"location\":\"Room 2\"}");
        publish(notification(account, 3));
        await().atMost(AT_MOST).until(() -> "Room 2".equals(row(account, timed).get("location")));
        assertThat(ADMIN.listCalls() - listCallsBefore).isEqualTo(1);
        assertThat(changes(account, 7)).hasSize(7);

        // Metrics: one full and two incremental passes counted; the calendar's lag gauge (tagged by
        // row id) restarted at the last pass and grows while nothing happens.
        await().atMost(AT_MOST).until(() -> passes("incremental", "completed") - incrementalPassesBefore >= 2);
        assertThat(passes("full", "completed") - fullPassesBefore).isEqualTo(1);
        io.micrometer.core.instrument.Gauge lag = meterRegistry
                .find("calsync.worker.sync.lag")
                .tag("calendar", Long.toString(account.calendarId()))
                .gauge();
        assertThat(lag).isNotNull();
        double lagNow = lag.value();
        assertThat(lagNow).isBetween(0.0, 15.0);
        await().atMost(AT_MOST).until(() -> lag.value() > lagNow);
    }

    private double passes(String mode, String outcome) {
        var counter = meterRegistry
                .find("calsync.worker.sync.passes")
                .tags("mode", mode, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void rejectedTokenIsRefreshedAndInvalidSyncTokenLeadsToFullResyncThatRemovesRowsDeletedMeanwhile() {
        Account account = connect("bob");
        String kept = createEvent(account, timedEvent("Kept", "2026-12-02"));
        String removed = createEvent(account, timedEvent("Removed", "2026-12-03"));
        requestSync(account, SyncReason.CALENDARS_PICKED, SyncMode.INCREMENTAL);
        await().atMost(AT_MOST).until(() -> count(account) == 2);
        String firstToken =
                calendars.findById(account.calendarId()).orElseThrow().syncToken();

        ADMIN.delete(eventPath(account, removed));
        ADMIN.post("/emulator/sync-tokens/invalidate", "{\"calendarId\":\"" + account.email() + "\"}");
        // The stored access token still looks valid to us but Google rejects it: 401, refresh, retry.
        ADMIN.post("/emulator/access-tokens/expire", "{\"email\":\"" + account.email() + "\"}");
        long refreshesBefore = ADMIN.stats().path("calls").path("oauth2.token").asLong(0);
        requestSync(account, SyncReason.RECONCILE, SyncMode.INCREMENTAL);

        await().atMost(AT_MOST).until(() -> count(account) == 1);
        assertThat(row(account, kept)).containsEntry("summary", "Kept");
        assertThat(ADMIN.stats().path("calls").path("oauth2.token").asLong(0)).isGreaterThan(refreshesBefore);
        assertThat(connections.findById(account.connectionId()).orElseThrow().status())
                .isEqualTo(ConnectionStatus.ACTIVE);
        List<JsonNode> changes = changes(account, 3);
        assertThat(changes).hasSize(3);
        assertThat(changes.get(2).path("change").asString()).isEqualTo("deleted");
        assertThat(changes.get(2).path("eventId").asString()).isEqualTo(removed);
        await().atMost(AT_MOST)
                .untilAsserted(() -> assertThat(calendars
                                .findById(account.calendarId())
                                .orElseThrow()
                                .syncToken())
                        .isNotNull()
                        .isNotEqualTo(firstToken));
    }

    @Test
    void revokedConsentPausesTheConnectionAndAPoisonMessageDoesNotBlockTheNextOne() {
        Account revoked = connect("carol");
        createEvent(revoked, timedEvent("Never read", "2026-12-02"));
        ADMIN.post("/emulator/tokens/revoke", "{\"email\":\"" + revoked.email() + "\"}");
        ADMIN.post("/emulator/access-tokens/expire", "{\"email\":\"" + revoked.email() + "\"}");

        requestSync(revoked, SyncReason.CALENDARS_PICKED, SyncMode.INCREMENTAL);
        await().atMost(AT_MOST)
                .until(() -> connections
                                .findById(revoked.connectionId())
                                .orElseThrow()
                                .status()
                        == ConnectionStatus.NEEDS_REAUTH);

        // A notification for a connection nobody knows goes to the dead-letter topic at once...
        UUID unknown = UUID.randomUUID();
        publisher.publishAndWait(
                Topics.CALENDAR_CHANGE_NOTIFIED,
                unknown.toString(),
                new CalendarChangeNotified(
                        MessageMeta.create(
                                CalendarChangeNotified.TYPE,
                                CalendarChangeNotified.VERSION,
                                new ConnectionId(unknown),
                                clock,
                                UUID::randomUUID),
                        WatchedResource.EVENTS,
                        new CalendarId("nobody@madeup.example"),
                        "channel-x",
                        "resource-x",
                        ResourceState.EXISTS,
                        2,
                        null));
        assertThat(TestKafka.readAtLeast(bootstrapServers, Topics.CALENDAR_CHANGE_NOTIFIED_DLT, 1, AT_MOST))
                .anySatisfy(r -> assertThat(r.key()).isEqualTo(unknown.toString()));

        // ...and the work after it still happens; the paused connection published nothing.
        Account healthy = connect("dan");
        createEvent(healthy, timedEvent("Read", "2026-12-02"));
        requestSync(healthy, SyncReason.CALENDARS_PICKED, SyncMode.INCREMENTAL);
        await().atMost(AT_MOST).until(() -> count(healthy) == 1);
        publish(notification(revoked, 2));
        publish(notification(healthy, 2));
        await().atMost(AT_MOST).until(() -> changes(healthy, 1).size() == 1);
        assertThat(count(revoked)).isZero();
        assertThat(changesNow(revoked)).isEmpty();
    }

    @Test
    void calendarListIsSyncedIncrementallyWithItsTokenAndA410ReadsTheWholeListAgain() {
        Account account = connect("erin");
        String shared = "shared-" + UUID.randomUUID() + "@group.calendar.madeup.example";
        ADMIN.post(
                "/emulator/accounts/" + account.email() + "/calendars",
                "{\"id\":\"" + shared + "\",\"summary\":\"Shared\",\"accessRole\":\"reader\"}");

        publish(listNotification(account, 2));
        await().atMost(AT_MOST)
                .until(() -> calendars
                        .findByConnectionIdAndProviderCalendarId(account.connectionId(), shared)
                        .isPresent());
        Calendar added = calendars
                .findByConnectionIdAndProviderCalendarId(account.connectionId(), shared)
                .orElseThrow();
        assertThat(added.accessRole()).isEqualTo(AccessRole.READER);
        assertThat(added.removedAt()).isNull();
        calendars.updatePicked(added.id(), true, clock.instant());
        await().atMost(AT_MOST)
                .until(() -> connections
                        .findCalendarListSyncToken(account.connectionId())
                        .isPresent());
        String firstToken =
                connections.findCalendarListSyncToken(account.connectionId()).orElseThrow();
        // A row the provider does not list: an incremental list names only changes, so it stays.
        long ghost = calendars.upsertFromProvider(
                account.connectionId(),
                "ghost@madeup.example",
                "Ghost",
                "UTC",
                AccessRole.READER,
                false,
                clock.instant());

        ADMIN.delete("/emulator/accounts/" + account.email() + "/calendars/" + shared);
        publish(listNotification(account, 3));
        await().atMost(AT_MOST)
                .until(() -> calendars.findById(added.id()).orElseThrow().removedAt() != null);
        Calendar removed = calendars.findById(added.id()).orElseThrow();
        assertThat(removed.picked()).isFalse();
        assertThat(calendars.findById(account.calendarId()).orElseThrow().removedAt())
                .isNull();
        assertThat(calendars.findById(ghost).orElseThrow().removedAt()).isNull();
        await().atMost(AT_MOST)
                .until(() -> !connections
                        .findCalendarListSyncToken(account.connectionId())
                        .orElseThrow()
                        .equals(firstToken));

        // The token is refused (410): the whole list again, which removes what it lacks.
        ADMIN.post(
                "/emulator/faults",
                "{\"status\":410,\"reason\":\"fullSyncRequired\",\"count\":1,\"pathRegex\":\"calendarList\"}");
        publish(listNotification(account, 4));
        await().atMost(AT_MOST)
                .until(() -> calendars.findById(ghost).orElseThrow().removedAt() != null);
        assertThat(calendars.findById(account.calendarId()).orElseThrow().removedAt())
                .isNull();
        assertThat(connections.findCalendarListSyncToken(account.connectionId()))
                .isPresent();
    }

    @Test
    void changesKafkaDidNotAcknowledgeAreNotStoredSoTheRetriedPassAnnouncesThem() {
        Account account = connect("kafka-down");
        createEvent(account, """
                {"summary":"Unannounced","start":{"date":"2026-12-10"},"end":{"date":"2026-12-11"}}
                """);
        var unreachable = new DefaultKafkaProducerFactory<Object, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                600,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
        var syncWithoutKafka = new CalendarSync(
                calendarApi,
                authorizedCalls,
                eventStore,
                calendars,
                jdbc,
                new ChangeSender(new KafkaTemplate<>(unreachable)),
                clock,
                UUID::randomUUID,
                Duration.ofSeconds(2),
                new TransactionTemplate(transactionManager),
                Runnable::run,
                new SyncMetrics(null, jdbc, clock));
        try {
            Calendar calendar = calendars.findById(account.calendarId()).orElseThrow();
            assertThatThrownBy(() -> syncWithoutKafka.sync(calendar, true)).isInstanceOf(RetryableSyncException.class);
        } finally {
            unreachable.destroy();
        }
        assertThat(count(account))
                .as("rows roll back with their unsent change messages")
                .isZero();

        requestSync(account, SyncReason.OPERATOR, SyncMode.FULL);

        await().atMost(AT_MOST).until(() -> count(account) == 1);
        assertThat(changes(account, 1))
                .singleElement()
                .satisfies(change -> assertThat(
                                change.path("event").path("summary").asString())
                        .isEqualTo("Unannounced"));
    }

    @Test
    void aBurstOfPushedChangesOnOneCalendarNeedsAtMostThreeListCallsAndEndsWithTheLastChange() throws Exception {
        Account account = connect("frank");
        for (int i = 0; i < 20; i++) {
            createEvent(account, timedEvent("Burst " + i, "2026-12-1" + (i % 10)));
        }
        requestSync(account, SyncReason.CALENDARS_PICKED, SyncMode.INCREMENTAL);
        await().atMost(AT_MOST).until(() -> count(account) == 20);
        // The emulator pushes to a stand-in for webhook-ingress that publishes each push to Kafka.
        try (PushToKafka ingress = new PushToKafka(publisher, clock, account.connectionId(), account.email())) {
            String accessToken = ADMIN.post("/emulator/accounts", "{\"email\":\"" + account.email() + "\"}")
                    .path("accessToken")
                    .asString();
            var watch = calendarApi.watchEvents(
                    new AccessToken(accessToken),
                    account.email(),
                    new WatchRequest(
                            "burst-" + account.connectionId(), ingress.url(), "burst-token", Duration.ofHours(1)));
            assertThat(watch.ok()).as(String.valueOf(watch.error())).isTrue();
            await().atMost(AT_MOST).until(() -> ingress.published() == 1); // the channel's sync message
            await().atMost(AT_MOST)
                    .until(() -> !calendars
                            .findById(account.calendarId())
                            .orElseThrow()
                            .lastSyncedAt()
                            .isAfter(clock.instant().minusSeconds(2))); // start outside the cool-down
            long listCallsBefore = ADMIN.listCalls();

            JsonNode burst = ADMIN.post(
                    "/emulator/calendars/" + account.email() + "/burst", "{\"changes\":30,\"durationMillis\":300}");

            String lastId = burst.path("lastEventId").asString();
            String lastLocation = burst.path("lastLocation").asString();
            await().atMost(AT_MOST)
                    .until(() -> lastLocation.equals(row(account, lastId).get("location")));
            await().atMost(AT_MOST).until(() -> ingress.published() == 31);
            // Settled: the last completed pass started after the last notification arrived.
            await().atMost(AT_MOST).until(() -> {
                Calendar calendar = calendars.findById(account.calendarId()).orElseThrow();
                return calendar.lastSyncedAt().isAfter(calendar.lastNotifiedAt());
            });
            assertThat(ADMIN.listCalls() - listCallsBefore).isBetween(1L, 3L);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM calendar_events WHERE calendar_id = ? AND location LIKE 'burst %'",
                            Integer.class, account.calendarId()))
                    .isEqualTo(20);
        }
    }

    // --- arrangement ---

    private Account connect(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@madeup.example";
        JsonNode grant =
                ADMIN.post("/emulator/accounts", "{\"email\":\"" + email + "\",\"timeZone\":\"Europe/Berlin\"}");
        Instant now = clock.instant();
        User user = users.save(User.create(email, name, null, false, now));
        UUID connectionId = UUID.randomUUID();
        connections.save(ProviderConnection.create(connectionId, user.id(), "google", email, now));
        tokens.save(
                connectionId,
                user.id(),
                SecretToken.of(grant.path("accessToken").asString()),
                SecretToken.of(grant.path("refreshToken").asString()),
                now.plusSeconds(grant.path("expiresIn").asLong(3600)),
                "https://www.googleapis.com/auth/calendar");
        long calendarId =
                calendars.upsertFromProvider(connectionId, email, name, "Europe/Berlin", AccessRole.OWNER, true, now);
        calendars.updatePicked(calendarId, true, now);
        return new Account(email, connectionId, calendarId);
    }

    private static String createEvent(Account account, String json) {
        return ADMIN.post("/emulator/calendars/" + account.email() + "/events", json)
                .path("id")
                .asString();
    }

    private static String timedEvent(String summary, String day) {
        return """
                {"summary":"%s","start":{"dateTime":"%sT10:00:00Z"},"end":{"dateTime":"%sT11:00:00Z"}}
                """.formatted(summary, day, day);
    }

    private static String eventPath(Account account, String eventId) {
        return "/emulator/calendars/" + account.email() + "/events/" + eventId;
    }

    private void requestSync(Account account, SyncReason reason, SyncMode mode) {
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
                        reason,
                        mode));
    }

    private CalendarChangeNotified notification(Account account, long number) {
        return notification(account, number, clock.instant());
    }

    private CalendarChangeNotified notification(Account account, long number, Instant receivedAt) {
        return new CalendarChangeNotified(
                new MessageMeta(
                        UUID.randomUUID(),
                        CalendarChangeNotified.TYPE,
                        CalendarChangeNotified.VERSION,
                        receivedAt,
                        new ConnectionId(account.connectionId())),
                WatchedResource.EVENTS,
                new CalendarId(account.email()),
                "channel-" + account.connectionId(),
                "resource-" + account.email(),
                ResourceState.EXISTS,
                number,
                null);
    }

    private CalendarChangeNotified listNotification(Account account, long number) {
        return new CalendarChangeNotified(
                MessageMeta.create(
                        CalendarChangeNotified.TYPE,
                        CalendarChangeNotified.VERSION,
                        new ConnectionId(account.connectionId()),
                        clock,
                        UUID::randomUUID),
                WatchedResource.CALENDAR_LIST,
                null,
                "list-channel-" + account.connectionId(),
                "list-resource",
                ResourceState.EXISTS,
                number,
                null);
    }

    private void publish(CalendarChangeNotified notification) {
        publisher.publishAndWait(
                Topics.CALENDAR_CHANGE_NOTIFIED,
                notification.meta().connectionId().toString(),
                notification);
    }

    private int count(Account account) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM calendar_events WHERE calendar_id = ?", Integer.class, account.calendarId());
    }

    private Map<String, Object> row(Account account, String providerEventId) {
        return jdbc.queryForMap(
                "SELECT * FROM calendar_events WHERE calendar_id = ? AND uuid = ?",
                account.calendarId(),
                providerEventId);
    }

    /** This account's change messages, once at least {@code atLeast} arrived, in publish order. */
    private List<JsonNode> changes(Account account, int atLeast) {
        await().atMost(AT_MOST).until(() -> changesNow(account).size() >= atLeast);
        return changesNow(account);
    }

    private List<JsonNode> changesNow(Account account) {
        return TestKafka.readToEnd(bootstrapServers, Topics.CALENDAR_EVENT_CHANGED, AT_MOST).stream()
                .filter(r -> account.connectionId().toString().equals(r.key()))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> JSON.readTree(r.value()))
                .toList();
    }
}
