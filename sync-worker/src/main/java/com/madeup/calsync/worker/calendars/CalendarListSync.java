package com.madeup.calsync.worker.calendars;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
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
 * <p>The whole list is read each time: there is no column for a calendar-list sync token, and a
 * list is a page or two, so an incremental list would save little.
 */
public final class CalendarListSync {

    /** What one calendar-list sync did. */
    public record ListSyncOutcome(boolean completed, int listed, int removed, String detail) {}

    private static final Logger log = LoggerFactory.getLogger(CalendarListSync.class);

    private final CalendarApi api;
    private final AuthorizedCalls authorized;
    private final CalendarRepository calendars;
    private final Clock clock;

    public CalendarListSync(CalendarApi api, AuthorizedCalls authorized, CalendarRepository calendars, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.authorized = Objects.requireNonNull(authorized, "authorized");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws RetryableSyncException when the provider failed in a way that may pass */
    public ListSyncOutcome sync(UUID connectionId) {
        Outcome<List<ProviderCalendar>> outcome = authorized.run(connectionId, this::listAll);
        if (outcome instanceof Outcome.NeedsReauth<List<ProviderCalendar>> needsReauth) {
            return new ListSyncOutcome(false, 0, 0, needsReauth.reason());
        }
        if (outcome instanceof Outcome.Unavailable<List<ProviderCalendar>> unavailable) {
            if (unavailable.retryable()) {
                throw new RetryableSyncException("no access token for connection " + connectionId);
            }
            return new ListSyncOutcome(false, 0, 0, unavailable.reason());
        }
        ApiResponse<List<ProviderCalendar>> response = ((Outcome.Done<List<ProviderCalendar>>) outcome).response();
        if (!response.ok()) {
            String detail = response.error().kind() + ": " + response.error().message();
            if (response.error().kind().retryable()) {
                throw new RetryableSyncException("calendar list of connection " + connectionId + " failed: " + detail);
            }
            log.warn("Calendar list of connection {} failed and is not retried: {}", connectionId, detail);
            return new ListSyncOutcome(false, 0, 0, detail);
        }
        return apply(connectionId, response.body());
    }

    private ListSyncOutcome apply(UUID connectionId, List<ProviderCalendar> listed) {
        Set<String> present = new HashSet<>();
        for (ProviderCalendar calendar : listed) {
            if (calendar.deleted()) {
                continue;
            }
            AccessRole role = role(calendar);
            if (role == null) {
                log.warn(
                        "Calendar {} of connection {} has unknown access role '{}'; left out",
                        calendar.id(),
                        connectionId,
                        calendar.accessRole());
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
            if (stored.removedAt() == null
                    && !present.contains(stored.providerCalendarId())
                    && calendars.markRemoved(stored.id(), clock.instant())) {
                removed++;
                log.info(
                        "Calendar {} of connection {} is gone from the provider's list; marked removed",
                        stored.providerCalendarId(),
                        connectionId);
            }
        }
        return new ListSyncOutcome(true, present.size(), removed, null);
    }

    private ApiResponse<List<ProviderCalendar>> listAll(AccessToken token) {
        List<ProviderCalendar> all = new ArrayList<>();
        String pageToken = null;
        while (true) {
            ApiResponse<Page<ProviderCalendar>> page = api.listCalendars(token, null, pageToken);
            if (!page.ok()) {
                return ApiResponse.failure(page.status(), page.error(), page.retryAfter());
            }
            all.addAll(page.body().items());
            pageToken = page.body().nextPageToken();
            if (pageToken == null) {
                return ApiResponse.success(page.status(), all, page.etag());
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
