package com.madeup.calsync.worker.channel;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.ChannelState;
import com.madeup.calsync.store.channel.ResourceKind;
import com.madeup.calsync.store.channel.SubscriptionStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.ConnectionTokens.TokenAccess;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.store.token.StoredTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the push channels at the provider match what the database wants, one pass at a time.
 *
 * <p>Wanted: one active events channel per picked, present, fully synced calendar of an active
 * connection, and one calendar-list channel per active connection with a picked calendar; none
 * expiring within {@code renewAhead}. A channel is recorded (pending, token hashed) before the watch
 * call, because Google's {@code sync} message may beat the answer; the answer activates it. Renewal
 * overlaps: the new channel first, then the old one is stopped. Channels of unpicked or removed
 * calendars are stopped; every channel of a disconnected connection too (a failed stop there still
 * counts: the tokens may be revoked, and Google lets the channel expire). Channels of needs_reauth
 * connections are left to expire.
 */
public final class ChannelMaintenance {

    /** Google's reason for calendars that cannot be watched (holidays, birthdays). */
    static final String PUSH_NOT_SUPPORTED = "pushNotSupportedForRequestedResource";

    /** A pending row older than this belongs to a pass that died between record and answer. */
    static final Duration ORPHANED_PENDING_AFTER = Duration.ofMinutes(10);

    private static final int CHANNEL_TOKEN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(ChannelMaintenance.class);

    /** What one pass did. */
    public record PassReport(int created, int renewed, int stopped, int failed, int skippedConnections) {}

    private record ConnectionRow(UUID id, long userId, ConnectionStatus status) {}

    /** A channel to create; {@code replaces} are stopped once it is active. */
    private record Creation(ResourceKind kind, String calendarId, List<CalendarSubscription> replaces) {}

    private final SubscriptionStore subscriptions;
    private final CalendarRepository calendars;
    private final ConnectionTokens tokens;
    private final ConnectionTokens.Refresher refresher;
    private final OAuthTokenStore storedTokens;
    private final CalendarApi api;
    private final JdbcTemplate jdbc;
    private final PassLock lock;
    private final ChannelProperties settings;
    private final ChannelMetrics metrics;
    private final SecureRandom random;
    private final Clock clock;

    /**
     * Calendars that answered pushNotSupportedForRequestedResource, until when not to try again. In
     * memory on purpose (the schema has no place for it): after a restart each such calendar costs
     * one failed watch, then is quiet for {@code unsupportedRetryAfter}.
     */
    private final Map<String, Instant> pushUnsupportedUntil = new ConcurrentHashMap<>();

    public ChannelMaintenance(
            SubscriptionStore subscriptions,
            CalendarRepository calendars,
            ConnectionTokens tokens,
            ConnectionTokens.Refresher refresher,
            OAuthTokenStore storedTokens,
            CalendarApi api,
            JdbcTemplate jdbc,
            PassLock lock,
            ChannelProperties settings,
            ChannelMetrics metrics,
            SecureRandom random,
            Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.storedTokens = Objects.requireNonNull(storedTokens, "storedTokens");
        this.api = Objects.requireNonNull(api, "api");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs a pass unless another instance is running one; empty when skipped. */
    public Optional<PassReport> runExclusively() {
        AtomicReference<PassReport> report = new AtomicReference<>();
        boolean ran = lock.runIfFree(() -> report.set(runPass()));
        return ran ? Optional.of(report.get()) : Optional.empty();
    }

    /** One pass over every connection with picked calendars or open channels. */
    PassReport runPass() {
        Tally tally = new Tally();
        for (ConnectionRow connection : connectionsToVisit()) {
            try {
                switch (connection.status()) {
                    case ACTIVE -> maintainActive(connection, tally);
                    case DISCONNECTED -> stopAllOfDisconnected(connection, tally);
                    case NEEDS_REAUTH -> {
                        // No token to act with; its channels expire by themselves and come back
                        // with the next passes once the user reconnected.
                    }
                }
            } catch (RuntimeException e) {
                tally.failed++;
                log.error("channel maintenance of connection {} failed", connection.id(), e);
            }
        }
        PassReport report = tally.report();
        if (!report.equals(new PassReport(0, 0, 0, 0, 0))) {
            log.info("channel maintenance: {}", report);
        }
        purgeStopped();
        return report;
    }

    /** Deletes rows of channels stopped longer than the retention; returns how many. */
    int purgeStopped() {
        try {
            int deleted = subscriptions.deleteStoppedBefore(clock.instant().minus(settings.stoppedRetention()));
            if (deleted > 0) {
                log.info(
                        "channel maintenance deleted {} channel rows stopped over {} ago",
                        deleted,
                        settings.stoppedRetention());
            }
            return deleted;
        } catch (RuntimeException e) {
            log.error("deleting stopped channel rows failed; tried again next pass", e);
            return 0;
        }
    }

    private List<ConnectionRow> connectionsToVisit() {
        return jdbc.query(
                """
                SELECT p.id, p.user_id, p.status FROM provider_connections p
                WHERE EXISTS (SELECT 1 FROM calendars c WHERE c.connection_id = p.id AND c.picked AND c.removed_at IS NULL)
                   OR EXISTS (SELECT 1 FROM calendar_subscriptions s WHERE s.connection_id = p.id AND s.state <> 'stopped')
                ORDER BY p.id
                """,
                (row, i) -> new ConnectionRow(
                        row.getObject("id", UUID.class),
                        row.getLong("user_id"),
                        ConnectionStatus.fromDatabase(row.getString("status"))));
    }

    private void maintainActive(ConnectionRow connection, Tally tally) {
        Instant now = clock.instant();
        List<Calendar> picked = calendars.findPicked(connection.id());
        List<CalendarSubscription> live = withoutDeadRows(subscriptions.findOpenByConnection(connection.id()), now);

        Set<String> pickedIds =
                picked.stream().map(Calendar::providerCalendarId).collect(Collectors.toSet());
        List<String> wanted = picked.stream()
                .filter(calendar -> calendar.lastFullSyncAt() != null)
                .map(Calendar::providerCalendarId)
                .filter(calendarId -> !pushUnsupported(connection.id(), calendarId, now))
                .toList();

        List<Creation> creations = new ArrayList<>();
        List<CalendarSubscription> stops = new ArrayList<>();
        Map<String, List<CalendarSubscription>> eventsByCalendar = new LinkedHashMap<>();
        List<CalendarSubscription> calendarList = new ArrayList<>();
        for (CalendarSubscription subscription : live) {
            if (subscription.state() == ChannelState.STOPPING) {
                stops.add(subscription); // an earlier stop failed: try again
            } else if (subscription.resourceKind() == ResourceKind.CALENDAR_LIST) {
                calendarList.add(subscription);
            } else if (subscription.providerCalendarIds().isEmpty()
                    || !pickedIds.contains(subscription.providerCalendarIds().getFirst())) {
                stops.add(subscription); // unpicked or removed
            } else {
                eventsByCalendar
                        .computeIfAbsent(subscription.providerCalendarIds().getFirst(), id -> new ArrayList<>())
                        .add(subscription);
            }
        }
        for (String calendarId : wanted) {
            plan(ResourceKind.EVENTS, calendarId, eventsByCalendar.getOrDefault(calendarId, List.of()), now)
                    .ifPresent(creations::add);
            stops.addAll(surplus(eventsByCalendar.getOrDefault(calendarId, List.of()), now));
        }
        if (picked.isEmpty()) {
            stops.addAll(calendarList);
        } else {
            plan(ResourceKind.CALENDAR_LIST, null, calendarList, now).ifPresent(creations::add);
            stops.addAll(surplus(calendarList, now));
        }
        if (creations.isEmpty() && stops.isEmpty()) {
            return;
        }

        TokenAccess access = tokens.accessTokenFor(connection.id(), refresher);
        if (!(access instanceof TokenAccess.Available available)) {
            tally.skippedConnections++;
            log.info("channel maintenance skips connection {} this pass: {}", connection.id(), access);
            return;
        }
        ProviderAccess token = new ProviderAccess(connection.id(), available.accessToken(), true);
        for (Creation creation : creations) {
            if (create(connection, creation.kind(), creation.calendarId(), token, tally)
                    && !creation.replaces().isEmpty()) {
                tally.renewed++;
                metrics.renewed(creation.kind());
                stops.addAll(creation.replaces());
            }
            // A failed creation keeps the old channel: it still delivers until it expires.
        }
        for (CalendarSubscription subscription : stops) {
            stop(subscription, token, false, tally);
        }
    }

    /**
     * Drops rows that need no provider call: expired channels (Google already forgot them) and
     * pending rows of a pass that died before the watch answered (no resource id to stop with).
     */
    private List<CalendarSubscription> withoutDeadRows(List<CalendarSubscription> open, Instant now) {
        List<CalendarSubscription> live = new ArrayList<>();
        for (CalendarSubscription subscription : open) {
            if (subscription.state() == ChannelState.PENDING) {
                if (subscription.createdAt().isBefore(now.minus(ORPHANED_PENDING_AFTER))) {
                    subscriptions.markStopped(subscription.channelId());
                }
            } else if (subscription.expiration() != null
                    && !subscription.expiration().isAfter(now)) {
                subscriptions.markStopped(subscription.channelId());
            } else {
                live.add(subscription);
            }
        }
        return live;
    }

    /** A new channel unless an active one lives beyond the renewal margin; it replaces the others. */
    private Optional<Creation> plan(
            ResourceKind kind, String calendarId, List<CalendarSubscription> existing, Instant now) {
        Instant renewBefore = now.plus(settings.renewAhead());
        boolean fresh = existing.stream()
                .anyMatch(subscription -> subscription.state() == ChannelState.ACTIVE
                        && subscription.expiration().isAfter(renewBefore));
        return fresh ? Optional.empty() : Optional.of(new Creation(kind, calendarId, List.copyOf(existing)));
    }

    /** With a fresh channel in place, every other one of the same target is surplus. */
    private List<CalendarSubscription> surplus(List<CalendarSubscription> existing, Instant now) {
        Instant renewBefore = now.plus(settings.renewAhead());
        Optional<CalendarSubscription> keep = existing.stream()
                .filter(subscription -> subscription.state() == ChannelState.ACTIVE
                        && subscription.expiration().isAfter(renewBefore))
                .max(Comparator.comparing(CalendarSubscription::expiration));
        if (keep.isEmpty()) {
            return List.of();
        }
        return existing.stream()
                .filter(subscription ->
                        !subscription.channelId().equals(keep.get().channelId()))
                .toList();
    }

    private boolean create(
            ConnectionRow connection, ResourceKind kind, String calendarId, ProviderAccess access, Tally tally) {
        String channelId = UUID.randomUUID().toString();
        SecretToken channelToken = newChannelToken();
        // Recorded before the call: the sync message may arrive before the answer.
        subscriptions.register(
                channelId,
                calendarId == null ? List.of() : List.of(calendarId),
                connection.id(),
                connection.userId(),
                kind,
                channelToken);
        WatchRequest request =
                new WatchRequest(channelId, settings.webhookUrl(), channelToken.reveal(), settings.ttl());
        ApiResponse<ProviderChannel> response = access.call(token -> kind == ResourceKind.EVENTS
                ? api.watchEvents(token, calendarId, request)
                : api.watchCalendars(token, request));
        if (response.ok() && response.body() != null && response.body().resourceId() != null) {
            ProviderChannel channel = response.body();
            Instant expiration = channel.expiration() != null
                    ? channel.expiration()
                    : clock.instant().plus(settings.ttl());
            if (!subscriptions.activate(channelId, channel.resourceId(), expiration)) {
                log.warn("channel {} was no longer pending when its watch answered", channelId);
            }
            tally.created++;
            metrics.created(kind);
            log.debug("channel {} ({} {}) active until {}", channelId, kind, calendarId, expiration);
            return true;
        }
        subscriptions.markStopped(channelId);
        String reason = response.error() == null ? null : response.error().reason();
        String error = response.ok() ? "NO_RESOURCE_ID" : response.errorKind().name();
        if (PUSH_NOT_SUPPORTED.equals(reason)) {
            pushUnsupportedUntil.put(
                    unsupportedKey(connection.id(), calendarId),
                    clock.instant().plus(settings.unsupportedRetryAfter()));
        }
        tally.failed++;
        metrics.failed(kind, "watch", error);
        log.warn(
                "watch of {} {} for connection {} failed: {} {} (HTTP {})",
                kind,
                calendarId,
                connection.id(),
                error,
                reason,
                response.status());
        return false;
    }

    /**
     * Stops a channel at the provider, then in the row. A 404 means the provider no longer has it:
     * stopped. With {@code giveUpOnFailure} (disconnected connections) any failure counts as stopped.
     */
    private void stop(
            CalendarSubscription subscription, ProviderAccess accessOrNull, boolean giveUpOnFailure, Tally tally) {
        subscriptions.markStopping(subscription.channelId());
        if (subscription.resourceId() == null || accessOrNull == null) {
            subscriptions.markStopped(subscription.channelId());
            tally.stopped++;
            metrics.stopped(subscription.resourceKind());
            return;
        }
        ApiResponse<Void> response =
                accessOrNull.call(token -> api.stopChannel(token, subscription.channelId(), subscription.resourceId()));
        if (response.ok() || response.failedWith(ErrorKind.NOT_FOUND) || giveUpOnFailure) {
            subscriptions.markStopped(subscription.channelId());
            tally.stopped++;
            metrics.stopped(subscription.resourceKind());
            return;
        }
        tally.failed++;
        metrics.failed(subscription.resourceKind(), "stop", response.errorKind().name());
        log.warn(
                "stop of channel {} failed: {} (HTTP {}); retried next pass",
                subscription.channelId(),
                response.errorKind(),
                response.status());
    }

    /**
     * Stops every channel of a disconnected connection. ConnectionTokens hands out no token for it,
     * so the stored access token is used while it lasts; without one the rows are just marked stopped.
     */
    private void stopAllOfDisconnected(ConnectionRow connection, Tally tally) {
        List<CalendarSubscription> open = subscriptions.findOpenByConnection(connection.id());
        if (open.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        SecretToken stored = storedAccessToken(connection.id(), now);
        ProviderAccess token = stored == null ? null : new ProviderAccess(connection.id(), stored, false);
        for (CalendarSubscription subscription : open) {
            boolean expired = subscription.expiration() != null
                    && !subscription.expiration().isAfter(now);
            stop(subscription, expired ? null : token, true, tally);
        }
    }

    private SecretToken storedAccessToken(UUID connectionId, Instant now) {
        try {
            return storedTokens
                    .find(connectionId)
                    .filter(stored -> stored.expiresAt().isAfter(now))
                    .map(StoredTokens::accessToken)
                    .orElse(null);
        } catch (RuntimeException e) {
            log.warn(
                    "stored token of disconnected connection {} unreadable ({}); its channels expire at the"
                            + " provider",
                    connectionId,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private boolean pushUnsupported(UUID connectionId, String calendarId, Instant now) {
        Instant until = pushUnsupportedUntil.get(unsupportedKey(connectionId, calendarId));
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        pushUnsupportedUntil.remove(unsupportedKey(connectionId, calendarId));
        return false;
    }

    private static String unsupportedKey(UUID connectionId, String calendarId) {
        return connectionId + "/" + calendarId;
    }

    /** 32 random bytes, base64url: 43 characters, far below Google's 256. */
    private SecretToken newChannelToken() {
        byte[] bytes = new byte[CHANNEL_TOKEN_BYTES];
        random.nextBytes(bytes);
        return SecretToken.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A connection's access token for one pass. A 401 refreshes it once through ConnectionTokens
     * (unless another instance already replaced it) and repeats the call once.
     */
    private final class ProviderAccess {
        private final UUID connectionId;
        private final boolean mayRefresh;
        private AccessToken token;

        ProviderAccess(UUID connectionId, SecretToken token, boolean mayRefresh) {
            this.connectionId = connectionId;
            this.token = new AccessToken(token.reveal());
            this.mayRefresh = mayRefresh;
        }

        <T> ApiResponse<T> call(Function<AccessToken, ApiResponse<T>> call) {
            ApiResponse<T> response = call.apply(token);
            if (!mayRefresh || !response.failedWith(ErrorKind.UNAUTHORIZED)) {
                return response;
            }
            TokenAccess refreshed =
                    tokens.refreshAfterRejection(connectionId, SecretToken.of(token.value()), refresher);
            if (!(refreshed instanceof TokenAccess.Available available)) {
                return response;
            }
            token = new AccessToken(available.accessToken().reveal());
            return call.apply(token);
        }
    }

    private static final class Tally {
        int created;
        int renewed;
        int stopped;
        int failed;
        int skippedConnections;

        PassReport report() {
            return new PassReport(created, renewed, stopped, failed, skippedConnections);
        }
    }
}
