package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.http.ApiError;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.InvitationRow;
import com.madeup.calsync.store.event.UpsertResult;
import com.madeup.calsync.worker.sync.SyncOutcome.Status;
import com.madeup.calsync.worker.token.AuthorizedCalls;
import com.madeup.calsync.worker.token.AuthorizedCalls.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Syncs one calendar from the provider into {@code calendar_events} and publishes what changed.
 *
 * <p>Without a stored sync token (or when forced) it runs a full sync, page by page, then deletes
 * the rows the provider no longer listed. With one it runs an incremental sync; a 410 drops the
 * token and runs a full sync at once. The new sync token is stored only after every change message
 * was acknowledged, with {@code last_synced_at} = the time the pass started (see {@link
 * SyncCoordinator} for why the start).
 *
 * <p>Pages are pipelined: while page n is stored and announced (on the {@code storing} executor),
 * page n+1 is fetched and parsed on the caller's thread. At most one page is being stored at a
 * time, and pages are stored in order, so memory holds two pages and every page still commits only
 * after its change messages were acknowledged.
 */
public final class CalendarSync {

    static final int PAGE_SIZE = 2500;

    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);

    private final CalendarApi api;
    private final AuthorizedCalls authorized;
    private final CalendarEventStore events;
    private final CalendarRepository calendars;
    private final PersonLookup persons;
    private final ChangeSender sender;
    private final Clock clock;
    private final Supplier<UUID> messageIds;
    private final Duration ackTimeout;
    private final TransactionOperations transactions;
    private final Executor storing;
    private final SyncMetrics metrics;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    public CalendarSync(
            CalendarApi api,
            AuthorizedCalls authorized,
            CalendarEventStore events,
            CalendarRepository calendars,
            JdbcTemplate jdbc,
            ChangeSender sender,
            Clock clock,
            Supplier<UUID> messageIds,
            Duration ackTimeout,
            TransactionOperations transactions,
            Executor storing,
            SyncMetrics metrics) {
        this.api = Objects.requireNonNull(api, "api");
        this.authorized = Objects.requireNonNull(authorized, "authorized");
        this.events = Objects.requireNonNull(events, "events");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.persons = new PersonLookup(Objects.requireNonNull(jdbc, "jdbc"));
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.storing = Objects.requireNonNull(storing, "storing");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Runs one pass.
     *
     * @throws RetryableSyncException for failures that may pass (the caller's Kafka retry re-runs it)
     */
    public SyncOutcome sync(Calendar calendar, boolean forceFull) {
        // One pass per calendar at a time in this instance: requests, notifications and trailing
        // passes come from different threads. The row is re-read under the lock, since the pass
        // before may have stored a new token.
        ReentrantLock lock = locks.computeIfAbsent(calendar.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            Calendar current = calendars.findById(calendar.id()).orElse(calendar);
            boolean full = forceFull || current.syncToken() == null;
            Instant start = clock.instant();
            try {
                SyncOutcome outcome = syncLocked(current, forceFull);
                metrics.pass(outcome, full, Duration.between(start, clock.instant()));
                return outcome;
            } catch (RuntimeException e) {
                metrics.passError(full, Duration.between(start, clock.instant()));
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private SyncOutcome syncLocked(Calendar calendar, boolean forceFull) {
        Instant passStart = clock.instant();
        boolean full = forceFull || calendar.syncToken() == null;
        Pass pass = new Pass(calendar, full);
        Outcome<SyncResult> outcome = run(pass, full ? null : calendar.syncToken());
        boolean resynced = false;
        if (outcome instanceof Outcome.Done<SyncResult> done
                && !done.response().ok()
                && done.response().error().kind() == ErrorKind.SYNC_TOKEN_INVALID
                && !full) {
            log.info(
                    "Sync token of calendar {} (connection {}) is no longer valid; full resync",
                    calendar.providerCalendarId(),
                    calendar.connectionId());
            calendars.clearSyncToken(calendar.id(), clock.instant());
            pass.changes.awaitAcks();
            pass = new Pass(calendar, true);
            full = true;
            resynced = true;
            outcome = run(pass, null);
        }
        return switch (outcome) {
            case Outcome.NeedsReauth<SyncResult> needsReauth ->
                SyncOutcome.notRun(Status.NEEDS_REAUTH, needsReauth.reason());
            case Outcome.Unavailable<SyncResult> unavailable -> {
                if (unavailable.retryable()) {
                    throw new RetryableSyncException(
                            "no access token for connection " + calendar.connectionId() + ": " + unavailable.reason());
                }
                log.warn("No access token for connection {}: {}", calendar.connectionId(), unavailable.reason());
                yield SyncOutcome.notRun(Status.FAILED, unavailable.reason());
            }
            case Outcome.Done<SyncResult> done
            when done.response().ok() ->
                complete(calendar, pass, done.response().body(), full, resynced, passStart);
            case Outcome.Done<SyncResult> done ->
                failed(calendar, pass, done.response().error());
        };
    }

    private Outcome<SyncResult> run(Pass pass, String syncToken) {
        EventQuery query = (syncToken == null ? EventQuery.full() : EventQuery.incremental(syncToken))
                .withSingleEvents(true)
                .withMaxResults(PAGE_SIZE);
        return authorized.run(pass.calendar.connectionId(), token -> {
            pass.seen.clear(); // a re-run after a 401 lists everything again
            boolean listed = false;
            try {
                var response = api.syncEvents(token, pass.calendar.providerCalendarId(), query, pass::handlePage);
                listed = true;
                pass.awaitStored(); // the last page, and a failure of any page
                return response;
            } finally {
                if (!listed) {
                    pass.awaitStoredQuietly(); // never leave a page being stored behind a failure
                }
            }
        });
    }

    private SyncOutcome complete(
            Calendar calendar, Pass pass, SyncResult result, boolean full, boolean resynced, Instant passStart) {
        if (full) {
            // What the provider no longer lists is gone (this is what makes a 410 resync remove rows).
            // Committed only once the deletions are acknowledged, like a page.
            transactions.executeWithoutResult(status -> {
                for (String gone : events.deleteAllExcept(calendar.id(), pass.seen)) {
                    pass.changes.deleted(gone);
                    pass.deleted++;
                }
                pass.changes.awaitAcks();
            });
        }
        pass.changes.awaitAcks();
        calendars.updateSyncState(calendar.id(), result.nextSyncToken(), full, passStart);
        metrics.synced(calendar.id(), passStart);
        log.debug(
                "Synced calendar {} (connection {}): full={}, items={}, upserted={}, deleted={}",
                calendar.providerCalendarId(),
                calendar.connectionId(),
                full,
                result.items(),
                pass.upserted,
                pass.deleted);
        return new SyncOutcome(
                Status.COMPLETED, full, resynced, result.items(), pass.upserted, pass.deleted, pass.skipped, null);
    }

    private SyncOutcome failed(Calendar calendar, Pass pass, ApiError error) {
        pass.changes.awaitAcks(); // pages already stored stay stored and published
        String detail = error.kind() + " " + error.reason() + ": " + error.message();
        if (error.kind().retryable()) {
            throw new RetryableSyncException("sync of calendar " + calendar.providerCalendarId() + " (connection "
                    + calendar.connectionId() + ") failed: " + detail);
        }
        if (error.kind() == ErrorKind.NOT_FOUND) {
            // The account lost the calendar: stop syncing it (its channel is stopped by the channel loop).
            calendars.markRemoved(calendar.id(), clock.instant());
        }
        log.warn(
                "Sync of calendar {} (id {}, connection {}) failed and is not retried: {}",
                calendar.providerCalendarId(),
                calendar.id(),
                calendar.connectionId(),
                detail);
        return new SyncOutcome(Status.FAILED, pass.full, false, 0, pass.upserted, pass.deleted, pass.skipped, detail);
    }

    /**
     * State of one pass. The page handler runs on the fetching thread, the storing of each page on
     * the storing executor, one page at a time; the counters are read only after {@link
     * #awaitStored()} (which orders them).
     */
    private final class Pass {
        final Calendar calendar;
        final boolean full;
        /**
         * A full pass of a calendar with no stored event (its first sync): its rows are written by
         * plain inserts, with the upsert as the fallback (CalendarEventStore.insertMostlyNew).
         */
        final boolean mostlyNew;

        final Set<String> seen = new HashSet<>();
        final ChangePublisher changes;
        int upserted;
        int deleted;
        int skipped;
        /** The page being stored on the storing executor; completed when none is. */
        private CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);

        Pass(Calendar calendar, boolean full) {
            this.calendar = calendar;
            this.full = full;
            this.mostlyNew = full && !events.hasEvents(calendar.id());
            this.changes = new ChangePublisher(
                    sender,
                    clock,
                    messageIds,
                    ackTimeout,
                    new ConnectionId(calendar.connectionId()),
                    new CalendarId(calendar.providerCalendarId()));
        }

        /** Runs on the fetching thread: waits for the previous page, then hands this one over. */
        void handlePage(List<ProviderEvent> page) {
            awaitStored();
            if (full) {
                for (ProviderEvent event : page) {
                    seen.add(event.id());
                }
            }
            stored = CompletableFuture.runAsync(() -> store(page), storing);
        }

        /** Waits for the page being stored; rethrows its failure (a RetryableSyncException, usually). */
        void awaitStored() {
            try {
                stored.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        void awaitStoredQuietly() {
            try {
                stored.join();
            } catch (CompletionException e) {
                log.debug("page of calendar {} failed behind another failure", calendar.id(), e);
            }
        }

        private void store(List<ProviderEvent> page) {
            Map<String, ProviderEvent> written = new LinkedHashMap<>();
            Map<String, EventRow> rows = new LinkedHashMap<>();
            List<String> cancelled = new ArrayList<>();
            for (ProviderEvent event : page) {
                if (event.cancelled()) {
                    // Instances are stored one row each, so a cancelled instance removes just that row.
                    cancelled.add(event.id());
                    continue;
                }
                try {
                    rows.put(event.id(), EventMapping.toRow(calendar.id(), event));
                    written.put(event.id(), event);
                } catch (RuntimeException unusable) {
                    skipped++;
                    log.warn(
                            "Event {} of calendar {} (connection {}) cannot be stored and is skipped: {}",
                            event.id(),
                            calendar.providerCalendarId(),
                            calendar.connectionId(),
                            unusable.getMessage());
                }
            }
            // Rows and their change messages go together: the page's writes commit only after Kafka
            // acknowledged every message. If a send fails, the rows roll back, so the retried pass sees
            // them as changed again and publishes them: no change is stored without being announced.
            Map<String, EventState> states = rows.isEmpty() ? Map.of() : states(written, rows);
            transactions.executeWithoutResult(status -> storeAndAnnounce(rows, states, cancelled));
        }

        private void storeAndAnnounce(
                Map<String, EventRow> rows, Map<String, EventState> states, List<String> cancelled) {
            if (!rows.isEmpty()) {
                List<EventRow> toWrite = List.copyOf(rows.values());
                for (UpsertResult result : mostlyNew ? events.insertMostlyNew(toWrite) : events.upsert(toWrite)) {
                    if (result.outcome().changed()) {
                        upserted++;
                        EventState state = states.get(result.providerEventId());
                        if (state != null) {
                            changes.upserted(result.providerEventId(), state);
                        }
                    }
                }
            }
            for (String id : cancelled) {
                if (events.delete(calendar.id(), id)) {
                    changes.deleted(id);
                    deleted++;
                }
            }
            changes.awaitAcks();
        }

        private Map<String, EventState> states(Map<String, ProviderEvent> written, Map<String, EventRow> rows) {
            Set<String> emails = new HashSet<>();
            for (EventRow row : rows.values()) {
                for (InvitationRow invitation : row.invitations()) {
                    emails.add(invitation.email().toLowerCase(Locale.ROOT));
                }
            }
            Map<String, Long> personIds = persons.idsByLowerEmail(emails);
            Map<String, EventState> states = new HashMap<>();
            for (Map.Entry<String, EventRow> entry : rows.entrySet()) {
                try {
                    states.put(
                            entry.getKey(),
                            EventMapping.toState(written.get(entry.getKey()), entry.getValue(), personIds));
                } catch (IllegalArgumentException notPublishable) {
                    // Stored, but the contract needs what the provider left out (etag, updated).
                    log.warn(
                            "Event {} of calendar {} will be stored but not published: {}",
                            entry.getKey(),
                            calendar.providerCalendarId(),
                            notPublishable.getMessage());
                }
            }
            return states;
        }
    }
}
