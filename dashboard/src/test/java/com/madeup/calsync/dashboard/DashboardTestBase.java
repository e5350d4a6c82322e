package com.madeup.calsync.dashboard;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.UpsertResult;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every dashboard test: real PostgreSQL (fresh database), the embedded
 * Kafka broker, an in-process Google emulator showing its consent page, and the dashboard on a
 * fixed free port (the OAuth redirect URI must name it before the context starts). The context's
 * {@link Clock} is an {@link AdjustableClock}: system time unless a test moves it (and resets it).
 */
@SpringBootTest(
        classes = {DashboardApplication.class, DashboardTestBase.ClockConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@CalsyncEmbeddedKafka
@AutoConfigureMockMvc
abstract class DashboardTestBase {

    static final int PORT = freePort();
    static final GoogleEmulator GOOGLE =
            GoogleEmulator.start(EmulatorConfig.defaults().withAutoConsent(false));
    static final String PASSWORD = "correct horse";

    @Autowired
    UserRepository users;

    @Autowired
    ProviderConnectionRepository connections;

    @Autowired
    CalendarRepository calendars;

    @Autowired
    CalendarEventStore events;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    AdjustableClock clock;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
        registry.add("server.port", () -> PORT);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("calsync.dashboard.public-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("calsync.google.api-base-url", () -> GOOGLE.baseUrl().toString());
        registry.add("calsync.google.auth-url", () -> GOOGLE.baseUrl() + "/o/oauth2/v2/auth");
        registry.add("calsync.google.token-url", () -> GOOGLE.baseUrl() + "/token");
        registry.add("calsync.google.revoke-url", () -> GOOGLE.baseUrl() + "/revoke");
        registry.add("calsync.google.client-id", () -> "calsync-test");
        registry.add("calsync.google.client-secret", () -> "test-secret");
        registry.add("calsync.store.token-encryption.key", () -> "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new user with {@link #PASSWORD}, time zone Europe/Berlin. */
    User newUser(String name, boolean admin) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@madeup.example";
        return users.save(User.create(email, name, passwordEncoder.encode(PASSWORD), admin, Instant.now())
                .withTimeZone("Europe/Berlin"));
    }

    static CurrentUser signedIn(User user) {
        return new CurrentUser(
                user.id(), user.email(), user.displayName(), null, user.admin(), ZoneId.of(user.timeZone()));
    }

    /** An active connection with one picked owner calendar; returns the calendar's id. */
    long connectedCalendar(User user, String providerCalendarId) {
        ProviderConnection connection = connections.save(
                ProviderConnection.create(UUID.randomUUID(), user.id(), "google", user.email(), Instant.now()));
        long calendarId = calendars.upsertFromProvider(
                connection.id(), providerCalendarId, "Work", "Europe/Berlin", AccessRole.OWNER, true, Instant.now());
        calendars.updatePicked(calendarId, true, Instant.now());
        return calendarId;
    }

    /** Stores an event as the sync worker would; returns our event id. */
    long storedEvent(long calendarId, String summary, String description, boolean organizedByUser, Instant start) {
        List<UpsertResult> results =
                events.upsert(List.of(eventRow(calendarId, summary, description, organizedByUser, start)));
        return results.getFirst().eventId();
    }

    /** An hour-long event of the calendar as the sync worker would store it (not stored yet). */
    EventRow eventRow(long calendarId, String summary, String description, boolean organizedByUser, Instant start) {
        return new EventRow(
                calendarId,
                "ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                start,
                start.plusSeconds(3600),
                "Europe/Berlin",
                "Europe/Berlin",
                null,
                null,
                false,
                "Room 1",
                summary,
                description,
                null,
                organizedByUser ? "owner@madeup.example" : "someone.else@madeup.example",
                organizedByUser,
                "confirmed",
                "\"1\"",
                Instant.now(),
                null,
                null,
                List.of());
    }
}
