package com.madeup.calsync.sampleapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.UpsertOutcome;
import com.madeup.calsync.store.event.UpsertResult;
import com.madeup.calsync.store.ledger.LedgerStore;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.testsupport.TestDatabase;
import com.madeup.calsync.testsupport.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store as an app gets it: just the dependency, a datasource and a key. */
@SpringBootTest(
        classes = SampleApplication.class,
        properties = "calsync.store.token-encryption.key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")
class CalendarStoreAutoConfigurationIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
    }

    @Autowired
    UserRepository users;

    @Autowired
    ProviderConnectionRepository connections;

    @Autowired
    CalendarRepository calendars;

    @Autowired
    AppNoteRepository appNotes;

    @Autowired
    CalendarEventStore events;

    @Autowired
    OAuthTokenStore tokens;

    @Autowired
    LedgerStore ledger;

    @Test
    void storeRepositoriesAndTheAppsOwnRepositoryWorkSideBySide() {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");
        User user = users.save(User.create("Ada@Example.com", "Ada", "$2a$10$hash", false, now));
        ProviderConnection connection = connections.save(
                ProviderConnection.create(UUID.randomUUID(), user.id(), "google", "ada@gmail.com", now));

        assertThat(users.findByEmailIgnoringCase("ada@example.com")).isPresent();
        assertThat(connection.version()).isNotNull();
        assertThat(connections.updateStatus(connection.id(), ConnectionStatus.NEEDS_REAUTH, "invalid_grant", now))
                .isTrue();
        ProviderConnection reloaded = connections.findById(connection.id()).orElseThrow();
        assertThat(reloaded.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTH);
        assertThatThrownBy(() -> connections.save(connection.withStatus(ConnectionStatus.ACTIVE, null, now)))
                .as("a stale copy cannot undo the status change")
                .isInstanceOf(OptimisticLockingFailureException.class);

        long calendarId = calendars.upsertFromProvider(
                connection.id(), "ada@gmail.com", "Ada", "Europe/London", AccessRole.FREE_BUSY_READER, true, now);
        assertThat(calendars.upsertFromProvider(
                        connection.id(),
                        "ada@gmail.com",
                        "Ada (renamed)",
                        "Europe/London",
                        AccessRole.OWNER,
                        true,
                        now))
                .isEqualTo(calendarId);
        assertThat(calendars.updatePicked(calendarId, true, now)).isTrue();
        Calendar calendar = calendars.findById(calendarId).orElseThrow();
        assertThat(calendar.accessRole()).isEqualTo(AccessRole.OWNER);
        assertThat(calendar.picked()).isTrue();
        assertThat(calendars.findPicked(connection.id()))
                .extracting(Calendar::id)
                .containsExactly(calendarId);

        List<UpsertResult> upserted = events.upsert(List.of(new EventRow(
                calendarId,
                "evt-1",
                now,
                now.plusSeconds(3600),
                "UTC",
                "UTC",
                null,
                null,
                false,
                null,
                "Hello",
                null,
                null,
                null,
                true,
                "confirmed",
                "\"1\"",
                now,
                null,
                null,
                List.of())));
        assertThat(upserted).extracting(UpsertResult::outcome).containsExactly(UpsertOutcome.INSERTED);

        tokens.save(connection.id(), user.id(), SecretToken.of("access"), null, now, null);
        assertThat(tokens.find(connection.id()).orElseThrow().accessToken().reveal())
                .isEqualTo("access");
        assertThat(ledger.markHandled("test", UUID.randomUUID())).isTrue();

        assertThat(appNotes.save(new AppNote(null, "M-1", "From the app's own repository"))
                        .id())
                .isNotNull();
    }

    @Test
    void startupFailsClearlyWithoutAnEncryptionKey() {
        TestDatabase database = TestPostgres.newDatabase();
        SpringApplicationBuilder app = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password());

        assertThatThrownBy(app::run)
                .hasStackTraceContaining("calsync.store.token-encryption.key")
                .hasStackTraceContaining("CALSYNC_STORE_TOKEN_ENCRYPTION_KEY");
    }

    @Test
    void startupFailsClearlyWithAMalformedKey() {
        TestDatabase database = TestPostgres.newDatabase();
        SpringApplicationBuilder app = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password(),
                        "calsync.store.token-encryption.key=c2hvcnQ=");

        assertThatThrownBy(app::run)
                .hasStackTraceContaining("Invalid calsync.store.token-encryption")
                .hasStackTraceContaining("decodes to 5 bytes")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("c2hvcnQ="));
    }

    private static String stackTrace(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }
}
