package com.madeup.calsync.writer.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.Actor;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.DeleteEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventIds;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.UpdateEventCommand;
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
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.writer.WriterApplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code calsync.writer.send-updates} reaches Google: with {@code externalOnly} configured, the
 * emulator receives {@code sendUpdates=externalOnly} on the insert, the patch and the delete of a
 * command sequence sent through Kafka. (The default, {@code all}, is checked in
 * {@link CommandPipelineIntegrationTest}.)
 */
@SpringBootTest(
        classes = WriterApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "calsync.store.token-encryption.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "calsync.google.client-id=calsync-test",
            "calsync.google.client-secret=calsync-test-secret",
            "calsync.writer.send-updates=externalOnly",
            "spring.kafka.consumer.auto-offset-reset=earliest"
        })
@CalsyncEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendUpdatesIntegrationTest {

    static final String DORA = "dora@example.com";

    static GoogleEmulator emulator = GoogleEmulator.start(EmulatorConfig.defaults());
    static EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
        registry.add("calsync.google.api-base-url", () -> emulator.baseUrl().toString());
        registry.add(
                "calsync.google.token-url",
                () -> emulator.baseUrl().resolve("/token").toString());
    }

    @Autowired
    ContractPublisher publisher;

    @Autowired
    UserRepository users;

    @Autowired
    ProviderConnectionRepository connections;

    @Autowired
    CalendarRepository calendars;

    @Autowired
    OAuthTokenStore tokens;

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void theConfiguredValueIsSentOnInsertPatchAndDelete() {
        Instant now = Instant.now();
        User dora = users.save(User.create(DORA, "Dora", null, false, now));
        UUID connection = UUID.randomUUID();
        JsonNode account = admin.post("/emulator/accounts", "{\"email\":\"" + DORA + "\"}");
        connections.save(ProviderConnection.create(connection, dora.id(), "google", DORA, now));
        tokens.save(
                connection,
                dora.id(),
                SecretToken.of(account.path("accessToken").asString()),
                SecretToken.of(account.path("refreshToken").asString()),
                now.plus(Duration.ofHours(1)),
                "https://www.googleapis.com/auth/calendar.events");
        calendars.upsertFromProvider(connection, DORA, "Dora", "UTC", AccessRole.OWNER, true, now);
        Actor actor = new Actor(new UserId(dora.id()), "test");
        CommandId createId = new CommandId(UUID.randomUUID());
        EventId eventId = EventIds.fromCommand(createId);

        // One connection's commands are applied in order (one partition), so all three go at once.
        send(new CreateEventCommand(meta(connection), createId, actor, new CalendarId(DORA), null, draft("Quiet")));
        send(new UpdateEventCommand(
                meta(connection),
                new CommandId(UUID.randomUUID()),
                actor,
                new CalendarId(DORA),
                eventId,
                draft("Quieter"),
                null));
        send(new DeleteEventCommand(
                meta(connection), new CommandId(UUID.randomUUID()), actor, new CalendarId(DORA), eventId, null));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.sendUpdatesOf(eventId.value()).size() >= 3);
        assertThat(admin.sendUpdatesOf(eventId.value()))
                .containsExactly(
                        "calendar.events.insert=externalOnly",
                        "calendar.events.patch=externalOnly",
                        "calendar.events.delete=externalOnly");
    }

    private void send(EventCommand command) {
        publisher.publishAndWait(
                Topics.EVENT_COMMAND, command.meta().connectionId().value().toString(), command);
    }

    private static MessageMeta meta(UUID connectionId) {
        return MessageMeta.create(
                EventCommand.TYPE,
                EventCommand.VERSION,
                new ConnectionId(connectionId),
                Clock.systemUTC(),
                UUID::randomUUID);
    }

    private static EventDraft draft(String summary) {
        OffsetDateTime start = OffsetDateTime.of(2027, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        return new EventDraft(
                summary,
                "Room 2",
                "Agenda",
                EventTime.at(start, "UTC"),
                EventTime.at(start.plusHours(1), "UTC"),
                List.of(),
                null);
    }
}
