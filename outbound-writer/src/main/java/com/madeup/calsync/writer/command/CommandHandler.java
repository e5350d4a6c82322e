package com.madeup.calsync.writer.command;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.ChangeKind;
import com.madeup.calsync.model.ChangeSource;
import com.madeup.calsync.model.CommandOutcome;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.DeleteEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventCommandResult;
import com.madeup.calsync.model.EventCommandRules;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.Invitee;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResultReason;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.UpdateEventCommand;
import com.madeup.calsync.model.Violation;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
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
import com.madeup.calsync.store.event.StoredEvent;
import com.madeup.calsync.store.event.UpsertResult;
import com.madeup.calsync.store.ledger.HandledCommand;
import com.madeup.calsync.store.ledger.LedgerStore;
import com.madeup.calsync.store.ledger.OutboundIntent;
import com.madeup.calsync.store.ledger.WriteOperation;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.ConnectionTokens.TokenAccess;
import com.madeup.calsync.store.token.SecretToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one {@link EventCommand}: validate, check permission, claim it in the ledger, write to
 * the provider, store what the provider answered, then publish the result and the change. A
 * command that is refused changes nothing and its result says why.
 */
public final class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    /** How long the change event's acknowledgement is awaited (after the result's). */
    private static final Duration CHANGE_ACK_TIMEOUT = Duration.ofSeconds(10);

    private final EventCommandRules rules = new EventCommandRules();
    private final Repositories repositories;
    private final CalendarEventStore events;
    private final LedgerStore ledger;
    private final HeldCommandStore held;
    private final HeldCommandExpiry expiry;
    private final ConnectionTokens tokens;
    private final ConnectionTokens.Refresher refresher;
    private final CalendarApi google;
    private final ProviderCalls calls;
    private final ContractPublisher publisher;
    private final JsonMapper json;
    private final TransactionOperations transactions;
    private final BeforeStoreCommit beforeStoreCommit;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Supplier<UUID> messageIds;
    private final SendUpdates sendUpdates;

    // Commands and re-drives of one connection run one at a time in this instance: the command and
    // sync-requested listeners are different consumer threads. Across instances the writes stay
    // idempotent (client id, If-Match), so a race can repeat a result but not a write.
    private final ReentrantLock[] connectionLocks = new ReentrantLock[64];

    /** The account tables the checks read. */
    public record Repositories(
            UserRepository users,
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            PersonRepository persons) {}

    /** What a command came to, before it is published. */
    private record Verdict(
            CommandOutcome outcome,
            ResultReason reason,
            String message,
            EventId eventId,
            String etag,
            CompletableFuture<RecordMetadata> changePublished) {

        static Verdict applied(EventId eventId, String etag) {
            return new Verdict(CommandOutcome.APPLIED, null, null, eventId, etag, null);
        }

        static Verdict not(CommandOutcome outcome, ResultReason reason, String message) {
            return new Verdict(outcome, reason, message, null, null, null);
        }

        /** The change event is sent at once and its acknowledgement awaited with the result's. */
        Verdict withChange(CompletableFuture<RecordMetadata> published) {
            return new Verdict(outcome, reason, message, eventId, etag, published);
        }

        static Verdict rejected(ResultReason reason, String message) {
            return not(CommandOutcome.REJECTED, reason, message);
        }
    }

    public CommandHandler(
            Repositories repositories,
            CalendarEventStore events,
            LedgerStore ledger,
            HeldCommandStore held,
            HeldCommandExpiry expiry,
            ConnectionTokens tokens,
            ConnectionTokens.Refresher refresher,
            CalendarApi google,
            ProviderCalls calls,
            ContractPublisher publisher,
            JsonMapper json,
            TransactionOperations transactions,
            BeforeStoreCommit beforeStoreCommit,
            MeterRegistry meters,
            Clock clock,
            Supplier<UUID> messageIds,
            SendUpdates sendUpdates) {
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.events = Objects.requireNonNull(events, "events");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.held = Objects.requireNonNull(held, "held");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.google = Objects.requireNonNull(google, "google");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.json = Objects.requireNonNull(json, "json");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.beforeStoreCommit = Objects.requireNonNull(beforeStoreCommit, "beforeStoreCommit");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
        this.sendUpdates = Objects.requireNonNull(sendUpdates, "sendUpdates");
        for (int i = 0; i < connectionLocks.length; i++) {
            connectionLocks[i] = new ReentrantLock();
        }
    }

    private ReentrantLock lockOf(UUID connectionId) {
        return connectionLocks[Math.floorMod(connectionId.hashCode(), connectionLocks.length)];
    }

    /**
     * Handles a command read from the topic. A command id seen before is not applied again: a
     * finished one gets its stored result re-published, a held one stays held, and a pending one (a
     * crash between claim and completion) or a failed one is tried again, which is safe because
     * every write is idempotent (client id on insert, If-Match on patch and delete).
     */
    public void handle(EventCommand command) {
        ReentrantLock lock = lockOf(command.meta().connectionId().value());
        lock.lock();
        try {
            handleLocked(command);
        } finally {
            lock.unlock();
        }
    }

    private void handleLocked(EventCommand command) {
        UUID commandId = command.commandId().value();
        UUID connectionId = command.meta().connectionId().value();
        if (!ledger.claimCommand(
                commandId, connectionId, command.actor().userId().value())) {
            HandledCommand earlier = ledger.findCommand(commandId).orElseThrow();
            switch (earlier.outcome()) {
                case PENDING -> {
                    if (held.isHeld(commandId)) {
                        log.info(
                                "command {} is held until its connection is re-authorized; not applied again",
                                commandId);
                        return;
                    }
                }
                case FAILED -> log.info("command {} failed before; trying it again", commandId);
                default -> {
                    republish(earlier, command);
                    return;
                }
            }
        }
        apply(command, false);
    }

    /**
     * Applies the connection's held commands in the order they came, once it is active again; stops
     * at the first that must be held again. Commands held longer than the hold limit are answered
     * REJECTED first instead of being applied late.
     */
    public void redriveHeld(UUID connectionId) {
        ReentrantLock lock = lockOf(connectionId);
        lock.lock();
        try {
            redriveHeldLocked(connectionId);
        } finally {
            lock.unlock();
        }
    }

    private void redriveHeldLocked(UUID connectionId) {
        expiry.expireDue(connectionId);
        Optional<ProviderConnection> connection = repositories.connections().findById(connectionId);
        if (connection.isEmpty() || connection.get().status() != ConnectionStatus.ACTIVE) {
            return;
        }
        for (String commandJson : held.heldFor(connectionId)) {
            EventCommand command = json.readerFor(EventCommand.class).readValue(commandJson);
            log.info("re-driving held command {}", command.commandId().value());
            // Released only once it has an outcome: if this throws, the command stays held.
            if (apply(command, true).outcome() == CommandOutcome.HELD) {
                return;
            }
            held.release(command.commandId().value());
        }
    }

    /** @param redriving true while re-driving held commands, which must not start another re-drive */
    private Verdict apply(EventCommand command, boolean redriving) {
        long started = System.nanoTime();
        Verdict verdict;
        try {
            verdict = decide(command, redriving);
        } catch (RuntimeException bug) {
            // Unexpected (database down, a bug): let Kafka retry and then dead-letter the record.
            meters.counter("calsync.writer.commands", "outcome", "error", "reason", "exception")
                    .increment();
            throw bug;
        }
        publishResult(command, verdict);
        Timer.builder("calsync.writer.command.latency")
                .description("from reading a command to publishing its result")
                .tag("action", action(command))
                .tag("outcome", verdict.outcome().wire())
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.ofNanos(System.nanoTime() - started));
        meters.counter(
                        "calsync.writer.commands",
                        "outcome",
                        verdict.outcome().wire(),
                        "reason",
                        verdict.reason() == null ? "none" : verdict.reason().wire())
                .increment();
        return verdict;
    }

    private Verdict decide(EventCommand command, boolean redriving) {
        List<Violation> violations = rules.validate(command);
        if (!violations.isEmpty()) {
            return Verdict.rejected(ResultReason.VALIDATION_FAILED, cut(Violation.describe(violations)));
        }
        Optional<User> actor =
                repositories.users().findById(command.actor().userId().value());
        if (actor.isEmpty()) {
            return Verdict.rejected(
                    ResultReason.UNKNOWN_ACTOR,
                    "user " + command.actor().userId().value() + " is not a calsync user");
        }
        UUID connectionId = command.meta().connectionId().value();
        Optional<ProviderConnection> connection = repositories.connections().findById(connectionId);
        if (connection.isEmpty() || connection.get().status() == ConnectionStatus.DISCONNECTED) {
            return Verdict.rejected(
                    ResultReason.CALENDAR_NOT_FOUND, "connection " + connectionId + " is unknown or disconnected");
        }
        Optional<Calendar> calendar = repositories
                .calendars()
                .findByConnectionIdAndProviderCalendarId(
                        connectionId, command.calendarId().value())
                .filter(found -> found.removedAt() == null);
        if (calendar.isEmpty()) {
            return Verdict.rejected(
                    ResultReason.CALENDAR_NOT_FOUND,
                    "calendar " + command.calendarId().value() + " is not a calendar of connection " + connectionId);
        }
        if (!calendar.get().accessRole().canWrite()) {
            return Verdict.rejected(
                    ResultReason.CALENDAR_READ_ONLY,
                    "the account has only " + calendar.get().accessRole().databaseValue() + " access to calendar "
                            + command.calendarId().value());
        }
        boolean admin = actor.get().admin();
        boolean connectionUser = actor.get().id() == connection.get().userId();
        StoredEvent stored = null;
        if (command instanceof CreateEventCommand) {
            if (!admin && !connectionUser) {
                return Verdict.rejected(
                        ResultReason.FORBIDDEN, "only the calendar's user or an admin may create events on it");
            }
        } else {
            Optional<StoredEvent> found = events.find(
                            calendar.get().id(), command.eventId().value())
                    .filter(event -> !"cancelled".equals(event.row().status()));
            if (found.isEmpty()) {
                return Verdict.rejected(
                        ResultReason.EVENT_NOT_FOUND,
                        "event " + command.eventId().value() + " is not on calendar "
                                + command.calendarId().value());
            }
            stored = found.get();
            if (!admin && !(connectionUser && stored.row().organizedByConnectedUser())) {
                return Verdict.rejected(
                        ResultReason.FORBIDDEN, "only the event's organizer or an admin may change or delete it");
            }
        }
        List<Person> invitees = List.of();
        EventDraft draft = draftOf(command);
        if (draft != null) {
            Optional<List<Person>> found = invitees(draft);
            if (found.isEmpty()) {
                return Verdict.rejected(ResultReason.VALIDATION_FAILED, "draft.invitees: names an unknown person");
            }
            invitees = found.get();
        }

        TokenAccess access = tokens.accessTokenFor(connectionId, refresher);
        if (access instanceof TokenAccess.NeedsReauth reauth) {
            return hold(command, reauth.reason());
        }
        if (access instanceof TokenAccess.Unavailable unavailable) {
            return fail("no access token: " + unavailable.reason());
        }
        if (!redriving && held.anyHeld(connectionId)) {
            // Keep the connection's order: what waited longer goes first.
            redriveHeld(connectionId);
            if (held.anyHeld(connectionId)) {
                return hold(command, "earlier commands of the connection are held");
            }
        }
        SecretToken token = ((TokenAccess.Available) access).accessToken();
        Target target = new Target(command, connectionId, calendar.get(), token);
        return switch (command) {
            case CreateEventCommand create -> create(target, create, invitees);
            case UpdateEventCommand update -> update(target, update, stored, invitees);
            case DeleteEventCommand delete -> delete(target, delete, stored);
        };
    }

    /** Where a command writes, and with which token. */
    private record Target(EventCommand command, UUID connectionId, Calendar calendar, SecretToken token) {
        String providerCalendarId() {
            return calendar.providerCalendarId();
        }
    }

    private Verdict create(Target target, CreateEventCommand create, List<Person> invitees) {
        EventId eventId = create.effectiveEventId();
        var draft = EventMapping.forInsert(eventId, create.draft(), invitees);
        Verdict earlier = writtenBefore(target, eventId.value(), WriteOperation.INSERT, SentFields.of(draft));
        if (earlier != null) {
            return earlier;
        }
        var answer = calls.call(
                target.connectionId(),
                target.token(),
                "calendar.events.insert",
                token -> google.insertEvent(token, target.providerCalendarId(), draft, sendUpdates));
        ApiResponse<ProviderEvent> response = answer.response();
        if (response.failedWith(ErrorKind.CONFLICT)) {
            // Our client id already exists: an earlier attempt of this command got through.
            response = calls.call(
                            target.connectionId(),
                            target.token(),
                            "calendar.events.get",
                            token -> google.getEvent(token, target.providerCalendarId(), eventId.value()))
                    .response();
        }
        if (!response.ok()) {
            return failure(target, answer.needsReauth(), response, ResultReason.CALENDAR_NOT_FOUND);
        }
        return stored(target, response.body(), WriteOperation.INSERT);
    }

    private Verdict update(Target target, UpdateEventCommand update, StoredEvent stored, List<Person> invitees) {
        var changes = EventMapping.changes(stored.row(), update.draft(), invitees);
        if (changes == null) {
            return Verdict.applied(update.eventId(), stored.row().etag());
        }
        Verdict earlier = writtenBefore(target, update.eventId().value(), WriteOperation.PATCH, SentFields.of(changes));
        if (earlier != null) {
            return earlier;
        }
        String ifMatch = update.expectedEtag() != null
                ? update.expectedEtag()
                : stored.row().etag();
        var answer = calls.call(
                target.connectionId(),
                target.token(),
                "calendar.events.patch",
                token -> google.patchEvent(
                        token, target.providerCalendarId(), update.eventId().value(), changes, ifMatch, sendUpdates));
        if (answer.response().failedWith(ErrorKind.PRECONDITION_FAILED)) {
            return conflict(target, update.eventId());
        }
        if (!answer.response().ok()) {
            return failure(target, answer.needsReauth(), answer.response(), ResultReason.EVENT_NOT_FOUND);
        }
        return stored(target, answer.response().body(), WriteOperation.PATCH);
    }

    private Verdict delete(Target target, DeleteEventCommand delete, StoredEvent stored) {
        Verdict earlier = writtenBefore(target, delete.eventId().value(), WriteOperation.DELETE, null);
        if (earlier != null) {
            return earlier;
        }
        String ifMatch = delete.expectedEtag() != null
                ? delete.expectedEtag()
                : stored.row().etag();
        var answer = calls.call(
                target.connectionId(),
                target.token(),
                "calendar.events.delete",
                token -> google.deleteEvent(
                        token, target.providerCalendarId(), delete.eventId().value(), ifMatch, sendUpdates));
        ApiResponse<Void> response = answer.response();
        if (response.failedWith(ErrorKind.PRECONDITION_FAILED)) {
            return conflict(target, delete.eventId());
        }
        boolean gone = response.failedWith(ErrorKind.ALREADY_DELETED) || response.failedWith(ErrorKind.NOT_FOUND);
        if (!response.ok() && !gone) {
            return failure(target, answer.needsReauth(), response, ResultReason.EVENT_NOT_FOUND);
        }
        return deleted(target, delete.eventId());
    }

    /** The event is gone at the provider: remove our row, complete the ledger, publish the change. */
    private Verdict deleted(Target target, EventId eventId) {
        UUID commandId = target.command().commandId().value();
        Verdict verdict = Verdict.applied(eventId, null);
        transactions.executeWithoutResult(status -> {
            events.delete(target.calendar().id(), eventId.value());
            ledger.recordOutboundWrite(commandId, target.calendar().id(), eventId.value(), WriteOperation.DELETE, null);
            complete(target.command(), verdict);
            beforeStoreCommit.reached(target.command());
        });
        return verdict.withChange(publisher.publish(
                Topics.CALENDAR_EVENT_CHANGED,
                target.connectionId().toString(),
                new CalendarEventChanged(
                        meta(CalendarEventChanged.TYPE, CalendarEventChanged.VERSION, target.command()),
                        target.command().calendarId(),
                        eventId,
                        ChangeKind.DELETED,
                        null,
                        ChangeSource.COMMAND,
                        target.command().commandId())));
    }

    /**
     * Whether an earlier attempt of this command already made its write. An attempt records its
     * intent (the fields it sends) before calling the provider; if one is found, that attempt may
     * have reached the provider and died before our commit, so a plain retry would meet a moved
     * etag (412), an existing id (409) or a deleted event. The event is read back instead: if it
     * carries the intended write, it is stored and the command is APPLIED without a second write.
     * Otherwise (or with no intent) this attempt's intent is recorded, committed before the call,
     * and null returned: the write goes ahead as usual.
     */
    private Verdict writtenBefore(Target target, String eventId, WriteOperation operation, SentFields sent) {
        UUID commandId = target.command().commandId().value();
        Optional<OutboundIntent> intent = ledger.findIntent(commandId).filter(found -> found.operation() == operation);
        if (intent.isPresent()) {
            Verdict resumed = resume(target, eventId, intent.get());
            if (resumed != null) {
                log.info(
                        "command {}: an earlier attempt's {} already reached the provider; stored it without writing again",
                        commandId,
                        operation.databaseValue());
                return resumed;
            }
        }
        ledger.recordIntent(
                commandId,
                target.calendar().id(),
                eventId,
                operation,
                sent == null ? null : json.writeValueAsString(sent));
        return null;
    }

    private Verdict resume(Target target, String eventId, OutboundIntent intent) {
        ApiResponse<ProviderEvent> current = calls.call(
                        target.connectionId(),
                        target.token(),
                        "calendar.events.get",
                        token -> google.getEvent(token, target.providerCalendarId(), eventId))
                .response();
        boolean live = current.ok() && !current.body().cancelled();
        return switch (intent.operation()) {
            // Our client id: an event under it can only come from this command.
            case INSERT -> live ? stored(target, current.body(), WriteOperation.INSERT) : null;
            case PATCH ->
                live
                                && intent.sentJson() != null
                                && json.readValue(intent.sentJson(), SentFields.class)
                                        .carriedBy(current.body())
                        ? stored(target, current.body(), WriteOperation.PATCH)
                        : null;
            case DELETE -> {
                boolean gone = (current.ok() && current.body().cancelled())
                        || current.failedWith(ErrorKind.NOT_FOUND)
                        || current.failedWith(ErrorKind.ALREADY_DELETED);
                yield gone ? deleted(target, new EventId(eventId)) : null;
            }
        };
    }

    /**
     * Stores the provider's answer with its etag and {@code updated}, so the sync of Google's echo
     * finds the same etag and changes nothing; then publishes the change.
     */
    private Verdict stored(Target target, ProviderEvent event, WriteOperation operation) {
        Verdict verdict = Verdict.applied(new EventId(event.id()), event.etag());
        transactions.executeWithoutResult(status -> {
            events.upsert(List.of(EventMapping.toRow(target.calendar().id(), event)));
            ledger.recordOutboundWrite(
                    target.command().commandId().value(), target.calendar().id(), event.id(), operation, event.etag());
            complete(target.command(), verdict);
            beforeStoreCommit.reached(target.command());
        });
        return verdict.withChange(publishUpserted(target, event.id()));
    }

    /** 412: the event changed at the provider. Store its current state instead of overwriting it. */
    private Verdict conflict(Target target, EventId eventId) {
        var current = calls.call(
                        target.connectionId(),
                        target.token(),
                        "calendar.events.get",
                        token -> google.getEvent(token, target.providerCalendarId(), eventId.value()))
                .response();
        CompletableFuture<RecordMetadata> changePublished = null;
        if (current.ok() && !current.body().cancelled()) {
            List<UpsertResult> results =
                    events.upsert(List.of(EventMapping.toRow(target.calendar().id(), current.body())));
            if (results.getFirst().outcome().changed()) {
                changePublished = publishUpserted(target, eventId.value());
            }
        }
        return Verdict.not(
                        CommandOutcome.CONFLICT,
                        ResultReason.ETAG_MISMATCH,
                        "the event changed at the provider since it was read; its current state was stored, nothing was overwritten")
                .withChange(changePublished);
    }

    private Verdict failure(Target target, String needsReauth, ApiResponse<?> response, ResultReason notFoundReason) {
        if (needsReauth != null) {
            return hold(target.command(), needsReauth);
        }
        ErrorKind kind = response.error().kind();
        String detail = "provider answered " + response.status() + " " + kind
                + (response.error().reason() == null
                        ? ""
                        : " (" + response.error().reason() + ")") + ": "
                + response.error().message();
        return switch (kind) {
            case TRANSIENT, RATE_LIMITED, UNAUTHORIZED -> fail(detail);
            case FORBIDDEN ->
                "quotaExceeded".equals(response.error().reason())
                        ? fail(detail)
                        : Verdict.rejected(ResultReason.FORBIDDEN, cut(detail));
            case NOT_FOUND, ALREADY_DELETED -> Verdict.rejected(notFoundReason, cut(detail));
            default -> Verdict.rejected(ResultReason.PROVIDER_REJECTED, cut(detail));
        };
    }

    /** Retries ran out. The ledger says failed, so the same command id may be sent again. */
    private Verdict fail(String detail) {
        return Verdict.not(CommandOutcome.FAILED, ResultReason.PROVIDER_UNAVAILABLE, cut(detail));
    }

    private Verdict hold(EventCommand command, String reason) {
        String commandJson = json.writerFor(EventCommand.class).writeValueAsString(command);
        held.hold(command.commandId().value(), command.meta().connectionId().value(), commandJson, reason);
        log.info(
                "holding command {}: the connection needs re-authorization",
                command.commandId().value());
        return Verdict.not(
                CommandOutcome.HELD,
                ResultReason.NEEDS_REAUTH,
                "held until the account is reconnected; it is applied then");
    }

    private CompletableFuture<RecordMetadata> publishUpserted(Target target, String providerEventId) {
        StoredEvent stored =
                events.find(target.calendar().id(), providerEventId).orElseThrow();
        return publisher.publish(
                Topics.CALENDAR_EVENT_CHANGED,
                target.connectionId().toString(),
                new CalendarEventChanged(
                        meta(CalendarEventChanged.TYPE, CalendarEventChanged.VERSION, target.command()),
                        target.command().calendarId(),
                        new EventId(providerEventId),
                        ChangeKind.UPSERTED,
                        EventMapping.toState(stored),
                        ChangeSource.COMMAND,
                        target.command().commandId()));
    }

    /** Writes the final outcome to the ledger (the applied paths do it inside their transaction). */
    private void complete(EventCommand command, Verdict verdict) {
        ledger.completeCommand(
                command.commandId().value(), ledgerOutcome(verdict), json.writeValueAsString(result(command, verdict)));
    }

    private void publishResult(EventCommand command, Verdict verdict) {
        EventCommandResult result = result(command, verdict);
        if (verdict.outcome() != CommandOutcome.APPLIED && verdict.outcome() != CommandOutcome.HELD) {
            ledger.completeCommand(
                    command.commandId().value(), ledgerOutcome(verdict), json.writeValueAsString(result));
        }
        publisher.publishAndWait(
                Topics.EVENT_COMMAND_RESULT,
                command.meta().connectionId().value().toString(),
                result);
    }

    private EventCommandResult result(EventCommand command, Verdict verdict) {
        EventId eventId = verdict.eventId() != null
                ? verdict.eventId()
                : command instanceof CreateEventCommand create ? create.effectiveEventId() : command.eventId();
        return new EventCommandResult(
                meta(EventCommandResult.TYPE, EventCommandResult.VERSION, command),
                command.commandId(),
                verdict.outcome(),
                verdict.reason(),
                verdict.message(),
                command.calendarId(),
                eventId,
                verdict.etag());
    }

    private void republish(HandledCommand earlier, EventCommand command) {
        log.info(
                "command {} was handled before ({}); re-publishing its result",
                command.commandId().value(),
                earlier.outcome());
        if (earlier.resultJson() == null) {
            return;
        }
        EventCommandResult result = json.readValue(earlier.resultJson(), EventCommandResult.class);
        publisher.publishAndWait(
                Topics.EVENT_COMMAND_RESULT,
                command.meta().connectionId().value().toString(),
                result);
    }

    private static com.madeup.calsync.store.ledger.CommandOutcome ledgerOutcome(Verdict verdict) {
        return switch (verdict.outcome()) {
            case APPLIED -> com.madeup.calsync.store.ledger.CommandOutcome.APPLIED;
            case FAILED -> com.madeup.calsync.store.ledger.CommandOutcome.FAILED;
            // A conflict is final too: the command will not be applied as sent.
            default -> com.madeup.calsync.store.ledger.CommandOutcome.REJECTED;
        };
    }

    private Optional<List<Person>> invitees(EventDraft draft) {
        if (draft.invitees().isEmpty()) {
            return Optional.of(List.of());
        }
        List<Long> ids = draft.invitees().stream()
                .map(Invitee::personId)
                .map(id -> id.value())
                .distinct()
                .toList();
        Map<Long, Person> byId = new LinkedHashMap<>();
        repositories.persons().findAllById(ids).forEach(person -> byId.put(person.id(), person));
        List<Person> persons = new ArrayList<>();
        for (Long id : ids) {
            Person person = byId.get(id);
            if (person == null) {
                return Optional.empty();
            }
            persons.add(person);
        }
        return Optional.of(persons);
    }

    private static EventDraft draftOf(EventCommand command) {
        return switch (command) {
            case CreateEventCommand create -> create.draft();
            case UpdateEventCommand update -> update.draft();
            case DeleteEventCommand delete -> null;
        };
    }

    private static String action(EventCommand command) {
        return switch (command) {
            case CreateEventCommand create -> CreateEventCommand.ACTION_NAME;
            case UpdateEventCommand update -> UpdateEventCommand.ACTION_NAME;
            case DeleteEventCommand delete -> DeleteEventCommand.ACTION_NAME;
        };
    }

    private MessageMeta meta(String type, int version, EventCommand command) {
        return MessageMeta.create(type, version, command.meta().connectionId(), clock, messageIds);
    }

    private static String cut(String message) {
        return message.length() <= EventCommandResult.MAX_MESSAGE_LENGTH
                ? message
                : message.substring(0, EventCommandResult.MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
