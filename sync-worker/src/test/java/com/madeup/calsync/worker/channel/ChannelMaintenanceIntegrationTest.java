package com.madeup.calsync.worker.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.spring.GoogleTokenRefresher;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.ChannelState;
import com.madeup.calsync.store.channel.ResourceKind;
import com.madeup.calsync.store.channel.SubscriptionStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.worker.channel.ChannelMaintenance.PassReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channel maintenance against real PostgreSQL and the Google emulator over HTTP, with a loopback
 * webhook receiving the emulator's pushes.
 */
@SpringBootTest(
        classes = ChannelMaintenanceIntegrationTest.ChannelTestApplication.class,
        properties = {
            "calsync.worker.channels.enabled=false",
            "calsync.worker.channels.stopped-retention=1d",
            "calsync.store.token-encryption.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "calsync.google.client-id=calsync-test",
            "calsync.google.client-secret=calsync-test-secret",
            "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                    + "com.madeup.calsync.messaging.MessagingAutoConfiguration"
        })
class ChannelMaintenanceIntegrationTest {

    /**
     * Only what channel maintenance needs: the datasource, Liquibase and calendar-store
     * auto-configured, our Google client, and {@link ChannelConfiguration}. Kafka is excluded by the
     * tests' properties. Nested in the test so that other tests' scans of the worker package skip it.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ChannelConfiguration.class)
    static class ChannelTestApplication {

        /** Shared with the emulator, so both sides see the same moved time. */
        static final MutableClock CLOCK = new MutableClock(Instant.now());

        /** Replaces calendar-store's UTC clock, so tests can move time. */
        @Bean
        MutableClock clock() {
            return CLOCK;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration RENEW_AHEAD = Duration.ofHours(1);

    private static final GoogleEmulator EMULATOR = GoogleEmulator.start(
            EmulatorConfig.defaults().withClock(ChannelTestApplication.CLOCK).withAccessTokenTtl(Duration.ofDays(60)));
    private static final WebhookReceiver WEBHOOK = startWebhook();

    @Autowired
    ChannelMaintenance maintenance;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    CalendarRepository calendars;

    @Autowired
    ProviderConnectionRepository connections;

    @Autowired
    OAuthTokenStore tokenStore;

    @Autowired
    ConnectionTokens connectionTokens;

    @Autowired
    GoogleTokenRefresher refresher;

    @Autowired
    CalendarApi calendarApi;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ChannelProperties properties;

    @Autowired
    MeterRegistry meterRegistry;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
        registry.add("calsync.google.api-base-url", () -> EMULATOR.baseUrl().toString());
        registry.add("calsync.google.token-url", () -> EMULATOR.baseUrl() + "/token");
        registry.add("calsync.google.revoke-url", () -> EMULATOR.baseUrl() + "/revoke");
        registry.add("calsync.worker.channels.webhook-url", () -> WEBHOOK.url().toString());
    }

    @AfterAll
    static void stopServers() {
        EMULATOR.close();
        WEBHOOK.close();
    }

    @BeforeEach
    void emptyDatabase() {
        jdbc.execute("TRUNCATE calendar_subscriptions, oauth2_tokens, calendars, provider_connections, users CASCADE");
    }

    @Test
    void syncedPickedCalendarGetsAnActiveChannelWhoseTokenTheProviderEchoes() throws Exception {
        Account account = connect("alice");
        calendar(account, account.email(), true);
        String notYetSynced = emulatorCalendar(account, "Not yet synced");
        calendar(account, notYetSynced, false);

        PassReport report = maintenance.runExclusively().orElseThrow();

        assertThat(report).isEqualTo(new PassReport(2, 0, 0, 0, 0));
        List<CalendarSubscription> open = subscriptions.findOpenByConnection(account.connectionId());
        assertThat(open).hasSize(2).allSatisfy(subscription -> {
            assertThat(subscription.state()).isEqualTo(ChannelState.ACTIVE);
            assertThat(subscription.resourceId()).isNotBlank();
            assertThat(subscription.expiration()).isAfter(clockNow().plus(Duration.ofDays(6)));
        });
        CalendarSubscription events = only(open, ResourceKind.EVENTS);
        assertThat(events.providerCalendarIds()).containsExactly(account.email());
        assertThat(only(open, ResourceKind.CALENDAR_LIST).providerCalendarIds()).isEmpty();

        Map<String, JsonNode> atEmulator = emulatorChannels();
        assertThat(atEmulator.get(events.channelId()).path("watches").asString())
                .isEqualTo("events");
        assertThat(atEmulator.get(events.channelId()).path("target").asString()).isEqualTo(account.email());
        assertThat(atEmulator.get(events.channelId()).path("address").asString())
                .isEqualTo(WEBHOOK.url().toString());
        assertThat(atEmulator)
                .containsKey(only(open, ResourceKind.CALENDAR_LIST).channelId());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !WEBHOOK.pushesFor(events.channelId()).isEmpty());
        WebhookReceiver.Push sync = WEBHOOK.pushesFor(events.channelId()).getFirst();
        assertThat(sync.resourceState()).isEqualTo("sync");
        assertThat(sync.resourceId()).isEqualTo(events.resourceId());
        assertThat(sync.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sha256(sync.token())).isEqualTo(tokenHash(events.channelId()));
        assertThat(subscriptions.verify(events.channelId(), sync.token())).isPresent();

        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 0, 0, 0));
        assertThat(meterRegistry
                        .counter("calsync.worker.channels.created", "kind", "events")
                        .count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void channelExpiringWithinRenewAheadIsReplacedFirstThenStopped() {
        Account account = connect("bob");
        calendar(account, account.email(), true);
        maintenance.runExclusively().orElseThrow();
        List<CalendarSubscription> old = subscriptions.findOpenByConnection(account.connectionId());
        CalendarSubscription oldEvents = only(old, ResourceKind.EVENTS);

        ChannelTestApplication.CLOCK.set(
                oldEvents.expiration().minus(RENEW_AHEAD).plusSeconds(60));
        PassReport report = maintenance.runExclusively().orElseThrow();

        assertThat(report).isEqualTo(new PassReport(2, 2, 2, 0, 0));
        for (CalendarSubscription previous : old) {
            assertThat(subscriptions
                            .findByChannelId(previous.channelId())
                            .orElseThrow()
                            .state())
                    .isEqualTo(ChannelState.STOPPED);
        }
        List<CalendarSubscription> renewed = subscriptions.findOpenByConnection(account.connectionId());
        assertThat(renewed).hasSize(2).allSatisfy(subscription -> {
            assertThat(subscription.state()).isEqualTo(ChannelState.ACTIVE);
            assertThat(subscription.expiration()).isAfter(clockNow().plus(RENEW_AHEAD));
        });
        assertThat(only(renewed, ResourceKind.EVENTS).channelId()).isNotEqualTo(oldEvents.channelId());
        Map<String, JsonNode> atEmulator = emulatorChannels();
        assertThat(atEmulator).doesNotContainKeys(ids(old).toArray(String[]::new));
        assertThat(atEmulator).containsKeys(ids(renewed).toArray(String[]::new));

        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 0, 0, 0));
    }

    @Test
    void rowsOfChannelsStoppedLongerThanTheRetentionAreDeleted() {
        Account account = connect("retention");
        calendar(account, account.email(), true);
        long team = calendar(account, emulatorCalendar(account, "Team"), true);
        maintenance.runExclusively().orElseThrow();
        calendars.updatePicked(team, false, clockNow());
        maintenance.runExclusively().orElseThrow();
        assertThat(stoppedRows(account)).isEqualTo(1);

        ChannelTestApplication.CLOCK.advance(Duration.ofHours(23));
        maintenance.runExclusively().orElseThrow();
        assertThat(stoppedRows(account)).as("within the retention of 1d").isEqualTo(1);

        ChannelTestApplication.CLOCK.advance(Duration.ofHours(2));
        maintenance.runExclusively().orElseThrow();
        assertThat(stoppedRows(account)).isZero();
        assertThat(subscriptions.findOpenByConnection(account.connectionId())).hasSize(2);
    }

    private int stoppedRows(Account account) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM calendar_subscriptions WHERE connection_id = ? AND state = 'stopped'",
                Integer.class,
                account.connectionId());
    }

    @Test
    void unpickingStopsTheCalendarsChannelAndTheLastUnpickStopsTheCalendarList() {
        Account account = connect("carol");
        long primary = calendar(account, account.email(), true);
        long team = calendar(account, emulatorCalendar(account, "Team"), true);
        maintenance.runExclusively().orElseThrow();
        List<CalendarSubscription> before = subscriptions.findOpenByConnection(account.connectionId());
        assertThat(before).hasSize(3);

        calendars.updatePicked(team, false, clockNow());
        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 1, 0, 0));
        List<CalendarSubscription> after = subscriptions.findOpenByConnection(account.connectionId());
        assertThat(after).hasSize(2);
        String teamChannel = before.stream()
                .filter(subscription -> !ids(after).contains(subscription.channelId()))
                .findFirst()
                .orElseThrow()
                .channelId();
        assertThat(subscriptions.findByChannelId(teamChannel).orElseThrow().state())
                .isEqualTo(ChannelState.STOPPED);
        assertThat(emulatorChannels())
                .doesNotContainKey(teamChannel)
                .containsKeys(ids(after).toArray(String[]::new));

        calendars.markRemoved(primary, clockNow());
        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 2, 0, 0));
        assertThat(subscriptions.findOpenByConnection(account.connectionId())).isEmpty();
        assertThat(emulatorChannels()).doesNotContainKeys(ids(before).toArray(String[]::new));
    }

    @Test
    void disconnectedConnectionsChannelsAreStoppedEvenWhenItsTokensAreRevoked() throws Exception {
        Account kept = connect("dave");
        calendar(kept, kept.email(), true);
        Account revoked = connect("erin");
        calendar(revoked, revoked.email(), true);
        maintenance.runExclusively().orElseThrow();
        List<CalendarSubscription> keptChannels = subscriptions.findOpenByConnection(kept.connectionId());
        List<CalendarSubscription> revokedChannels = subscriptions.findOpenByConnection(revoked.connectionId());

        connections.updateStatus(kept.connectionId(), ConnectionStatus.DISCONNECTED, "user disconnected", clockNow());
        connections.updateStatus(
                revoked.connectionId(), ConnectionStatus.DISCONNECTED, "user disconnected", clockNow());
        admin("POST", "/emulator/tokens/revoke", Map.of("email", revoked.email()));

        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 4, 0, 0));
        assertThat(subscriptions.findOpenByConnection(kept.connectionId())).isEmpty();
        assertThat(subscriptions.findOpenByConnection(revoked.connectionId())).isEmpty();
        Map<String, JsonNode> atEmulator = emulatorChannels();
        // Stopped at the provider while the token worked; the revoked account's channels expire there.
        assertThat(atEmulator).doesNotContainKeys(ids(keptChannels).toArray(String[]::new));
        assertThat(atEmulator).containsKeys(ids(revokedChannels).toArray(String[]::new));
    }

    @Test
    void needsReauthConnectionsChannelsAreLeftToExpire() {
        Account account = connect("frank");
        calendar(account, account.email(), true);
        maintenance.runExclusively().orElseThrow();
        List<CalendarSubscription> channels = subscriptions.findOpenByConnection(account.connectionId());

        connections.updateStatus(account.connectionId(), ConnectionStatus.NEEDS_REAUTH, "invalid_grant", clockNow());
        ChannelTestApplication.CLOCK.set(only(channels, ResourceKind.EVENTS)
                .expiration()
                .minus(RENEW_AHEAD)
                .plusSeconds(60));

        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 0, 0, 0));
        assertThat(subscriptions.findOpenByConnection(account.connectionId()))
                .extracting(CalendarSubscription::state)
                .containsOnly(ChannelState.ACTIVE);
        assertThat(emulatorChannels()).containsKeys(ids(channels).toArray(String[]::new));
    }

    @Test
    void calendarThatCannotBeWatchedIsNotRetriedEveryPass() {
        Account account = connect("grace");
        String holidays = "holidays-" + UUID.randomUUID() + "@group.v.calendar.google.com";
        admin(
                "POST",
                "/emulator/accounts/" + encode(account.email()) + "/calendars",
                Map.of("id", holidays, "summary", "Holidays", "accessRole", "reader"));
        calendar(account, holidays, true);

        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(1, 0, 0, 1, 0));
        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 0, 0, 0));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_subscriptions WHERE ? = ANY(calendar_ids) AND state = 'stopped'",
                        Integer.class,
                        holidays))
                .isEqualTo(1);
    }

    @Test
    void rejectedAccessTokenIsRefreshedOnceAndTheWatchRepeated() {
        Account account = connect("judy");
        calendar(account, account.email(), true);
        SecretToken before =
                tokenStore.find(account.connectionId()).orElseThrow().accessToken();
        admin("POST", "/emulator/access-tokens/expire", Map.of("email", account.email()));

        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(2, 0, 0, 0, 0));
        assertThat(subscriptions.findOpenByConnection(account.connectionId()))
                .extracting(CalendarSubscription::state)
                .containsOnly(ChannelState.ACTIVE);
        assertThat(tokenStore.find(account.connectionId()).orElseThrow().accessToken())
                .isNotEqualTo(before);
    }

    @Test
    void failedStopStaysStoppingUntilTheNextPassAndA404CountsAsStopped() {
        Account account = connect("kim");
        long primary = calendar(account, account.email(), true);
        long team = calendar(account, emulatorCalendar(account, "Team"), true);
        maintenance.runExclusively().orElseThrow();
        Map<String, CalendarSubscription> byCalendar = new java.util.HashMap<>();
        subscriptions.findOpenByConnection(account.connectionId()).stream()
                .filter(subscription -> subscription.resourceKind() == ResourceKind.EVENTS)
                .forEach(subscription ->
                        byCalendar.put(subscription.providerCalendarIds().getFirst(), subscription));
        CalendarSubscription primaryChannel = byCalendar.get(account.email());
        CalendarSubscription teamChannel = byCalendar.values().stream()
                .filter(subscription -> subscription != primaryChannel)
                .findFirst()
                .orElseThrow();

        admin(
                "POST",
                "/emulator/faults",
                Map.of("status", 403, "reason", "forbidden", "count", 1, "pathRegex", "channels/stop"));
        calendars.updatePicked(team, false, clockNow());
        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 0, 1, 0));
        assertThat(subscriptions
                        .findByChannelId(teamChannel.channelId())
                        .orElseThrow()
                        .state())
                .isEqualTo(ChannelState.STOPPING);
        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 1, 0, 0));
        assertThat(subscriptions
                        .findByChannelId(teamChannel.channelId())
                        .orElseThrow()
                        .state())
                .isEqualTo(ChannelState.STOPPED);
        assertThat(emulatorChannels()).doesNotContainKey(teamChannel.channelId());

        // Gone at the provider already (stopped elsewhere): the 404 counts as stopped.
        assertThat(calendarApi
                        .stopChannel(
                                new AccessToken(tokenStore
                                        .find(account.connectionId())
                                        .orElseThrow()
                                        .accessToken()
                                        .reveal()),
                                primaryChannel.channelId(),
                                primaryChannel.resourceId())
                        .ok())
                .isTrue();
        calendars.updatePicked(primary, false, clockNow());
        assertThat(maintenance.runExclusively().orElseThrow()).isEqualTo(new PassReport(0, 0, 2, 0, 0));
        assertThat(subscriptions.findOpenByConnection(account.connectionId())).isEmpty();
    }

    @Test
    void twoInstancesRunningAtOnceCreateExactlyOneChannelPerCalendar() throws Exception {
        Account account = connect("heidi");
        List<String> calendarIds = new ArrayList<>(List.of(account.email()));
        for (int i = 0; i < 4; i++) {
            calendarIds.add(emulatorCalendar(account, "Calendar " + i));
        }
        calendarIds.forEach(calendarId -> calendar(account, calendarId, true));
        ChannelMaintenance other = new ChannelMaintenance(
                subscriptions,
                calendars,
                connectionTokens,
                refresher,
                tokenStore,
                calendarApi,
                jdbc,
                new PassLock(dataSource, PassLock.CHANNEL_MAINTENANCE),
                properties,
                new ChannelMetrics(new SimpleMeterRegistry()),
                new SecureRandom(),
                ChannelTestApplication.CLOCK);

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<PassReport>> first = pool.submit(() -> {
                start.await(5, TimeUnit.SECONDS);
                return maintenance.runExclusively();
            });
            Future<Optional<PassReport>> second = pool.submit(() -> {
                start.await(5, TimeUnit.SECONDS);
                return other.runExclusively();
            });
            List<Optional<PassReport>> reports =
                    List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
            assertThat(reports.stream()
                            .flatMap(Optional::stream)
                            .mapToInt(PassReport::created)
                            .sum())
                    .isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }

        List<CalendarSubscription> open = subscriptions.findOpenByConnection(account.connectionId());
        assertThat(open).hasSize(6);
        assertThat(open.stream()
                        .filter(subscription -> subscription.resourceKind() == ResourceKind.EVENTS)
                        .map(subscription -> subscription.providerCalendarIds().getFirst()))
                .containsExactlyInAnyOrderElementsOf(calendarIds);
        long atEmulator = emulatorChannels().values().stream()
                .filter(channel -> channel.path("owner").asString().equals(account.email()))
                .count();
        assertThat(atEmulator).isEqualTo(6);
    }

    @Test
    void passIsSkippedWhileAnotherInstanceHoldsTheLock() throws Exception {
        Account account = connect("ivan");
        calendar(account, account.email(), true);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PassLock otherInstance = new PassLock(dataSource, PassLock.CHANNEL_MAINTENANCE);
        Thread holder = Thread.ofPlatform()
                .start(() -> otherInstance.runIfFree(() -> {
                    holding.countDown();
                    awaitQuietly(release);
                }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(maintenance.runExclusively()).isEmpty();
            assertThat(subscriptions.findOpenByConnection(account.connectionId()))
                    .isEmpty();
        } finally {
            release.countDown();
            holder.join(Duration.ofSeconds(10));
        }
        assertThat(maintenance.runExclusively().orElseThrow().created()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ helpers

    record Account(String email, UUID connectionId, long userId) {}

    private Account connect(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode tokens = admin("POST", "/emulator/accounts", Map.of("email", email));
        long userId = jdbc.queryForObject(
                "INSERT INTO users (email, display_name) VALUES (?, ?) RETURNING id", Long.class, email, name);
        UUID connectionId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO provider_connections (id, user_id, provider, account_email) VALUES (?, ?, 'google', ?)",
                connectionId,
                userId,
                email);
        tokenStore.save(
                connectionId,
                userId,
                SecretToken.of(tokens.path("accessToken").asString()),
                SecretToken.of(tokens.path("refreshToken").asString()),
                clockNow().plus(Duration.ofDays(30)),
                "https://www.googleapis.com/auth/calendar");
        return new Account(email, connectionId, userId);
    }

    /** A picked calendar row; {@code synced} sets last_full_sync_at. */
    private long calendar(Account account, String providerCalendarId, boolean synced) {
        long id = calendars.upsertFromProvider(
                account.connectionId(),
                providerCalendarId,
                providerCalendarId,
                "UTC",
                AccessRole.OWNER,
                providerCalendarId.equals(account.email()),
                clockNow());
        calendars.updatePicked(id, true, clockNow());
        if (synced) {
            calendars.updateSyncState(id, "sync-token-1", true, clockNow());
        }
        return id;
    }

    private String emulatorCalendar(Account account, String summary) {
        return admin("POST", "/emulator/accounts/" + encode(account.email()) + "/calendars", Map.of("summary", summary))
                .path("id")
                .asString();
    }

    private Map<String, JsonNode> emulatorChannels() {
        Map<String, JsonNode> channels = new java.util.HashMap<>();
        for (JsonNode channel : admin("GET", "/emulator/state", null).path("channels")) {
            channels.put(channel.path("id").asString(), channel);
        }
        return channels;
    }

    private static JsonNode admin(String method, String path, Map<String, ?> body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(EMULATOR.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("%s %s", method, path).isBetween(200, 299);
            return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] tokenHash(String channelId) {
        return jdbc.queryForObject(
                "SELECT token_hash FROM calendar_subscriptions WHERE uuid = ?", byte[].class, channelId);
    }

    private static byte[] sha256(String value) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    }

    private static CalendarSubscription only(List<CalendarSubscription> subscriptions, ResourceKind kind) {
        List<CalendarSubscription> ofKind = subscriptions.stream()
                .filter(subscription -> subscription.resourceKind() == kind)
                .toList();
        assertThat(ofKind).hasSize(1);
        return ofKind.getFirst();
    }

    private static Set<String> ids(List<CalendarSubscription> subscriptions) {
        Set<String> ids = new HashSet<>();
        subscriptions.forEach(subscription -> ids.add(subscription.channelId()));
        return ids;
    }

    private static java.time.Instant clockNow() {
        return ChannelTestApplication.CLOCK.instant();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WebhookReceiver startWebhook() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
