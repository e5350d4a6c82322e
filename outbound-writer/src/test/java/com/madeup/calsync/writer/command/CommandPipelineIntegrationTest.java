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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
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
            // The tests expire held commands themselves; the scheduled sweep stays out of their way.
            "calsync.writer.held-commands.sweep-interval=1h",
            "spring.kafka.consumer.auto-offset-reset=earliest"
        })
@CalsyncEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(CommandPipelineIntegrationTest.TestCollaborators.class)
class CommandPipelineIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestCollaborators {
        /** The app's clock; a test shifts it into the past to hold a command "long ago". */
        @Bean
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }

        @Bean
        CrashOnce crashOnce() {
            return new CrashOnce();
        }
    }

    /** Fails the store transaction of an armed command once, as a crash just before our commit would. */
    static final class CrashOnce implements BeforeStoreCommit {
        private final Set<UUID> armed = ConcurrentHashMap.newKeySet();
        private final Set<UUID> crashed = ConcurrentHashMap.newKeySet();

        void arm(CommandId commandId) {
            armed.add(commandId.value());
        }

        boolean crashed(CommandId commandId) {
            return crashed.contains(commandId.value());
        }

        @Override
        public void reached(EventCommand command) {
            if (armed.remove(command.commandId().value())) {
                crashed.add(command.commandId().value());
                throw new IllegalStateException("simulated crash after the provider write, before our commit");
            }
        }
    }

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

    @Autowired
    AdjustableClock clock;

    @Autowired
    CrashOnce crash;

    @Autowired
    HeldCommandExpiry expiry;

    @Autowired
    HeldCommandStore heldCommands;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

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
    void aCrashBetweenTheGoogleWriteAndOurCommitEndsAppliedWithOneWriteAndOneChange() {
        Account gil = newAccount("gil");

        CreateEventCommand create = createFor(gil, "Survives a crash");
        crash.arm(create.commandId());
        long inserts = admin.calls("calendar.events.insert");
        EventCommandResult created = send(create);
        assertThat(crash.crashed(create.commandId())).isTrue();
        assertThat(created.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts + 1);
        long gilCalendar = calendars
                .findByConnectionIdAndProviderCalendarId(gil.connection(), gil.email())
                .orElseThrow()
                .id();
        EventId eventId = created.eventId();
        assertThat(events.find(gilCalendar, eventId.value()).orElseThrow().row().etag())
                .isEqualTo(created.etag())
                .isEqualTo(google.getEvent(gil.token(), gil.email(), eventId.value())
                        .body()
                        .etag());

        // Before the fix this patch's retry met the moved etag (412) and ended as CONFLICT.
        UpdateEventCommand update = new UpdateEventCommand(
                meta(gil.connection()),
                new CommandId(UUID.randomUUID()),
                create.actor(),
                create.calendarId(),
                eventId,
                draft("Survives a crash v2", List.of(erin), 5L),
                null);
        crash.arm(update.commandId());
        long patches = admin.calls("calendar.events.patch");
        EventCommandResult updated = send(update);
        assertThat(crash.crashed(update.commandId())).isTrue();
        assertThat(updated.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(admin.calls("calendar.events.patch")).isEqualTo(patches + 1);
        ProviderEvent atGoogle =
                google.getEvent(gil.token(), gil.email(), eventId.value()).body();
        assertThat(atGoogle.summary()).isEqualTo("Survives a crash v2");
        StoredEvent stored = events.find(gilCalendar, eventId.value()).orElseThrow();
        assertThat(stored.row().summary()).isEqualTo("Survives a crash v2");
        assertThat(stored.row().matterId()).isEqualTo(5L);
        assertThat(stored.row().etag()).isEqualTo(atGoogle.etag()).isEqualTo(updated.etag());

        DeleteEventCommand delete = new DeleteEventCommand(
                meta(gil.connection()),
                new CommandId(UUID.randomUUID()),
                create.actor(),
                create.calendarId(),
                eventId,
                null);
        crash.arm(delete.commandId());
        long deletes = admin.calls("calendar.events.delete");
        EventCommandResult deleted = send(delete);
        assertThat(crash.crashed(delete.commandId())).isTrue();
        assertThat(deleted.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(admin.calls("calendar.events.delete")).isEqualTo(deletes + 1);
        assertThat(events.find(gilCalendar, eventId.value())).isEmpty();

        // The crashed attempts published nothing: one result and one change per command.
        Set<CommandId> ids = Set.of(create.commandId(), update.commandId(), delete.commandId());
        Map<CommandId, Long> resultCount =
                TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND_RESULT, Duration.ofSeconds(5)).stream()
                        .map(record -> json.readValue(record.value(), EventCommandResult.class))
                        .filter(result -> ids.contains(result.commandId()))
                        .collect(Collectors.groupingBy(EventCommandResult::commandId, Collectors.counting()));
        Map<CommandId, Long> changeCount =
                TestKafka.readToEnd(bootstrapServers, Topics.CALENDAR_EVENT_CHANGED, Duration.ofSeconds(5)).stream()
                        .map(record -> json.readValue(record.value(), CalendarEventChanged.class))
                        .filter(change -> ids.contains(change.commandId()))
                        .collect(Collectors.groupingBy(CalendarEventChanged::commandId, Collectors.counting()));
        assertThat(resultCount)
                .isEqualTo(Map.of(create.commandId(), 1L, update.commandId(), 1L, delete.commandId(), 1L));
        assertThat(changeCount)
                .isEqualTo(Map.of(create.commandId(), 1L, update.commandId(), 1L, delete.commandId(), 1L));
        for (CommandId id : ids) {
            assertThat(ledger.findOutboundWrites(id.value())).hasSize(1);
        }
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

        reconnect(carlConnection);

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

    @Test
    void heldCommandsPastTheLimitAreRejectedByTheSweepAndNotAppliedAfterReconnect() {
        Account dora = newAccount("dora");
        connections.updateStatus(dora.connection(), ConnectionStatus.NEEDS_REAUTH, "invalid_grant", Instant.now());
        CreateEventCommand stale = createFor(dora, "Stale");
        CreateEventCommand recent = createFor(dora, "Recent");
        clock.shift(Duration.ofDays(-8));
        EventCommandResult staleHeld;
        try {
            staleHeld = send(stale);
        } finally {
            clock.reset();
        }
        EventCommandResult recentHeld = send(recent);
        long inserts = admin.calls("calendar.events.insert");
        assertThat(staleHeld.outcome()).isEqualTo(CommandOutcome.HELD);
        assertThat(recentHeld.outcome()).isEqualTo(CommandOutcome.HELD);
        double heldBefore = heldGauge();
        assertThat(heldBefore).isEqualTo(heldRows()).isGreaterThanOrEqualTo(2);

        int expired = expiry.expireDue();

        assertThat(expired).isEqualTo(1);
        List<EventCommandResult> staleResults = awaitResults(stale.commandId(), 2);
        EventCommandResult expiredResult = staleResults.get(1);
        assertThat(expiredResult.outcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(expiredResult.reason()).isEqualTo(ResultReason.NEEDS_REAUTH);
        assertThat(expiredResult.message()).contains("7 days").contains("reconnect");
        assertThat(expiredResult.eventId()).isEqualTo(stale.effectiveEventId());
        var ledgered = ledger.findCommand(stale.commandId().value()).orElseThrow();
        assertThat(ledgered.outcome()).isEqualTo(com.madeup.calsync.store.ledger.CommandOutcome.REJECTED);
        assertThat(ledgered.resultJson()).contains("needs_reauth").contains("7 days");
        assertThat(heldCommands.isHeld(stale.commandId().value())).isFalse();
        assertThat(heldCommands.isHeld(recent.commandId().value())).isTrue();
        assertThat(ledger.findCommand(recent.commandId().value()).orElseThrow().outcome())
                .isEqualTo(com.madeup.calsync.store.ledger.CommandOutcome.PENDING);
        assertThat(heldGauge()).isEqualTo(heldRows()).isEqualTo(heldBefore - 1);
        assertThat(expiry.expireDue()).as("a second sweep finds nothing").isZero();

        reconnect(dora.connection());

        assertThat(awaitResults(recent.commandId(), 2))
                .extracting(EventCommandResult::outcome)
                .containsExactly(CommandOutcome.HELD, CommandOutcome.APPLIED);
        // Same partition: anything for the stale command would have come before.
        assertThat(resultsByCommand.get(stale.commandId().value())).hasSize(2);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts + 1);
        assertThat(google.getEvent(
                                dora.token(),
                                dora.email(),
                                stale.effectiveEventId().value())
                        .ok())
                .isFalse();
    }

    @Test
    void aReconnectAfterTheLimitAnswersTheExpiredCommandInsteadOfApplyingIt() {
        Account eve = newAccount("eve");
        connections.updateStatus(eve.connection(), ConnectionStatus.NEEDS_REAUTH, "invalid_grant", Instant.now());
        CreateEventCommand late = createFor(eve, "Too late");
        clock.shift(Duration.ofDays(-7).minusMinutes(1));
        try {
            assertThat(send(late).outcome()).isEqualTo(CommandOutcome.HELD);
        } finally {
            clock.reset();
        }
        long inserts = admin.calls("calendar.events.insert");

        // No sweep ran (its interval is an hour here): the re-drive itself expires the command.
        reconnect(eve.connection());

        List<EventCommandResult> results = awaitResults(late.commandId(), 2);
        assertThat(results.get(1).outcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(results.get(1).reason()).isEqualTo(ResultReason.NEEDS_REAUTH);
        assertThat(heldCommands.isHeld(late.commandId().value())).isFalse();
        assertThat(ledger.findCommand(late.commandId().value()).orElseThrow().outcome())
                .isEqualTo(com.madeup.calsync.store.ledger.CommandOutcome.REJECTED);
        assertThat(admin.calls("calendar.events.insert")).isEqualTo(inserts);
    }

    @Test
    void twoInstancesSweepingAtOnceAnswerEachExpiredCommandExactlyOnce() {
        Account fay = newAccount("fay");
        connections.updateStatus(fay.connection(), ConnectionStatus.NEEDS_REAUTH, "invalid_grant", Instant.now());
        List<CreateEventCommand> commands = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CreateEventCommand command = createFor(fay, "Held " + i);
            commands.add(command);
            assertThat(send(command).outcome()).isEqualTo(CommandOutcome.HELD);
        }
        Set<CommandId> ids = commands.stream().map(EventCommand::commandId).collect(Collectors.toSet());
        // Two writer instances whose clocks say the commands are eight days old.
        java.time.Clock eightDaysOn = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(8));
        HeldCommandExpiry first = instanceExpiry(eightDaysOn);
        HeldCommandExpiry second = instanceExpiry(eightDaysOn);

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> first.expireDue(fay.connection()));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> second.expireDue(fay.connection()));

        assertThat(one.join() + two.join()).isEqualTo(6);
        List<EventCommandResult> rejections =
                TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND_RESULT, Duration.ofSeconds(5)).stream()
                        .map(record -> json.readValue(record.value(), EventCommandResult.class))
                        .filter(result -> ids.contains(result.commandId()))
                        .filter(result -> result.outcome() == CommandOutcome.REJECTED)
                        .toList();
        assertThat(rejections).hasSize(6);
        assertThat(rejections.stream().map(EventCommandResult::commandId).collect(Collectors.toSet()))
                .isEqualTo(ids);
        assertThat(commands)
                .allSatisfy(command -> assertThat(
                                heldCommands.isHeld(command.commandId().value()))
                        .isFalse());
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
                .contains("calsync_writer_command_latency_seconds_bucket{action=\"create\"")
                .contains("calsync_writer_commands_held ");
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

    /** A user with an emulator account, a connection and one writable calendar (the primary). */
    record Account(User user, UUID connection, String email, AccessToken token) {}

    private Account newAccount(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        User user = users.save(User.create(email, name, null, false, Instant.now()));
        JsonNode account = admin.post("/emulator/accounts", "{\"email\":\"" + email + "\"}");
        UUID connection = UUID.randomUUID();
        connect(connection, user, email, account);
        calendars.upsertFromProvider(connection, email, name, "UTC", AccessRole.OWNER, true, Instant.now());
        return new Account(
                user,
                connection,
                email,
                new AccessToken(account.path("accessToken").asString()));
    }

    private CreateEventCommand createFor(Account account, String summary) {
        return new CreateEventCommand(
                meta(account.connection()),
                new CommandId(UUID.randomUUID()),
                new Actor(new UserId(account.user().id()), "test"),
                new CalendarId(account.email()),
                null,
                draft(summary, List.of(), null));
    }

    /** What the dashboard does after the user reconnected the account. */
    private void reconnect(UUID connectionId) {
        connections.updateStatus(connectionId, ConnectionStatus.ACTIVE, null, Instant.now());
        publisher.publishAndWait(
                Topics.SYNC_REQUESTED,
                connectionId.toString(),
                new SyncRequested(
                        MessageMeta.create(
                                SyncRequested.TYPE,
                                SyncRequested.VERSION,
                                new ConnectionId(connectionId),
                                java.time.Clock.systemUTC(),
                                UUID::randomUUID),
                        null,
                        SyncReason.CONNECTED,
                        SyncMode.INCREMENTAL));
    }

    private HeldCommandExpiry instanceExpiry(java.time.Clock instanceClock) {
        return new HeldCommandExpiry(
                heldCommands,
                ledger,
                publisher,
                json,
                transactions,
                meters,
                Duration.ofDays(7),
                instanceClock,
                UUID::randomUUID);
    }

    private double heldGauge() {
        return meters.get("calsync.writer.commands.held").gauge().value();
    }

    private long heldRows() {
        return jdbc.queryForObject("SELECT count(*) FROM held_commands", Long.class);
    }

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
