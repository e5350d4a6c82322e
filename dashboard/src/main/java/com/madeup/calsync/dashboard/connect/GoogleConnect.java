package com.madeup.calsync.dashboard.connect;

import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.AuthorizationRequest;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.PkceVerifier;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.store.account.AccessRole;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.store.token.StoredTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Connecting, picking calendars and disconnecting a user's Google account (flow 1 of the
 * architecture). Provider answers are values: a failure becomes a {@link ConnectOutcome.Failed}
 * with a message for the user, and nothing is stored.
 */
public final class GoogleConnect {

    public static final String PROVIDER = "google";

    /** Full calendar access: calendarList for picking, events for syncing and writing. */
    static final Set<String> SCOPES = Set.of("https://www.googleapis.com/auth/calendar");

    private static final Logger log = LoggerFactory.getLogger(GoogleConnect.class);
    private static final int MAX_CALENDAR_PAGES = 20;

    private final OAuthApi oauth;
    private final CalendarApi calendarApi;
    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;
    private final OAuthTokenStore tokens;
    private final SyncRequestPublisher sync;
    private final TransactionOperations transactions;
    private final URI redirectUri;
    private final Clock clock;

    public GoogleConnect(
            OAuthApi oauth,
            CalendarApi calendarApi,
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            OAuthTokenStore tokens,
            SyncRequestPublisher sync,
            TransactionOperations transactions,
            URI redirectUri,
            Clock clock) {
        this.oauth = oauth;
        this.calendarApi = calendarApi;
        this.connections = connections;
        this.calendars = calendars;
        this.tokens = tokens;
        this.sync = sync;
        this.transactions = transactions;
        this.redirectUri = redirectUri;
        this.clock = clock;
    }

    /** The consent URL with PKCE (S256), a random state and offline access; keep state and verifier in the session. */
    public AuthorizationRequest start(String loginHint) {
        return oauth.authorizationRequest(redirectUri, SCOPES, loginHint);
    }

    /** Exchanges the code, stores the connection, its encrypted tokens and its calendar list, and starts a sync. */
    public ConnectOutcome complete(long userId, String code, PkceVerifier verifier) {
        ApiResponse<TokenGrant> exchanged = oauth.exchangeCode(code, redirectUri, verifier);
        if (!exchanged.ok()) {
            log.warn("Code exchange failed for user {}: {} {}", userId, exchanged.status(), exchanged.error());
            return new ConnectOutcome.Failed(
                    "Google did not accept the sign-in (" + exchanged.errorKind() + "). Please try connecting again.");
        }
        TokenGrant grant = exchanged.body();
        ApiResponse<List<ProviderCalendar>> listed = listCalendars(grant.accessToken());
        if (!listed.ok()) {
            log.warn("calendarList failed for user {}: {} {}", userId, listed.status(), listed.error());
            return new ConnectOutcome.Failed(
                    "Could not read your calendar list from Google (" + listed.errorKind() + "). Please try again.");
        }
        List<ProviderCalendar> providerCalendars =
                listed.body().stream().filter(c -> !c.deleted()).toList();
        Optional<String> accountEmail = providerCalendars.stream()
                .filter(ProviderCalendar::primary)
                .map(ProviderCalendar::id)
                .findFirst();
        if (accountEmail.isEmpty()) {
            return new ConnectOutcome.Failed("Google listed no primary calendar for this account, so it cannot be"
                    + " identified. Nothing was stored.");
        }
        UUID connectionId = transactions.execute(status -> store(userId, accountEmail.get(), grant, providerCalendars));
        sync.request(connectionId, null, SyncReason.CONNECTED, SyncMode.FULL);
        return new ConnectOutcome.Connected(connectionId, accountEmail.get());
    }

    private UUID store(long userId, String accountEmail, TokenGrant grant, List<ProviderCalendar> listed) {
        Instant now = clock.instant();
        ProviderConnection connection = connections
                .findByUserIdAndProvider(userId, PROVIDER)
                .map(existing -> new ProviderConnection(
                        existing.id(),
                        userId,
                        PROVIDER,
                        accountEmail,
                        ConnectionStatus.ACTIVE,
                        null,
                        existing.createdAt(),
                        now,
                        existing.version()))
                .orElseGet(() -> ProviderConnection.create(UUID.randomUUID(), userId, PROVIDER, accountEmail, now));
        UUID connectionId = connections.save(connection).id();
        tokens.save(
                connectionId,
                userId,
                SecretToken.of(grant.accessToken().value()),
                grant.refreshToken() == null
                        ? null
                        : SecretToken.of(grant.refreshToken().value()),
                grant.expiresAt(),
                String.join(" ", new TreeSet<>(grant.scopes())));
        Set<String> listedIds = new HashSet<>();
        for (ProviderCalendar calendar : listed) {
            Optional<AccessRole> role = accessRole(calendar.accessRole());
            if (role.isEmpty()) {
                log.warn(
                        "Skipping calendar with unknown access role {} on connection {}",
                        calendar.accessRole(),
                        connectionId);
                continue;
            }
            listedIds.add(calendar.id());
            calendars.upsertFromProvider(
                    connectionId,
                    calendar.id(),
                    calendar.summary() == null ? calendar.id() : calendar.summary(),
                    calendar.timeZone(),
                    role.get(),
                    calendar.primary(),
                    now);
        }
        // A reconnect may be a different account or a calendar may have been unshared meanwhile.
        for (Calendar known : calendars.findByConnectionIdOrderById(connectionId)) {
            if (!listedIds.contains(known.providerCalendarId()) && known.removedAt() == null) {
                calendars.markRemoved(known.id(), now);
            }
        }
        return connectionId;
    }

    private ApiResponse<List<ProviderCalendar>> listCalendars(AccessToken token) {
        List<ProviderCalendar> all = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_CALENDAR_PAGES; page++) {
            ApiResponse<Page<ProviderCalendar>> response = calendarApi.listCalendars(token, null, pageToken);
            if (!response.ok()) {
                return response.asFailure();
            }
            all.addAll(response.body().items());
            pageToken = response.body().nextPageToken();
            if (pageToken == null) {
                break;
            }
        }
        return ApiResponse.success(200, all, null);
    }

    private static Optional<AccessRole> accessRole(String wire) {
        try {
            return Optional.of(AccessRole.fromDatabase(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Saves which calendars the user picked (ids not on their connection are ignored) and asks for their sync. */
    public PickOutcome pick(long userId, Set<Long> pickedIds) {
        Optional<ProviderConnection> connection = connections.findByUserIdAndProvider(userId, PROVIDER);
        if (connection.isEmpty() || connection.get().status() == ConnectionStatus.DISCONNECTED) {
            return new PickOutcome(0, 0);
        }
        UUID connectionId = connection.get().id();
        Instant now = clock.instant();
        List<Calendar> changedToPicked = new ArrayList<>();
        List<Calendar> changedToUnpicked = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (Calendar calendar : calendars.findByConnectionIdOrderById(connectionId)) {
                if (calendar.removedAt() != null) {
                    continue;
                }
                boolean wanted = pickedIds.contains(calendar.id());
                if (wanted != calendar.picked()) {
                    calendars.updatePicked(calendar.id(), wanted, now);
                    (wanted ? changedToPicked : changedToUnpicked).add(calendar);
                }
            }
        });
        // A newly picked calendar needs its first full sync; an unpicked one lets the worker stop its channel.
        changedToPicked.forEach(
                c -> sync.request(connectionId, c.providerCalendarId(), SyncReason.CALENDARS_PICKED, SyncMode.FULL));
        changedToUnpicked.forEach(c ->
                sync.request(connectionId, c.providerCalendarId(), SyncReason.CALENDARS_PICKED, SyncMode.INCREMENTAL));
        return new PickOutcome(changedToPicked.size(), changedToUnpicked.size());
    }

    /**
     * Revokes the grant at Google, forgets the tokens, marks the connection disconnected and tells the
     * worker (which stops the channels). Events and calendars are kept, read-only, until a reconnect.
     */
    public boolean disconnect(long userId) {
        Optional<ProviderConnection> connection = connections.findByUserIdAndProvider(userId, PROVIDER);
        if (connection.isEmpty() || connection.get().status() == ConnectionStatus.DISCONNECTED) {
            return false;
        }
        UUID connectionId = connection.get().id();
        Optional<StoredTokens> stored = tokens.find(connectionId);
        stored.ifPresent(found -> {
            // Revoking the refresh token revokes its access tokens too; Google's endpoint takes either kind.
            SecretToken token = found.refreshToken() != null ? found.refreshToken() : found.accessToken();
            ApiResponse<Void> revoked = oauth.revoke(new RefreshToken(token.reveal()));
            if (!revoked.ok()) {
                // Still disconnect here: the user asked for it, and the tokens are deleted below anyway.
                log.warn(
                        "Revoking the grant of connection {} failed: {} {}",
                        connectionId,
                        revoked.status(),
                        revoked.error());
            }
        });
        transactions.executeWithoutResult(status -> {
            connections.updateStatus(
                    connectionId, ConnectionStatus.DISCONNECTED, "disconnected by the user", clock.instant());
            tokens.delete(connectionId);
        });
        sync.request(connectionId, null, SyncReason.DISCONNECTED, SyncMode.INCREMENTAL);
        return true;
    }

    /** What a connect attempt came to. */
    public sealed interface ConnectOutcome {
        record Connected(UUID connectionId, String accountEmail) implements ConnectOutcome {}

        record Failed(String message) implements ConnectOutcome {}
    }

    /** How many calendars were newly picked and unpicked. */
    public record PickOutcome(int picked, int unpicked) {}
}
