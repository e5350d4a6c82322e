package com.madeup.calsync.provider.fake;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.AuthorizationRequest;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventIds;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.EventStatus;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.PkceVerifier;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiError;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An in-memory provider for the apps' unit tests, shipped in provider-google's test-jar. It keeps
 * calendars, events with etags, sync tokens, channels and OAuth grants, behaves like Google where
 * the workers care (client ids and 409, If-Match and 412, 410 for invalidated sync tokens and for
 * deleting twice, cancelled tombstones in incremental syncs, paging), and can be told to fail.
 *
 * <p>Scripted failures: {@link #failNext(int, ErrorKind)} makes the next N calls (of any method, or
 * of one method id such as {@code events.list}) return that error. Every call is counted by method
 * id ({@link #calls(String)}). Thread-safe (one lock).
 */
public final class FakeCalendarApi implements CalendarApi, OAuthApi {

    private record Failure(String methodId, ErrorKind kind, int status, String reason, Duration retryAfter) {}

    private static final class FakeCalendar {
        ProviderCalendar calendar;
        final Map<String, Stored> events = new LinkedHashMap<>();
        final Map<String, Long> syncTokens = new HashMap<>();

        FakeCalendar(ProviderCalendar calendar) {
            this.calendar = calendar;
        }
    }

    private record Stored(ProviderEvent event, long changedAt) {}

    private final Clock clock;
    private final Map<String, FakeCalendar> calendars = new LinkedHashMap<>();
    private final Map<String, ProviderChannel> channels = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, List<SendUpdates>> sendUpdates = new HashMap<>();
    private final Set<String> revokedRefreshTokens = new HashSet<>();
    private final Set<String> expiredAccessTokens = new HashSet<>();
    private long sequence;
    private int defaultPageSize = 250;

    public FakeCalendarApi(Clock clock) {
        this.clock = clock;
    }

    // ---- scripting -------------------------------------------------------------------------

    /** Adds (or replaces) a calendar in the user's list. */
    public synchronized FakeCalendarApi addCalendar(String calendarId, String accessRole) {
        ProviderCalendar calendar = new ProviderCalendar(
                calendarId, calendarId, null, "UTC", accessRole, calendars.isEmpty(), false, false, etag());
        calendars.put(calendarId, new FakeCalendar(calendar));
        return this;
    }

    /** The next {@code count} calls of any method fail with {@code kind} (and its usual status). */
    public synchronized FakeCalendarApi failNext(int count, ErrorKind kind) {
        return failNext(count, null, kind, statusOf(kind), null);
    }

    /**
     * The next {@code count} calls of {@code methodId} (e.g. {@code events.list}; null for any)
     * fail with the given kind, status and Retry-After.
     */
    public synchronized FakeCalendarApi failNext(
            int count, String methodId, ErrorKind kind, int status, Duration retryAfter) {
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(methodId, kind, status, kind.name(), retryAfter));
        }
        return this;
    }

    /** Makes every sync token of the calendar answer {@code SYNC_TOKEN_INVALID}, as Google does at will. */
    public synchronized void invalidateSyncTokens(String calendarId) {
        calendar(calendarId).syncTokens.clear();
    }

    /** Calls with this token now answer {@code UNAUTHORIZED}, as after expiry. */
    public synchronized void expire(AccessToken token) {
        expiredAccessTokens.add(token.value());
    }

    /** Page size when a query gives none (Google: 250). */
    public synchronized void defaultPageSize(int size) {
        defaultPageSize = size;
    }

    /** A change made at the provider by someone else (the user in Google's UI): creates or replaces. */
    public synchronized ProviderEvent putEvent(String calendarId, EventDraft draft) {
        String id = draft.id() == null ? EventIds.newId() : draft.id();
        return store(calendar(calendarId), toEvent(id, draft, null)).event();
    }

    /** A deletion made at the provider by someone else: leaves a cancelled tombstone. */
    public synchronized void removeEvent(String calendarId, String eventId) {
        FakeCalendar calendar = calendar(calendarId);
        store(calendar, tombstone(eventId));
    }

    /** Live (not cancelled) events of a calendar, in insertion order. */
    public synchronized List<ProviderEvent> events(String calendarId) {
        return calendar(calendarId).events.values().stream()
                .map(Stored::event)
                .filter(event -> !event.cancelled())
                .toList();
    }

    /** How often a method id ({@code events.insert}, {@code oauth.refresh}, ...) was called. */
    public synchronized int calls(String methodId) {
        return calls.getOrDefault(methodId, 0);
    }

    /**
     * The {@code sendUpdates} of each call of a write method ({@code events.insert},
     * {@code events.patch}, {@code events.update}, {@code events.delete}), in call order.
     */
    public synchronized List<SendUpdates> sendUpdates(String methodId) {
        return List.copyOf(sendUpdates.getOrDefault(methodId, List.of()));
    }

    /** Channels currently watching. */
    public synchronized List<ProviderChannel> channels() {
        return List.copyOf(channels.values());
    }

    // ---- CalendarApi -----------------------------------------------------------------------

    @Override
    public synchronized ApiResponse<Page<ProviderCalendar>> listCalendars(
            AccessToken token, String syncToken, String pageToken) {
        return guarded(
                "calendarList.list",
                token,
                () -> ApiResponse.success(
                        200,
                        new Page<>(
                                calendars.values().stream().map(c -> c.calendar).toList(),
                                null,
                                "fake-calendars-" + sequence),
                        null));
    }

    @Override
    public synchronized ApiResponse<ProviderCalendar> getCalendar(AccessToken token, String calendarId) {
        return guarded("calendarList.get", token, () -> {
            FakeCalendar calendar = calendars.get(calendarId);
            return calendar == null
                    ? notFound()
                    : ApiResponse.success(200, calendar.calendar, calendar.calendar.etag());
        });
    }

    @Override
    public synchronized ApiResponse<ProviderChannel> watchCalendars(AccessToken token, WatchRequest request) {
        return guarded("calendarList.watch", token, () -> watch(request, "calendarList"));
    }

    @Override
    public synchronized ApiResponse<Page<ProviderEvent>> listEvents(
            AccessToken token, String calendarId, EventQuery query, String pageToken) {
        return guarded("events.list", token, () -> page(calendarId, query, pageToken));
    }

    @Override
    public ApiResponse<SyncResult> syncEvents(
            AccessToken token, String calendarId, EventQuery query, Consumer<List<ProviderEvent>> pageHandler) {
        String pageToken = null;
        int pages = 0;
        long items = 0;
        while (true) {
            ApiResponse<Page<ProviderEvent>> response = listEvents(token, calendarId, query, pageToken);
            if (!response.ok()) {
                return response.asFailure();
            }
            pages++;
            items += response.body().items().size();
            pageHandler.accept(response.body().items());
            if (response.body().last()) {
                return ApiResponse.success(200, new SyncResult(response.body().nextSyncToken(), pages, items), null);
            }
            pageToken = response.body().nextPageToken();
        }
    }

    @Override
    public synchronized ApiResponse<ProviderEvent> getEvent(AccessToken token, String calendarId, String eventId) {
        return guarded("events.get", token, () -> {
            FakeCalendar calendar = calendars.get(calendarId);
            Stored stored = calendar == null ? null : calendar.events.get(eventId);
            return stored == null
                    ? notFound()
                    : ApiResponse.success(200, stored.event(), stored.event().etag());
        });
    }

    @Override
    public synchronized ApiResponse<ProviderEvent> insertEvent(
            AccessToken token, String calendarId, EventDraft draft, SendUpdates notify) {
        recordSendUpdates("events.insert", notify);
        return guarded("events.insert", token, () -> {
            FakeCalendar calendar = calendars.get(calendarId);
            if (calendar == null) {
                return notFound();
            }
            String id = draft.id() == null ? EventIds.newId() : draft.id();
            if (calendar.events.containsKey(id)) {
                return failure(409, ErrorKind.CONFLICT, "duplicate", "The requested identifier already exists.");
            }
            ProviderEvent event = store(calendar, toEvent(id, draft, null)).event();
            return ApiResponse.success(200, event, event.etag());
        });
    }

    @Override
    public synchronized ApiResponse<ProviderEvent> patchEvent(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft changes,
            String ifMatchEtag,
            SendUpdates notify) {
        recordSendUpdates("events.patch", notify);
        return guarded("events.patch", token, () -> write(calendarId, eventId, changes, ifMatchEtag, true));
    }

    @Override
    public synchronized ApiResponse<ProviderEvent> updateEvent(
            AccessToken token,
            String calendarId,
            String eventId,
            EventDraft event,
            String ifMatchEtag,
            SendUpdates notify) {
        recordSendUpdates("events.update", notify);
        return guarded("events.update", token, () -> write(calendarId, eventId, event, ifMatchEtag, false));
    }

    @Override
    public synchronized ApiResponse<Void> deleteEvent(
            AccessToken token, String calendarId, String eventId, String ifMatchEtag, SendUpdates notify) {
        recordSendUpdates("events.delete", notify);
        return guarded("events.delete", token, () -> {
            FakeCalendar calendar = calendars.get(calendarId);
            Stored stored = calendar == null ? null : calendar.events.get(eventId);
            if (stored == null) {
                return notFound();
            }
            if (stored.event().cancelled()) {
                return failure(410, ErrorKind.ALREADY_DELETED, "deleted", "Resource has been deleted");
            }
            if (ifMatchEtag != null && !ifMatchEtag.equals(stored.event().etag())) {
                return preconditionFailed();
            }
            store(calendar, tombstone(eventId));
            return ApiResponse.success(204, null, null);
        });
    }

    @Override
    public synchronized ApiResponse<ProviderChannel> watchEvents(
            AccessToken token, String calendarId, WatchRequest request) {
        return guarded(
                "events.watch",
                token,
                () -> calendars.containsKey(calendarId)
                        ? watch(request, "calendars/" + calendarId + "/events")
                        : notFound());
    }

    @Override
    public synchronized ApiResponse<Void> stopChannel(AccessToken token, String channelId, String resourceId) {
        return guarded("channels.stop", token, () -> {
            ProviderChannel channel = channels.get(channelId);
            if (channel == null || !channel.resourceId().equals(resourceId)) {
                return notFound();
            }
            channels.remove(channelId);
            return ApiResponse.success(204, null, null);
        });
    }

    // ---- OAuthApi --------------------------------------------------------------------------

    @Override
    public AuthorizationRequest authorizationRequest(URI redirectUri, Set<String> scopes, String loginHint) {
        PkceVerifier verifier = PkceVerifier.random(new java.security.SecureRandom());
        String state = UUID.randomUUID().toString();
        URI url = URI.create("https://fake.invalid/o/oauth2/v2/auth?state=" + state + "&code_challenge="
                + verifier.s256Challenge() + "&redirect_uri=" + redirectUri);
        return new AuthorizationRequest(url, state, verifier);
    }

    /** Any non-blank code is accepted and yields fresh tokens. */
    @Override
    public synchronized ApiResponse<TokenGrant> exchangeCode(String code, URI redirectUri, PkceVerifier codeVerifier) {
        return guardedWithoutToken(
                "oauth.exchangeCode",
                () -> code == null || code.isBlank()
                        ? failure(400, ErrorKind.INVALID_GRANT, "invalid_grant", "Malformed auth code.")
                        : ApiResponse.success(200, grant(new RefreshToken("fake-refresh-" + UUID.randomUUID())), null));
    }

    @Override
    public synchronized ApiResponse<TokenGrant> refresh(RefreshToken refreshToken) {
        return guardedWithoutToken(
                "oauth.refresh",
                () -> revokedRefreshTokens.contains(refreshToken.value())
                        ? failure(400, ErrorKind.INVALID_GRANT, "invalid_grant", "Token has been expired or revoked.")
                        : ApiResponse.success(200, grant(refreshToken), null));
    }

    @Override
    public synchronized ApiResponse<Void> revoke(RefreshToken refreshToken) {
        return guardedWithoutToken("oauth.revoke", () -> {
            revokedRefreshTokens.add(refreshToken.value());
            return ApiResponse.success(200, null, null);
        });
    }

    // ---- internals -------------------------------------------------------------------------

    private void recordSendUpdates(String methodId, SendUpdates notify) {
        // Required like the real adapter's: a caller must decide whom the provider notifies.
        java.util.Objects.requireNonNull(notify, "sendUpdates");
        sendUpdates.computeIfAbsent(methodId, k -> new ArrayList<>()).add(notify);
    }

    private interface Call<T> {
        ApiResponse<T> run();
    }

    private <T> ApiResponse<T> guarded(String methodId, AccessToken token, Call<T> call) {
        java.util.Objects.requireNonNull(token, "token");
        ApiResponse<T> failure = scriptedFailure(methodId);
        if (failure != null) {
            return failure;
        }
        if (expiredAccessTokens.contains(token.value())) {
            return failure(401, ErrorKind.UNAUTHORIZED, "authError", "Invalid Credentials");
        }
        return call.run();
    }

    private <T> ApiResponse<T> guardedWithoutToken(String methodId, Call<T> call) {
        ApiResponse<T> failure = scriptedFailure(methodId);
        return failure != null ? failure : call.run();
    }

    private <T> ApiResponse<T> scriptedFailure(String methodId) {
        calls.merge(methodId, 1, Integer::sum);
        Failure next = failures.peek();
        if (next == null || (next.methodId() != null && !next.methodId().equals(methodId))) {
            return null;
        }
        failures.poll();
        return ApiResponse.failure(
                next.status(), new ApiError(next.kind(), next.reason(), "scripted failure"), next.retryAfter());
    }

    private ApiResponse<Page<ProviderEvent>> page(String calendarId, EventQuery query, String pageToken) {
        FakeCalendar calendar = calendars.get(calendarId);
        if (calendar == null) {
            return notFound();
        }
        long since;
        if (query.syncToken() != null) {
            Long issued = calendar.syncTokens.get(query.syncToken());
            if (issued == null) {
                return failure(
                        410,
                        ErrorKind.SYNC_TOKEN_INVALID,
                        "fullSyncRequired",
                        "Sync token is no longer valid, a full sync is required.");
            }
            since = issued;
        } else {
            since = -1;
        }
        // Page tokens carry the offset and the snapshot sequence, so paging sees a stable list.
        int offset = 0;
        long snapshot = sequence;
        if (pageToken != null) {
            String[] parts = pageToken.split(":");
            offset = Integer.parseInt(parts[0]);
            snapshot = Long.parseLong(parts[1]);
        }
        long upTo = snapshot;
        List<ProviderEvent> matching = calendar.events.values().stream()
                .filter(stored -> stored.changedAt() > since && stored.changedAt() <= upTo)
                .filter(stored -> query.syncToken() != null
                        || query.showDeleted()
                        || !stored.event().cancelled())
                .sorted(Comparator.comparingLong(Stored::changedAt))
                .map(Stored::event)
                .toList();
        int size = query.maxResults() == null ? defaultPageSize : query.maxResults();
        int end = Math.min(matching.size(), offset + size);
        List<ProviderEvent> items = new ArrayList<>(matching.subList(Math.min(offset, matching.size()), end));
        if (end < matching.size()) {
            return ApiResponse.success(200, new Page<>(items, end + ":" + snapshot, null), null);
        }
        String syncToken = "fake-sync-" + UUID.randomUUID();
        calendar.syncTokens.put(syncToken, snapshot);
        return ApiResponse.success(200, new Page<>(items, null, syncToken), null);
    }

    private ApiResponse<ProviderEvent> write(
            String calendarId, String eventId, EventDraft draft, String ifMatchEtag, boolean patch) {
        FakeCalendar calendar = calendars.get(calendarId);
        Stored stored = calendar == null ? null : calendar.events.get(eventId);
        if (stored == null) {
            return notFound();
        }
        if (ifMatchEtag != null && !ifMatchEtag.equals(stored.event().etag())) {
            return preconditionFailed();
        }
        ProviderEvent written = store(calendar, toEvent(eventId, draft, patch ? stored.event() : null))
                .event();
        return ApiResponse.success(200, written, written.etag());
    }

    private Stored store(FakeCalendar calendar, ProviderEvent event) {
        long changedAt = ++sequence;
        ProviderEvent withVersion = new ProviderEvent(
                event.id(),
                event.status(),
                event.summary(),
                event.description(),
                event.location(),
                event.start(),
                event.end(),
                event.recurringEventId(),
                event.originalStartTime(),
                event.recurrence(),
                event.organizer(),
                event.attendees(),
                event.privateProperties(),
                event.sharedProperties(),
                "\"" + changedAt + "\"",
                clock.instant(),
                event.iCalUid(),
                event.sequence(),
                event.htmlLink());
        Stored stored = new Stored(withVersion, changedAt);
        calendar.events.remove(event.id());
        calendar.events.put(event.id(), stored);
        return stored;
    }

    private static ProviderEvent toEvent(String id, EventDraft draft, ProviderEvent base) {
        return new ProviderEvent(
                id,
                pick(draft.status(), base == null ? null : base.status()),
                pick(draft.summary(), base == null ? null : base.summary()),
                pick(draft.description(), base == null ? null : base.description()),
                pick(draft.location(), base == null ? null : base.location()),
                pick(draft.start(), base == null ? null : base.start()),
                pick(draft.end(), base == null ? null : base.end()),
                base == null ? null : base.recurringEventId(),
                base == null ? null : base.originalStartTime(),
                pick(draft.recurrence(), base == null ? null : base.recurrence()),
                base == null ? null : base.organizer(),
                pick(draft.attendees(), base == null ? null : base.attendees()),
                pick(draft.privateProperties(), base == null ? null : base.privateProperties()),
                pick(draft.sharedProperties(), base == null ? null : base.sharedProperties()),
                null,
                null,
                base == null ? id + "@fake" : base.iCalUid(),
                base == null ? 0 : base.sequence(),
                null);
    }

    private static ProviderEvent tombstone(String eventId) {
        return new ProviderEvent(
                eventId,
                EventStatus.CANCELLED,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static <T> T pick(T given, T fallback) {
        return given != null ? given : fallback;
    }

    private ApiResponse<ProviderChannel> watch(WatchRequest request, String resource) {
        if (channels.containsKey(request.channelId())) {
            return failure(400, ErrorKind.PERMANENT, "channelIdNotUnique", "Channel id not unique");
        }
        Duration ttl = request.ttl() == null ? Duration.ofDays(7) : request.ttl();
        ProviderChannel channel = new ProviderChannel(
                request.channelId(),
                "fake-resource-" + resource.hashCode(),
                "fake:" + resource,
                request.token(),
                clock.instant().plus(ttl));
        channels.put(channel.id(), channel);
        return ApiResponse.success(200, channel, null);
    }

    private TokenGrant grant(RefreshToken refreshToken) {
        return new TokenGrant(
                new AccessToken("fake-access-" + UUID.randomUUID()),
                refreshToken,
                clock.instant().plus(Duration.ofHours(1)),
                Set.of("https://www.googleapis.com/auth/calendar"));
    }

    private FakeCalendar calendar(String calendarId) {
        FakeCalendar calendar = calendars.get(calendarId);
        if (calendar == null) {
            throw new IllegalArgumentException("no such fake calendar: " + calendarId + " (call addCalendar first)");
        }
        return calendar;
    }

    private String etag() {
        return "\"" + (++sequence) + "\"";
    }

    private static <T> ApiResponse<T> notFound() {
        return failure(404, ErrorKind.NOT_FOUND, "notFound", "Not Found");
    }

    private static <T> ApiResponse<T> preconditionFailed() {
        return failure(412, ErrorKind.PRECONDITION_FAILED, "conditionNotMet", "Precondition Failed");
    }

    private static <T> ApiResponse<T> failure(int status, ErrorKind kind, String reason, String message) {
        return ApiResponse.failure(status, new ApiError(kind, reason, message), null);
    }

    /** The status Google usually pairs with each kind. */
    static int statusOf(ErrorKind kind) {
        return switch (kind) {
            case TRANSIENT -> 503;
            case RATE_LIMITED -> 429;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case PRECONDITION_FAILED -> 412;
            case SYNC_TOKEN_INVALID, ALREADY_DELETED -> 410;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
            case INVALID_GRANT, PERMANENT -> 400;
            case INVALID_RESPONSE -> 200;
        };
    }
}
