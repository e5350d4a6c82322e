package com.madeup.calsync.worker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.provider.spring.GoogleClientAutoConfiguration;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.worker.channel.MutableClock;
import com.madeup.calsync.worker.channel.PassLock;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Reconcile against real PostgreSQL and a real (embedded) Kafka broker. */
@SpringBootTest(
        classes = QuietCalendarReconcileIntegrationTest.ReconcileTestApplication.class,
        properties = {
            "calsync.worker.reconcile.enabled=false",
            "calsync.store.token-encryption.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
        })
@CalsyncEmbeddedKafka
class QuietCalendarReconcileIntegrationTest {

    /**
     * The datasource, calendar-store, messaging and Kafka auto-configured, plus {@link ReconcileConfiguration}.
     * Nested in the test so that other tests' scans of the worker package skip it.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = GoogleClientAutoConfiguration.class) // reconcile never calls Google
    @Import(ReconcileConfiguration.class)
    static class ReconcileTestApplication {

        static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

        @Bean
        MutableClock clock() {
            return CLOCK;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    QuietCalendarReconcile reconcile;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meterRegistry;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
    }

    @Test
    void quietAndOwedCalendarsOfActiveConnectionsGetAnIncrementalSyncKeyedByConnection() throws Exception {
        Instant now = ReconcileTestApplication.CLOCK.instant();
        UUID active = connection("active");
        calendar(active, "quiet@example.com", true, now.minus(Duration.ofHours(2)));
        calendar(active, "never-synced@example.com", true, null);
        // Picked a minute ago: its first sync may be running.
        calendar(active, "just-picked@example.com", true, null, now.minus(Duration.ofMinutes(1)));
        calendar(active, "recent@example.com", true, now.minus(Duration.ofMinutes(5)));
        calendar(active, "unpicked@example.com", false, now.minus(Duration.ofHours(2)));
        UUID paused = connection("needs_reauth");
        calendar(paused, "paused@example.com", true, now.minus(Duration.ofHours(2)));
        // Notified after its last pass started, 5 minutes ago: its trailing pass was lost (crash).
        calendar(active, "owed@example.com", true, now.minus(Duration.ofMinutes(10)));
        notified("owed@example.com", now.minus(Duration.ofMinutes(5)));
        // Notified 5 seconds ago: its trailing pass may still be pending in the cool-down window.
        calendar(active, "pending@example.com", true, now.minus(Duration.ofSeconds(10)));
        notified("pending@example.com", now.minus(Duration.ofSeconds(5)));
        // Notified before its last pass started: covered.
        calendar(active, "covered@example.com", true, now.minus(Duration.ofMinutes(10)));
        notified("covered@example.com", now.minus(Duration.ofMinutes(11)));

        assertThat(reconcile.runExclusively()).contains(3);

        List<ConsumerRecord<String, String>> records =
                TestKafka.readAtLeast(bootstrapServers, Topics.SYNC_REQUESTED, 3, Duration.ofSeconds(20));
        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.SYNC_REQUESTED, Duration.ofSeconds(10)))
                .hasSize(3);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(active.toString());
            SyncRequested request = JSON.readValue(record.value(), SyncRequested.class);
            assertThat(request.reason()).isEqualTo(SyncReason.RECONCILE);
            assertThat(request.mode()).isEqualTo(SyncMode.INCREMENTAL);
            assertThat(request.meta().connectionId().value()).isEqualTo(active);
            assertThat(request.meta().occurredAt()).isEqualTo(now);
        });
        assertThat(records)
                .extracting(record ->
                        JSON.readValue(record.value(), SyncRequested.class).calendarId())
                .containsExactlyInAnyOrder(
                        new CalendarId("quiet@example.com"),
                        new CalendarId("never-synced@example.com"),
                        new CalendarId("owed@example.com"));
        assertThat(meterRegistry.counter("calsync.worker.reconcile.requests").count())
                .isEqualTo(3.0);

        // Synced meanwhile: nothing more to ask for.
        jdbc.update("UPDATE calendars SET last_synced_at = ?", Timestamp.from(now));
        assertThat(reconcile.runExclusively()).contains(0);
    }

    @Test
    void passIsSkippedWhileAnotherInstanceRunsOne() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread otherInstance = Thread.ofPlatform()
                .start(() -> new PassLock(dataSource, PassLock.RECONCILE).runIfFree(() -> {
                    holding.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reconcile.runExclusively()).isEmpty();
            // The channel pass has its own key: it is not blocked by the reconcile lock.
            assertThat(new PassLock(dataSource, PassLock.CHANNEL_MAINTENANCE).runIfFree(() -> {}))
                    .isTrue();
        } finally {
            release.countDown();
            otherInstance.join(Duration.ofSeconds(10));
        }
        assertThat(reconcile.runExclusively()).isPresent();
    }

    private UUID connection(String status) {
        long userId = jdbc.queryForObject(
                "INSERT INTO users (email, display_name) VALUES (?, 'Someone') RETURNING id",
                Long.class,
                UUID.randomUUID() + "@example.com");
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO provider_connections (id, user_id, provider, account_email, status)"
                        + " VALUES (?, ?, 'google', 'acct@example.com', ?)",
                id,
                userId,
                status);
        return id;
    }

    private void notified(String providerId, Instant at) {
        jdbc.update(
                "UPDATE calendars SET last_notified_at = ? WHERE provider_calendar_id = ?",
                Timestamp.from(at),
                providerId);
    }

    /** A calendar row last changed (picked) three hours ago. */
    private void calendar(UUID connectionId, String providerId, boolean picked, Instant lastSynced) {
        calendar(
                connectionId,
                providerId,
                picked,
                lastSynced,
                ReconcileTestApplication.CLOCK.instant().minus(Duration.ofHours(3)));
    }

    private void calendar(UUID connectionId, String providerId, boolean picked, Instant lastSynced, Instant updatedAt) {
        jdbc.update(
                "INSERT INTO calendars (connection_id, provider_calendar_id, access_role, picked, last_synced_at,"
                        + " updated_at) VALUES (?, ?, 'owner', ?, ?, ?)",
                connectionId,
                providerId,
                picked,
                lastSynced == null ? null : Timestamp.from(lastSynced),
                Timestamp.from(updatedAt));
    }
}
