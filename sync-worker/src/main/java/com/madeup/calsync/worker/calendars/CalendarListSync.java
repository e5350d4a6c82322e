package com.madeup.calsync.worker.calendars;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.worker.sync.RetryableSyncException;
import com.madeup.calsync.worker.token.AuthorizedCalls;
import com.madeup.calsync.worker.token.AuthorizedCalls.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a connection's {@code calendars} rows in line with the provider's calendar list: upserts
 * every listed calendar with its access role and marks the ones gone (or listed as deleted) removed.
 * A removed calendar is no longer picked, so its events stop syncing.
 *
 * <p>Incremental with calendarList.list's {@code nextSyncToken}, stored per connection: an
 * incremental list holds only what changed, and calendars the account lost come back as deleted
 * entries. Without a token (first time, forced, or after a 410) the whole list is read, and stored
 * calendars missing from it are removed too. The token is stored only after the rows are updated,
 * so a failure in between repeats the same list (idempotent).
 */
public final class CalendarListSync {

    /** What one calendar-list sync did. */
    public record ListSyncOutcome(boolean completed, boolean full, int listed, int removed, String detail) {}

    private record Listing(List<ProviderCalendar> calendars, String nextSyncToken) {}

    private static final Logger log = LoggerFactory.getLogger(CalendarListSync.class);

    private final CalendarApi api;
    private final AuthorizedCalls authorized;
    private final CalendarRepository calendars;
    private final ProviderConnectionRepository connections;
    private final Clock clock;

    public CalendarListSync(
            CalendarApi api,
            AuthorizedCalls authorized,
            CalendarRepository calendars,
            ProviderConnectionRepository connections,
            Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.authorized = Objects.requireNonNull(authorized, "authorized");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An incremental pass when a token is stored, else a full one. */
    public ListSyncOutcome sync(UUID connectionId) {
        return sync(connectionId, false);
    }

    /**
     * @param forceFull read the whole list even with a stored token (e.g. after a reconnect)
     * @throws RetryableSyncException when the provider failed in a way that may pass
     */
    public ListSyncOutcome sync(UUID connectionId, boolean forceFull) {
        String token = forceFull
                ? null
                : connections.findCalendarListSyncToken(connectionId).orElse(null);
        Outcome<Listing> outcome = authorized.run(connectionId, access -> listAll(access, token));
        if (token != null
                && outcome instanceof Outcome.Done<Listing> done
                && done.response().failedWith(ErrorKind.SYNC_TOKEN_INVALID)) {
            log.info("Calendar-list sync token of connection {} is no longer valid; full list", connectionId);
            connections.updateCalendarListSyncToken(connectionId, null);
            return sync(connectionId, true);
        }
        if (outcome instanceof Outcome.NeedsReauth<Listing> needsReauth) {
            return new ListSyncOutcome(false, token == null, 0, 0, needsReauth.reason());
        }
        if (outcome instanceof Outcome.Unavailable<Listing> unavailable) {
            if (unavailable.retryable()) {
                throw new RetryableSyncException("no access token for connection " + connectionId);
            }
            return new ListSyncOutcome(false, token == null, 0, 0, unavailable.reason());
        }
        ApiResponse<Listing> response = ((Outcome.Done<Listing>) outcome).response();
        if (!response.ok()) {
            String detail = response.error().kind() + ": " + response.error().message();
            if (response.error().kind().retryable()) {
                throw new RetryableSyncException("calendar list of connection " + connectionId + " failed: " + detail);
            }
            log.warn("Calendar list of connection {} failed and is not retried: {}", connectionId, detail);
            return new ListSyncOutcome(false, token == null, 0, 0, detail);
        }
        ListSyncOutcome applied = apply(connectionId, response.body().calendars(), token == null);
        connections.updateCalendarListSyncToken(connectionId, response.body().nextSyncToken());
        return applied;
    }

    private ListSyncOutcome apply(UUID connectionId, List<ProviderCalendar> listed, boolean full) {
        Set<String> present = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        for (ProviderCalendar calendar : listed) {
            if (calendar.deleted()) {
                deleted.add(calendar.id());
                continue;
            }
            AccessRole role = role(calendar);
            if (role == null) {
                log.warn(
                        "Calendar {} of connection {} has unknown access role '{}'; left out",
                        calendar.id(),
                        connectionId,
                        calendar.accessRole());
                deleted.add(calendar.id()); // unusable now: treated as gone
                continue;
            }
            calendars.upsertFromProvider(
                    connectionId,
                    calendar.id(),
                    calendar.summary(),
                    calendar.timeZone(),
                    role,
                    calendar.primary(),
                    clock.instant());
            present.add(calendar.id());
        }
        int removed = 0;
        for (Calendar stored : calendars.findByConnectionIdOrderById(connectionId)) {
            // A full list names every calendar: what it lacks is gone. An incremental one names only
            // changes: just its deleted entries are gone.
            boolean gone = full
                    ? !present.contains(stored.providerCalendarId())
                    : deleted.contains(stored.providerCalendarId());
            if (stored.removedAt() == null && gone && calendars.markRemoved(stored.id(), clock.instant())) {
                removed++;
                log.info(
                        "Calendar {} of connection {} is gone from the provider's list; marked removed",
                        stored.providerCalendarId(),
                        connectionId);
            }
        }
        return new ListSyncOutcome(true, full, listed.size(), removed, null);
    }

    private ApiResponse<Listing> listAll(AccessToken token, String syncToken) {
        List<ProviderCalendar> all = new ArrayList<>();
        String pageToken = null;
        while (true) {
            ApiResponse<Page<ProviderCalendar>> page = api.listCalendars(token, syncToken, pageToken);
            if (!page.ok()) {
                return ApiResponse.failure(page.status(), page.error(), page.retryAfter());
            }
            all.addAll(page.body().items());
            pageToken = page.body().nextPageToken();
            if (pageToken == null) {
                return ApiResponse.success(
                        page.status(), new Listing(all, page.body().nextSyncToken()), page.etag());
            }
        }
    }

    private static AccessRole role(ProviderCalendar calendar) {
        try {
            return AccessRole.fromDatabase(calendar.accessRole());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
