package com.madeup.calsync.writer.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.Actor;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ChangeKind;
import com.madeup.calsync.model.ChangeSource;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.CommandOutcome;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.DeleteEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventCommandResult;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventIds;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.Invitee;
import com.madeup.calsync.model.MatterId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResultReason;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.UpdateEventCommand;
import com.madeup.calsync.model.UserId;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.Person;
import com.madeup.calsync.store.account.PersonRepository;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.event.StoredEvent;
import com.madeup.calsync.store.event.UpsertOutcome;
import com.madeup.calsync.store.ledger.LedgerStore;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.writer.WriterApplication;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer end to end: commands published to a real (embedded) Kafka broker, applied against the
 * Google emulator over HTTP, stored in a real PostgreSQL; results and changes read back from Kafka.
 */
@SpringBootTest(
        classes = WriterApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "calsync.store.token-encryption.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "calsync.google.client-id=calsync-test",
            "calsync.google.client-secret=calsync-test-secret",
            "calsync.writer.retry.max-attempts=4",
            "calsync.writer.retry.initial-delay=20ms",
            "calsync.writer.retry.max-delay=2s",
            "calsync.messaging.retry.initial-interval=50ms",
            "calsync.messaging.retry.max-retries=1",
            "spring.kafka.consumer.auto-offset-reset=earliest"
        })
@CalsyncEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandPipelineIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ADA = "ada@example.com";
    static final String CARL = "carl@example.com";

    static GoogleEmulator emulator = GoogleEmulator.start(EmulatorConfig.defaults());
    static EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
        registry.add("calsync.google.api-base-url", () -> emulator.baseUrl().toString());
        registry.add(
                "calsync.google.token-url",
                () -> emulator.baseUrl().resolve("/token").toString());
        registry.add(
                "calsync.google.revoke-url",
                () -> emulator.baseUrl().resolve("/revoke").toString());
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    ContractPublisher publisher;

    @Autowired
    JsonMapper json;

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
    CalendarEventStore events;

    @Autowired
    LedgerStore ledger;

    @Autowired
    CalendarApi google;

    User ada;
    User root;
    User bob;
    Person erin;
    Person frank;
    UUID adaConnection = UUID.randomUUID();
    UUID carlConnection = UUID.randomUUID();
    AccessToken adaToken;
    long adaCalendar;
    String readerCalendarId;

    KafkaConsumer<String, String> results;
    final Map<UUID, List<EventCommandResult>> resultsByCommand = new ConcurrentHashMap<>();

    @BeforeAll
    void seed() {
        Instant now = Instant.now();
        ada = users.save(User.create(ADA, "Ada", null, false, now));
        root = users.save(User.create("root@example.com", "Root", null, true, now));
        bob = users.save(User.create("bob@example.com", "Bob", null, false, now));
        User carl = users.save(User.create(CARL, "Carl", null, false, now));
        erin = persons.save(Person.create("erin@example.com", "Erin", null, now));
        frank = persons.save(Person.create("frank@example.com", "Frank", null, now));

        JsonNode adaAccount = admin.post("/emulator/accounts", "{\"email\":\"" + ADA + "\"}");
        adaToken = new AccessToken(adaAccount.path("accessToken").asString());
        connect(adaConnection, ada, ADA, adaAccount);
        adaCalendar = calendars.upsertFromProvider(adaConnection, ADA, "Ada", "UTC", AccessRole.OWNER, true, now);
        readerCalendarId = admin.post(
                        "/emulator/accounts/" + ADA + "/calendars",
                        "{\"summary\":\"Holidays\",\"accessRole\":\"reader\"}")
                .path("id")
                .asString();
        calendars.upsertFromProvider(adaConnection, readerCalendarId, "Holidays", "UTC", AccessRole.READER, false, now);

        JsonNode carlAccount = admin.post("/emulator/accounts", "{\"email\":\"" + CARL + "\"}");
        connect(carlConnection, carl, CARL, carlAccount);
        calendars.upsertFromProvider(carlConnection, CARL, "Carl", "UTC", AccessRole.OWNER, true, now);

        results = TestKafka.consumerFromBeginning(bootstrapServers, Topics.EVENT_COMMAND_RESULT);
    }

    @AfterAll
    void stop() {
        results.close();
        emulator.close();
    }

    private void connect(UUID connectionId, User user, String email, JsonNode account) {
        connections.save(ProviderConnection.create(connectionId, user.id(), "google", email, Instant.now()));
        tokens.save(
                connectionId,
                user.id(),
                SecretToken.of(account.path("accessToken").asString()),
                SecretToken.of(account.path("refreshToken").asString()),
                Instant.now().plus(Duration.ofHours(1)),
                "https://www.googleapis.com/auth/calendar.events");
    }

    // ---- the three command kinds ----

    @Test
    void createWritesInviteesAndMatterStoresTheEtagAndPublishesTheChange() {
        CreateEventCommand create = create(ada, "Kick-off", List.of(erin, frank), 42L);

        EventCommandResult result = send(create);

        EventId eventId = EventIds.fromCommand(create.commandId());
        assertThat(result.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(result.eventId()).isEqualTo(eventId);
        ProviderEvent atGoogle = google.getEvent(adaToken, ADA, eventId.value()).body();
        assertThat(atGoogle.summary()).isEqualTo("Kick-off");
        assertThat(atGoogle.attendees())
                .extracting(ProviderAttendee::email)
                .contains("erin@example.com", "frank@example.com");
        assertThat(atGoogle.privateProperties()).containsEntry("calsyncMatterId", "42");
        assertThat(result.etag()).isEqualTo(atGoogle.etag());

        StoredEvent stored = events.find(adaCalendar, eventId.value()).orElseThrow();
        assertThat(stored.row().etag()).isEqualTo(atGoogle.etag());
        assertThat(stored.row().matterId()).isEqualTo(42L);
        assertThat(stored.row().organizedByConnectedUser()).isTrue();
        assertThat(stored.row().invitations())
                .extracting(invitation -> invitation.personId())
                .contains(erin.id(), frank.id());
        assertThat(ledger.findOutboundWrites(create.commandId().value())).hasSize(1);

        CalendarEventChanged change = awaitChange(create.commandId());
        assertThat(change.change()).isEqualTo(ChangeKind.UPSERTED);
        assertThat(change.source()).isEqualTo(ChangeSource.COMMAND);
        assertThat(change.event().etag()).isEqualTo(atGoogle.etag());
        assertThat(change.event().matterId()).isEqualTo(new MatterId(42));
    }

    @Test
    void googlesEchoOfOurOwnWriteIsUnchangedInTheStore() {
        EventCommandResult result = send(create(ada, "Echo", List.of(erin), null));

        // What the sync worker does when Google's notification of our own write arrives.
        ProviderEvent echo =
                google.getEvent(adaToken, ADA, result.eventId().value()).body();
        var outcome = events.upsert(List.of(EventMapping.toRow(adaCalendar, echo)));

        assertThat(outcome.getFirst().outcome()).isEqualTo(UpsertOutcome.UNCHANGED);
    }

    @Test
    void updateSendsOnlyWhatChangedAndRemovesDroppedInvitees() {
        CreateEventCommand create = create(ada, "Planning", List.of(erin, frank), 7L);
        EventCommandResult created = send(create);

        EventDraft desired = draft("Planning v2", List.of(erin), 7L);
        UpdateEventCommand update = update(ada, created.eventId(), desired, null);
        EventCommandResult updated = send(update);

        assertThat(updated.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(updated.etag()).isNotEqualTo(created.etag());
        ProviderEvent atGoogle =
                google.getEvent(adaToken, ADA, created.eventId().value()).body();
        assertThat(atGoogle.summary()).isEqualTo("Planning v2");
        assertThat(atGoogle.location()).isEqualTo("Room 1");
        assertThat(atGoogle.privateProperties()).containsEntry("calsyncMatterId", "7");
        assertThat(atGoogle.attendees()).extracting(ProviderAttendee::email).containsExactly("erin@example.com");
        StoredEvent stored = events.find(adaCalendar, created.eventId().value()).orElseThrow();
        assertThat(stored.row().summary()).isEqualTo("Planning v2");
        assertThat(stored.row().etag()).isEqualTo(atGoogle.etag());

        // The same desired state again: nothing differs, so nothing is sent.
        long patches = admin.calls("calendar.events.patch");
        EventCommandResult again = send(update(ada, created.eventId(), desired, null));
        assertThat(again.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(again.etag()).isEqualTo(atGoogle.etag());
        assertThat(admin.calls("calendar.events.patch")).isEqualTo(patches);
    }

    @Test
    void deleteRemovesTheEventAtGoogleAndInTheStore() {
        EventCommandResult created = send(create(ada, "Doomed", List.of(), null));
        DeleteEventCommand delete = delete(ada, created.eventId());

        EventCommandResult deleted = send(delete);

        assertThat(deleted.outcome()).isEqualTo(CommandOutcome.APPLIED);
        ApiResponse<ProviderEvent> atGoogle =
                google.getEvent(adaToken, ADA, created.eventId().value());
        assertThat(!atGoogle.ok() || atGoogle.body().cancelled()).isTrue();
        assertThat(events.find(adaCalendar, created.eventId().value())).isEmpty();
        assertThat(awaitChange(delete.commandId()).change()).isEqualTo(ChangeKind.DELETED);
    }

    @Test
    void googleIsAskedToNotifyEveryGuestByDefault() {
        EventCommandResult created = send(create(ada, "Tell everyone", List.of(erin), null));
        send(update(ada, created.eventId(), draft("Tell everyone again", List.of(erin), null), null));
        send(delete(ada, created.eventId()));

        assertThat(admin.sendUpdatesOf(created.eventId().value()))
                .containsExactly(
                        "calendar.events.insert=all", "calendar.events.patch=all", "calendar.events.delete=all");
    }

    @Test
    void deletingAnEventGoogleAlreadyDeletedCountsAsDone() {
        EventCommandResult created = send(create(ada, "Gone already", List.of(), null));
        admin.delete("/emulator/calendars/" + EmulatorAdmin.encode(ADA) + "/events/"
                + created.eventId().value());

        EventCommandResult deleted = send(delete(ada, created.eventId()));

        assertThat(deleted.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(events.find(adaCalendar, created.eventId().value())).isEmpty();
    }

    // ---- rejections: nothing is written, the reason says why ----

    @Test
    void everyRejectionReasonWritesNothing() {
        EventCommandResult existing = send(create(ada, "Keep me", List.of(), null));
        long inserts = admin.calls("calendar.events.insert");
        long patches = admin.calls("calendar.events.patch");

        String tooLong = "x".repeat(141);
        assertRejected(send(create(ada, tooLong, List.of(), null)), ResultReason.VALIDATION_FAILED, "draft.summary");
        assertRejected(
                send(createOn(ada, readerCalendarId, draft("Nope", List.of(), null))),
                ResultReason.CALENDAR_READ_ONLY,
                "reader");
        assertRejected(
                send(createOn(ada, "unknown@example.com", draft("Nope", List.of(), null))),
                ResultReason.CALENDAR_NOT_FOUND,
                "unknown@example.com");
        assertRejected(
                send(update(ada, new EventId("nosuchevent1"), draft("Nope", List.of(), null), null)),
                ResultReason.EVENT_NOT_FOUND,
                "nosuchevent1");
        assertRejected(send(create(unknownUser(), "Nope", List.of(), null)), ResultReason.UNKNOWN_ACTOR, "999999");
        assertRejected(
                send(update(bob, existing.eventId(), draft("Mine now", List.of(), null), null)),
                ResultReason.FORBIDDEN,
                "organizer");
        assertRejected(send(create(bob, "On Ada's calendar", List.of(), null)), ResultReason.FORBIDDEN, "admin");
        assertRejected(
                send(create(ada, "Ghost guest", List.of(new Person(424242L, "x@x", "x", null, Instant.now())), null)),
                ResultReason.VALIDATION_FAILED,
                "invitees");

        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts);
        assertThat(admin.calls("calendar.events.patch")).isEqualTo(patches);
        assertThat(events.find(adaCalendar, existing.eventId().value())
                        .orElseThrow()
                        .row()
                        .summary())
                .isEqualTo("Keep me");
    }

    @Test
    void permissionMatrixOnAnEventTheConnectedUserOrganizes() {
        EventId eventId = send(create(ada, "Matrix", List.of(), null)).eventId();

        assertThat(send(update(ada, eventId, draft("by organizer", List.of(), null), null))
                        .outcome())
                .isEqualTo(CommandOutcome.APPLIED);
        assertThat(send(update(root, eventId, draft("by admin", List.of(), null), null))
                        .outcome())
                .isEqualTo(CommandOutcome.APPLIED);
        assertThat(send(update(bob, eventId, draft("by other user", List.of(), null), null))
                        .reason())
                .isEqualTo(ResultReason.FORBIDDEN);
        assertThat(send(update(unknownUser(), eventId, draft("by nobody", List.of(), null), null))
                        .reason())
                .isEqualTo(ResultReason.UNKNOWN_ACTOR);
        assertThat(send(create(root, "Admin creates on Ada's calendar", List.of(), null))
                        .outcome())
                .isEqualTo(CommandOutcome.APPLIED);
        assertThat(google.getEvent(adaToken, ADA, eventId.value()).body().summary())
                .isEqualTo("by admin");
    }

    @Test
    void theConnectedUserMayNotChangeAnEventSomeoneElseOrganizes() {
        JsonNode foreign = admin.post(
                "/emulator/calendars/" + EmulatorAdmin.encode(ADA) + "/events?as=grace@example.com",
                "{\"summary\":\"Grace's meeting\",\"start\":{\"dateTime\":\"2027-03-01T10:00:00Z\"},"
                        + "\"end\":{\"dateTime\":\"2027-03-01T11:00:00Z\"},"
                        + "\"attendees\":[{\"email\":\"ada@example.com\"}]}");
        String eventId = foreign.path("id").asString();
        events.upsert(List.of(EventMapping.toRow(
                adaCalendar, google.getEvent(adaToken, ADA, eventId).body())));
        assertThat(events.find(adaCalendar, eventId).orElseThrow().row().organizedByConnectedUser())
                .isFalse();

        EventCommandResult result = send(update(ada, new EventId(eventId), draft("Hijack", List.of(), null), null));

        assertRejected(result, ResultReason.FORBIDDEN, "organizer");
        assertThat(google.getEvent(adaToken, ADA, eventId).body().summary()).isEqualTo("Grace's meeting");
    }

    // ---- idempotency, retries, conflicts ----

    @Test
    void theSameCommandTwiceInsertsOnce() {
        CreateEventCommand create = create(ada, "Once", List.of(), null);
        long inserts = admin.calls("calendar.events.insert");

        EventCommandResult first = send(create);
        publisher.publishAndWait(Topics.EVENT_COMMAND, adaConnection.toString(), create);
        awaitResults(create.commandId(), 2);

        assertThat(first.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(resultsByCommand.get(create.commandId().value()))
                .extracting(EventCommandResult::outcome)
                .containsOnly(CommandOutcome.APPLIED);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts + 1);
    }

    @Test
    void twoUnavailableAnswersAreRetriedAndTheCommandApplied() {
        long inserts = admin.calls("calendar.events.insert");
        admin.post("/emulator/faults", "{\"status\":503,\"count\":2,\"method\":\"POST\",\"pathRegex\":\"/events$\"}");

        EventCommandResult result = send(create(ada, "Despite 503", List.of(), null));

        assertThat(result.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts + 3);
    }

    @Test
    void rateLimitedWithRetryAfterWaitsThenApplies() {
        admin.post(
                "/emulator/faults",
                "{\"status\":429,\"count\":1,\"method\":\"POST\",\"pathRegex\":\"/events$\",\"retryAfterSeconds\":1}");
        long started = System.nanoTime();

        EventCommandResult result = send(create(ada, "After 429", List.of(), null));

        assertThat(result.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBacklogOfOneConnectionKeepsToThePerConnectionRateLimit() {
        // Default limit 8 calls per second: 40 inserts span at least 4 refresh periods, where an
        // unlimited writer needs well under a second here.
        List<CreateEventCommand> backlog = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            backlog.add(create(ada, "Backlog " + i, List.of(), null));
        }
        long started = System.nanoTime();

        backlog.forEach(command -> publisher.publish(Topics.EVENT_COMMAND, adaConnection.toString(), command));
        backlog.forEach(command -> awaitResults(command.commandId(), 1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(backlog)
                .allSatisfy(command -> assertThat(resultsByCommand
                                .get(command.commandId().value())
                                .getFirst()
                                .outcome())
                        .isEqualTo(CommandOutcome.APPLIED));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCommandApplied() {
        admin.post("/emulator/access-tokens/expire", "{\"email\":\"" + ADA + "\"}");
        long refreshes = admin.calls("oauth2.token");

        EventCommandResult result = send(create(ada, "After 401", List.of(), null));

        assertThat(result.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(admin.calls("oauth2.token")).isEqualTo(refreshes + 1);
        adaToken = new AccessToken(
                tokens.find(adaConnection).orElseThrow().accessToken().reveal());
    }

    @Test
    void anEventChangedAtGoogleGivesAConflictAndTheStoredRowIsRefreshed() {
        EventCommandResult created = send(create(ada, "Original", List.of(), null));
        admin.patch(
                "/emulator/calendars/" + EmulatorAdmin.encode(ADA) + "/events/"
                        + created.eventId().value(),
                "{\"summary\":\"Changed at Google\"}");

        UpdateEventCommand update = update(ada, created.eventId(), draft("Mine", List.of(), null), null);
        EventCommandResult result = send(update);

        assertThat(result.outcome()).isEqualTo(CommandOutcome.CONFLICT);
        assertThat(result.reason()).isEqualTo(ResultReason.ETAG_MISMATCH);
        assertThat(google.getEvent(adaToken, ADA, created.eventId().value())
                        .body()
                        .summary())
                .isEqualTo("Changed at Google");
        StoredEvent stored = events.find(adaCalendar, created.eventId().value()).orElseThrow();
        assertThat(stored.row().summary()).isEqualTo("Changed at Google");
        assertThat(stored.row().etag()).isNotEqualTo(created.etag());
    }

    @Test
    void replayingCommandsSendsNoSecondWriteToGoogle() {
        CreateEventCommand create = create(ada, "Replay", List.of(erin), null);
        EventCommandResult created = send(create);
        UpdateEventCommand update = update(ada, created.eventId(), draft("Replay v2", List.of(), null), null);
        send(update);
        DeleteEventCommand delete = delete(ada, created.eventId());
        send(delete);
        long writes = writes();

        for (EventCommand command : List.of(create, update, delete)) {
            publisher.publishAndWait(Topics.EVENT_COMMAND, adaConnection.toString(), command);
        }
        awaitResults(delete.commandId(), 2);

        assertThat(writes()).isEqualTo(writes);
        assertThat(resultsByCommand.get(update.commandId().value()))
                .extracting(EventCommandResult::outcome)
                .containsOnly(CommandOutcome.APPLIED);
        assertThat(events.find(adaCalendar, created.eventId().value())).isEmpty();
    }

    // ---- held commands ----

    @Test
    void commandsOfAConnectionThatNeedsReauthAreHeldThenAppliedAfterReconnect() {
        connections.updateStatus(carlConnection, ConnectionStatus.NEEDS_REAUTH, "invalid_grant", Instant.now());
        CreateEventCommand create = new CreateEventCommand(
                meta(carlConnection),
                new CommandId(UUID.randomUUID()),
                new Actor(
                        new UserId(users.findByEmailIgnoringCase(CARL)
                                .orElseThrow()
                                .id()),
                        "test"),
                new CalendarId(CARL),
                null,
                draft("Held", List.of(), null));
        long inserts = admin.calls("calendar.events.insert");

        CreateEventCommand second = new CreateEventCommand(
                meta(carlConnection),
                new CommandId(UUID.randomUUID()),
                create.actor(),
                create.calendarId(),
                null,
                draft("Held too", List.of(), null));

        EventCommandResult held = send(create);
        EventCommandResult heldToo = send(second);
        // A replay of a held command leaves it held: no write.
        publisher.publishAndWait(Topics.EVENT_COMMAND, carlConnection.toString(), create);

        assertThat(held.outcome()).isEqualTo(CommandOutcome.HELD);
        assertThat(held.reason()).isEqualTo(ResultReason.NEEDS_REAUTH);
        assertThat(heldToo.outcome()).isEqualTo(CommandOutcome.HELD);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts);

        connections.updateStatus(carlConnection, ConnectionStatus.ACTIVE, null, Instant.now());
        publisher.publishAndWait(
                Topics.SYNC_REQUESTED,
                carlConnection.toString(),
                new SyncRequested(
                        MessageMeta.create(
                                SyncRequested.TYPE,
                                SyncRequested.VERSION,
                                new ConnectionId(carlConnection),
                                java.time.Clock.systemUTC(),
                                UUID::randomUUID),
                        null,
                        SyncReason.CONNECTED,
                        SyncMode.INCREMENTAL));

        List<EventCommandResult> first = awaitResults(create.commandId(), 2);
        List<EventCommandResult> then = awaitResults(second.commandId(), 2);
        assertThat(first.subList(0, 2))
                .extracting(EventCommandResult::outcome)
                .containsExactly(CommandOutcome.HELD, CommandOutcome.APPLIED);
        assertThat(then)
                .extracting(EventCommandResult::outcome)
                .containsExactly(CommandOutcome.HELD, CommandOutcome.APPLIED);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts + 2);
        long carlCalendar = calendars
                .findByConnectionIdAndProviderCalendarId(carlConnection, CARL)
                .orElseThrow()
                .id();
        assertThat(events.find(carlCalendar, first.get(1).eventId().value())
                        .orElseThrow()
                        .row()
                        .summary())
                .isEqualTo("Held");
    }

    // ---- operations ----

    @Test
    void readinessAndCommandMetricsAreServed() throws Exception {
        send(create(ada, "Metered", List.of(), null));
        var http = java.net.http.HttpClient.newHttpClient();
        var readiness = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var prometheus = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(prometheus.body())
                .contains("calsync_writer_commands_total{outcome=\"applied\"")
                .contains("calsync_writer_command_latency_seconds_bucket{action=\"create\"");
    }

    // ---- poison ----

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopic() {
        String marker = UUID.randomUUID().toString();
        TestKafka.send(
                bootstrapServers,
                Topics.EVENT_COMMAND,
                adaConnection.toString(),
                "{\"action\":\"explode\",\"marker\":\"" + marker + "\"}");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND_DLT, Duration.ofSeconds(5)))
                        .anyMatch(record -> record.value().contains(marker)));
    }

    // ---- helpers ----

    private long writes() {
        return admin.calls("calendar.events.insert")
                + admin.calls("calendar.events.patch")
                + admin.calls("calendar.events.delete");
    }

    private static void assertRejected(EventCommandResult result, ResultReason reason, String messagePart) {
        assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.message()).contains(messagePart);
    }

    private EventCommandResult send(EventCommand command) {
        publisher.publishAndWait(
                Topics.EVENT_COMMAND, command.meta().connectionId().value().toString(), command);
        return awaitResults(command.commandId(), 1).getFirst();
    }

    private List<EventCommandResult> awaitResults(CommandId commandId, int count) {
        await().atMost(WAIT).until(() -> {
            pollResults();
            return resultsByCommand.getOrDefault(commandId.value(), List.of()).size() >= count;
        });
        return resultsByCommand.get(commandId.value());
    }

    private synchronized void pollResults() {
        for (ConsumerRecord<String, String> record : results.poll(Duration.ofMillis(100))) {
            EventCommandResult result = json.readValue(record.value(), EventCommandResult.class);
            resultsByCommand
                    .computeIfAbsent(result.commandId().value(), id -> new ArrayList<>())
                    .add(result);
        }
    }

    private CalendarEventChanged awaitChange(CommandId commandId) {
        List<CalendarEventChanged> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            TestKafka.readToEnd(bootstrapServers, Topics.CALENDAR_EVENT_CHANGED, Duration.ofSeconds(5)).stream()
                    .map(record -> json.readValue(record.value(), CalendarEventChanged.class))
                    .filter(change -> commandId.equals(change.commandId()))
                    .forEach(found::add);
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    private User unknownUser() {
        return new User(999999L, "ghost@example.com", "Ghost", null, false, "UTC", Instant.now());
    }

    private MessageMeta meta(UUID connectionId) {
        return MessageMeta.create(
                EventCommand.TYPE,
                EventCommand.VERSION,
                new ConnectionId(connectionId),
                java.time.Clock.systemUTC(),
                UUID::randomUUID);
    }

    private static EventDraft draft(String summary, List<Person> invitees, Long matterId) {
        OffsetDateTime start = OffsetDateTime.of(2027, 2, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        return new EventDraft(
                summary,
                "Room 1",
                "Agenda",
                EventTime.at(start, "UTC"),
                EventTime.at(start.plusHours(1), "UTC"),
                invitees.stream().map(person -> Invitee.of(person.id())).toList(),
                matterId == null ? null : new MatterId(matterId));
    }

    private CreateEventCommand create(User actor, String summary, List<Person> invitees, Long matterId) {
        return createOn(actor, ADA, draft(summary, invitees, matterId));
    }

    private CreateEventCommand createOn(User actor, String calendarId, EventDraft draft) {
        return new CreateEventCommand(
                meta(adaConnection),
                new CommandId(UUID.randomUUID()),
                new Actor(new UserId(actor.id()), "test"),
                new CalendarId(calendarId),
                null,
                draft);
    }

    private UpdateEventCommand update(User actor, EventId eventId, EventDraft draft, String expectedEtag) {
        return new UpdateEventCommand(
                meta(adaConnection),
                new CommandId(UUID.randomUUID()),
                new Actor(new UserId(actor.id()), "test"),
                new CalendarId(ADA),
                eventId,
                draft,
                expectedEtag);
    }

    private DeleteEventCommand delete(User actor, EventId eventId) {
        return new DeleteEventCommand(
                meta(adaConnection),
                new CommandId(UUID.randomUUID()),
                new Actor(new UserId(actor.id()), "test"),
                new CalendarId(ADA),
                eventId,
                null);
    }
}
