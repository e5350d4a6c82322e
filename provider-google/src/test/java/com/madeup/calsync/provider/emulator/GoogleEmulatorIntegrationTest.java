package com.madeup.calsync.provider.emulator;

import static com.madeup.calsync.provider.SendUpdates.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.AuthorizationRequest;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventIds;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.PkceVerifier;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.google.GoogleCalendarApi;
import com.madeup.calsync.provider.google.GoogleClientConfig;
import com.madeup.calsync.provider.google.GoogleOAuthApi;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.RetryBudget;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Our client against the real google-emulator over HTTP on loopback. Each test uses its own account. */
class GoogleEmulatorIntegrationTest {

    static final URI REDIRECT = URI.create("http://127.0.0.1:9/oauth/callback");
    static final Set<String> SCOPES = Set.of(
            "https://www.googleapis.com/auth/calendar.events",
            "https://www.googleapis.com/auth/calendar.calendarlist.readonly");

    static GoogleEmulator emulator;
    static EmulatorAdmin admin;
    static HttpTransport transport;
    static GoogleCalendarApi api;
    static GoogleOAuthApi oauth;

    EmulatorAdmin.Account account;
    AccessToken token;

    @BeforeAll
    static void startEmulator() {
        emulator = GoogleEmulator.start(EmulatorConfig.defaults());
        admin = new EmulatorAdmin(emulator.baseUrl());
        GoogleClientConfig config = GoogleClientConfig.forBaseUrl(
                        emulator.baseUrl(), "calsync-test", new ClientSecret("calsync-test-secret"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        transport =
                HttpTransport.create(config.connectTimeout(), config.requestTimeout(), "calsync-it", Clock.systemUTC());
        api = new GoogleCalendarApi(
                config,
                transport,
                new RetryingCaller(
                        new RetryBudget(3, Duration.ofMillis(5), Duration.ofMillis(50)), new SplittableRandom(1)));
        oauth = new GoogleOAuthApi(config, transport, Clock.systemUTC(), new SecureRandom());
    }

    @AfterAll
    static void stopEmulator() {
        transport.close();
        emulator.close();
    }

    @BeforeEach
    void newAccount() {
        account = admin.createAccount("user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        token = new AccessToken(account.accessToken());
    }

    @AfterEach
    void clearFaults() {
        admin.clearFaults();
    }

    // ---- calendars, paging, sync -----------------------------------------------------------

    @Test
    void calendarListShowsThePrimaryAndSecondaryCalendarsWithRoles() {
        String team = admin.createCalendar(account.email(), "Team", "writer");
        String holidays = admin.createCalendar(account.email(), "Holidays", "reader");

        List<ProviderCalendar> calendars =
                api.listCalendars(token, null, null).body().items();

        assertThat(calendars).extracting(ProviderCalendar::id).contains(account.email(), team, holidays);
        ProviderCalendar primary = find(calendars, account.email());
        assertThat(primary.primary()).isTrue();
        assertThat(primary.writable()).isTrue();
        assertThat(find(calendars, holidays).writable()).isFalse();
        assertThat(api.getCalendar(token, team).body().summary()).isEqualTo("Team");
    }

    @Test
    void fullSyncPagesThroughAGeneratedCalendar() {
        String calendar = admin.createCalendar(account.email(), "Generated", null);
        admin.generate(calendar, 120, 42);
        List<ProviderEvent> seen = new ArrayList<>();
        AtomicInteger pages = new AtomicInteger();

        ApiResponse<SyncResult> result =
                api.syncEvents(token, calendar, EventQuery.full().withMaxResults(50), page -> {
                    pages.incrementAndGet();
                    seen.addAll(page);
                });

        assertThat(result.ok()).as("%s", result.error()).isTrue();
        assertThat(result.body().items()).isEqualTo(120);
        assertThat(result.body().pages()).isGreaterThanOrEqualTo(3).isEqualTo(pages.get());
        assertThat(result.body().nextSyncToken()).isNotBlank();
        assertThat(seen).extracting(ProviderEvent::id).doesNotHaveDuplicates().hasSize(120);
        assertThat(seen).allSatisfy(event -> {
            assertThat(event.etag()).isNotBlank();
            assertThat(event.start()).isNotNull();
        });
    }

    @Test
    void incrementalSyncReturnsChangesAndDeletions() {
        String calendar = account.email();
        String kept =
                admin.insertEvent(calendar, timedEvent("Kept", 1)).path("id").asString();
        String changed =
                admin.insertEvent(calendar, timedEvent("Before", 2)).path("id").asString();
        String removed =
                admin.insertEvent(calendar, timedEvent("Removed", 3)).path("id").asString();
        String syncToken = api.syncEvents(token, calendar, EventQuery.full(), page -> {})
                .body()
                .nextSyncToken();

        ObjectNode rename = admin.object().put("summary", "After");
        admin.patchEvent(calendar, changed, rename);
        admin.deleteEvent(calendar, removed);
        String added =
                admin.insertEvent(calendar, timedEvent("Added", 4)).path("id").asString();
        List<ProviderEvent> delta = new ArrayList<>();
        ApiResponse<SyncResult> incremental =
                api.syncEvents(token, calendar, EventQuery.incremental(syncToken), delta::addAll);

        assertThat(incremental.ok()).as("%s", incremental.error()).isTrue();
        Map<String, ProviderEvent> byId = delta.stream().collect(Collectors.toMap(ProviderEvent::id, e -> e));
        assertThat(byId).containsKeys(changed, removed, added).doesNotContainKey(kept);
        assertThat(byId.get(changed).summary()).isEqualTo("After");
        assertThat(byId.get(removed).cancelled()).isTrue();
        assertThat(incremental.body().nextSyncToken()).isNotEqualTo(syncToken);
    }

    @Test
    void invalidatedSyncTokenAnswers410AndAFullResyncRecovers() {
        String calendar = account.email();
        admin.insertEvent(calendar, timedEvent("One", 1));
        String syncToken = api.syncEvents(token, calendar, EventQuery.full(), page -> {})
                .body()
                .nextSyncToken();
        admin.invalidateSyncTokens(calendar);

        ApiResponse<SyncResult> stale = api.syncEvents(token, calendar, EventQuery.incremental(syncToken), page -> {});

        assertThat(stale.status()).isEqualTo(410);
        assertThat(stale.errorKind()).isEqualTo(ErrorKind.SYNC_TOKEN_INVALID);
        assertThat(stale.error().reason()).isEqualTo("fullSyncRequired");
        List<ProviderEvent> resynced = new ArrayList<>();
        ApiResponse<SyncResult> full = api.syncEvents(token, calendar, EventQuery.full(), resynced::addAll);
        assertThat(full.ok()).isTrue();
        assertThat(resynced).extracting(ProviderEvent::summary).containsExactly("One");
        assertThat(api.syncEvents(
                                token,
                                calendar,
                                EventQuery.incremental(full.body().nextSyncToken()),
                                page -> {})
                        .ok())
                .isTrue();
    }

    // ---- writes ----------------------------------------------------------------------------

    @Test
    void insertWithClientIdThenPatchWithStaleEtagIsPreconditionFailed() {
        String calendar = account.email();
        String id = EventIds.newId();
        ProviderEvent created = api.insertEvent(token, calendar, draft(id, "Planning", Map.of("matterId", "M-9")), ALL)
                .body();
        assertThat(created.id()).isEqualTo(id);
        assertThat(created.privateProperties()).containsEntry("matterId", "M-9");

        admin.patchEvent(calendar, id, admin.object().put("location", "Room 1"));
        ApiResponse<ProviderEvent> stale = api.patchEvent(
                token, calendar, id, EventDraft.builder().summary("Mine").build(), created.etag(), ALL);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorKind()).isEqualTo(ErrorKind.PRECONDITION_FAILED);
        ProviderEvent fresh = api.getEvent(token, calendar, id).body();
        ApiResponse<ProviderEvent> patched = api.patchEvent(
                token, calendar, id, EventDraft.builder().summary("Mine").build(), fresh.etag(), ALL);
        assertThat(patched.ok()).isTrue();
        assertThat(patched.body().summary()).isEqualTo("Mine");
        assertThat(patched.body().location()).isEqualTo("Room 1");
        assertThat(patched.body().privateProperties()).containsEntry("matterId", "M-9");
    }

    @Test
    void everyWriteTellsGoogleWhomToNotify() {
        String id = EventIds.newId();
        ProviderEvent created = api.insertEvent(token, account.email(), draft(id, "Notify", null), ALL)
                .body();
        ProviderEvent patched = api.patchEvent(
                        token,
                        account.email(),
                        id,
                        EventDraft.builder().summary("Quietly").build(),
                        created.etag(),
                        SendUpdates.EXTERNAL_ONLY)
                .body();
        api.updateEvent(token, account.email(), id, draft(null, "Silently", null), patched.etag(), SendUpdates.NONE);
        api.deleteEvent(token, account.email(), id, null, ALL);

        List<String> received = new ArrayList<>();
        for (JsonNode write : admin.writes()) {
            if (write.path("eventId").asString().equals(id)) {
                received.add(write.path("method").asString() + "="
                        + write.path("sendUpdates").asString());
            }
        }
        assertThat(received)
                .containsExactly(
                        "calendar.events.insert=all",
                        "calendar.events.patch=externalOnly",
                        "calendar.events.update=none",
                        "calendar.events.delete=all");
    }

    @Test
    void insertingTheSameClientIdTwiceIsConflict() {
        String id = EventIds.newId();
        assertThat(api.insertEvent(token, account.email(), draft(id, "Once", null), ALL)
                        .ok())
                .isTrue();

        ApiResponse<ProviderEvent> again = api.insertEvent(token, account.email(), draft(id, "Once", null), ALL);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorKind()).isEqualTo(ErrorKind.CONFLICT);
    }

    @Test
    void deletingTwiceIsAlreadyDeleted() {
        String id = EventIds.newId();
        api.insertEvent(token, account.email(), draft(id, "Short-lived", null), ALL);

        assertThat(api.deleteEvent(token, account.email(), id, null, ALL).ok()).isTrue();
        ApiResponse<Void> again = api.deleteEvent(token, account.email(), id, null, ALL);

        assertThat(again.status()).isEqualTo(410);
        assertThat(again.errorKind()).isEqualTo(ErrorKind.ALREADY_DELETED);
        assertThat(api.getEvent(token, account.email(), id).body().cancelled()).isTrue();
    }

    @Test
    void updateReplacesTheEventAndDeleteHonoursIfMatch() {
        String id = EventIds.newId();
        ProviderEvent created = api.insertEvent(token, account.email(), draft(id, "Old", null), ALL)
                .body();
        ProviderEvent updated = api.updateEvent(
                        token, account.email(), id, draft(null, "New", null), created.etag(), ALL)
                .body();
        assertThat(updated.summary()).isEqualTo("New");

        assertThat(api.deleteEvent(token, account.email(), id, created.etag(), ALL)
                        .errorKind())
                .isEqualTo(ErrorKind.PRECONDITION_FAILED);
        assertThat(api.deleteEvent(token, account.email(), id, updated.etag(), ALL)
                        .ok())
                .isTrue();
    }

    @Test
    void unknownEventIsNotFound() {
        ApiResponse<ProviderEvent> missing = api.getEvent(token, account.email(), "doesnotexist0");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void writingToAReadOnlyCalendarIsForbidden() {
        String holidays = admin.createCalendar(account.email(), "Holidays", "reader");

        ApiResponse<ProviderEvent> denied = api.insertEvent(token, holidays, draft(EventIds.newId(), "No", null), ALL);

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorKind()).isEqualTo(ErrorKind.FORBIDDEN);
    }

    @Test
    void invalidEventIdIsPermanent() {
        ApiResponse<ProviderEvent> invalid =
                api.insertEvent(token, account.email(), draft("UPPER_CASE!", "x", null), ALL);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorKind()).isEqualTo(ErrorKind.PERMANENT);
    }

    // ---- injected faults and retries -------------------------------------------------------

    @Test
    void injectedServerErrorIsTransient() {
        admin.fault(503, "backendError", 1, ".*/events/.*", null);

        ApiResponse<ProviderEvent> failed = api.getEvent(token, account.email(), "whatever01");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    }

    @Test
    void injectedRateLimitIsRateLimitedWithRetryAfter() {
        admin.fault(403, "rateLimitExceeded", 1, ".*/calendarList.*", 3);

        ApiResponse<?> limited = api.listCalendars(token, null, null);

        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.errorKind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void injectedQuotaExceededIsForbiddenAndNotRetried() {
        admin.fault(403, "quotaExceeded", 1, ".*/calendarList.*", null);

        ApiResponse<?> denied = retrying(3).call("calendarList.list", () -> api.listCalendars(token, null, null));

        assertThat(denied.errorKind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(api.listCalendars(token, null, null).ok()).isTrue();
    }

    @Test
    void retrySucceedsAfterInjectedTransientFailuresWithinItsBudget() {
        String id = EventIds.newId();
        api.insertEvent(token, account.email(), draft(id, "Retry me", null), ALL);
        long before = admin.calls("calendar.events.get");
        admin.fault(503, "backendError", 2, ".*/events/" + id, null);

        ApiResponse<ProviderEvent> response =
                retrying(3).call("calendar.events.get", () -> api.getEvent(token, account.email(), id));

        assertThat(response.ok()).as("%s", response.error()).isTrue();
        assertThat(response.body().summary()).isEqualTo("Retry me");
        assertThat(admin.calls("calendar.events.get") - before).isEqualTo(3);
    }

    @Test
    void retryGivesUpWhenTheBudgetIsExhausted() {
        String id = EventIds.newId();
        api.insertEvent(token, account.email(), draft(id, "Never", null), ALL);
        long before = admin.calls("calendar.events.get");
        admin.fault(500, "backendError", 5, ".*/events/" + id, null);

        ApiResponse<ProviderEvent> response =
                retrying(3).call("calendar.events.get", () -> api.getEvent(token, account.email(), id));

        assertThat(response.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(admin.calls("calendar.events.get") - before).isEqualTo(3);
    }

    @Test
    void syncRetriesAFailedPageAndCompletes() {
        String calendar = admin.createCalendar(account.email(), "Flaky", null);
        admin.generate(calendar, 30, 7);
        admin.fault(503, "backendError", 1, ".*/events", null);

        ApiResponse<SyncResult> result =
                api.syncEvents(token, calendar, EventQuery.full().withMaxResults(10), page -> {});

        assertThat(result.ok()).as("%s", result.error()).isTrue();
        assertThat(result.body().items()).isEqualTo(30);
    }

    // ---- channels --------------------------------------------------------------------------

    @Test
    void watchThenStopChannel() {
        WatchRequest request = new WatchRequest(
                UUID.randomUUID().toString(),
                URI.create("https://127.0.0.1:9/notifications"),
                "tok-" + UUID.randomUUID(),
                Duration.ofHours(1));

        ProviderChannel channel =
                api.watchEvents(token, account.email(), request).body();

        assertThat(channel.id()).isEqualTo(request.channelId());
        assertThat(channel.resourceId()).isNotBlank();
        assertThat(channel.expiration()).isNotNull();
        assertThat(api.stopChannel(token, channel.id(), channel.resourceId()).ok())
                .isTrue();
        assertThat(api.stopChannel(token, channel.id(), channel.resourceId()).errorKind())
                .isEqualTo(ErrorKind.NOT_FOUND);
    }

    // ---- tokens ----------------------------------------------------------------------------

    @Test
    void expiredAccessTokenIsUnauthorizedAndARefreshRecovers() {
        admin.expireAccessTokens(account.email());

        ApiResponse<?> expired = api.listCalendars(token, null, null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorKind()).isEqualTo(ErrorKind.UNAUTHORIZED);

        ApiResponse<TokenGrant> refreshed = oauth.refresh(new RefreshToken(account.refreshToken()));
        assertThat(refreshed.ok()).as("%s", refreshed.error()).isTrue();
        assertThat(refreshed.body().refreshToken().value()).isEqualTo(account.refreshToken());
        assertThat(api.listCalendars(refreshed.body().accessToken(), null, null).ok())
                .isTrue();
    }

    @Test
    void refreshAfterRevokeIsInvalidGrant() {
        RefreshToken refreshToken = new RefreshToken(account.refreshToken());
        assertThat(oauth.refresh(refreshToken).ok()).isTrue();

        assertThat(oauth.revoke(refreshToken).ok()).isTrue();
        ApiResponse<TokenGrant> dead = oauth.refresh(refreshToken);

        assertThat(dead.status()).isEqualTo(400);
        assertThat(dead.errorKind()).isEqualTo(ErrorKind.INVALID_GRANT);
        assertThat(dead.error().reason()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshTokenRevokedThroughTheAdminApiIsInvalidGrant() {
        admin.revokeRefreshToken(account.refreshToken());

        assertThat(oauth.refresh(new RefreshToken(account.refreshToken())).errorKind())
                .isEqualTo(ErrorKind.INVALID_GRANT);
    }

    @Test
    void authorizationCodeFlowWithPkceYieldsWorkingTokens() throws Exception {
        AuthorizationRequest request = oauth.authorizationRequest(REDIRECT, SCOPES, account.email());

        Map<String, String> callback = followConsent(request.url());

        assertThat(request.stateMatches(callback.get("state"))).isTrue();
        ApiResponse<TokenGrant> grant = oauth.exchangeCode(callback.get("code"), REDIRECT, request.codeVerifier());
        assertThat(grant.ok()).as("%s", grant.error()).isTrue();
        assertThat(grant.body().refreshToken()).isNotNull();
        assertThat(grant.body().scopes()).containsAll(SCOPES);
        List<ProviderCalendar> calendars =
                api.listCalendars(grant.body().accessToken(), null, null).body().items();
        assertThat(calendars).extracting(ProviderCalendar::id).contains(account.email());
    }

    @Test
    void codeExchangeWithTheWrongVerifierIsInvalidGrant() throws Exception {
        AuthorizationRequest request = oauth.authorizationRequest(REDIRECT, SCOPES, account.email());
        Map<String, String> callback = followConsent(request.url());

        ApiResponse<TokenGrant> grant =
                oauth.exchangeCode(callback.get("code"), REDIRECT, PkceVerifier.random(new SecureRandom()));

        assertThat(grant.errorKind()).isEqualTo(ErrorKind.INVALID_GRANT);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Opens the consent URL as a browser would; with auto-consent the emulator redirects at once. */
    private static Map<String, String> followConsent(URI consentUrl) throws Exception {
        try (HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            HttpResponse<String> response = browser.send(
                    HttpRequest.newBuilder(consentUrl)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
            assertThat(location.getPath()).isEqualTo(REDIRECT.getPath());
            return Arrays.stream(location.getRawQuery().split("&"))
                    .map(pair -> pair.split("=", 2))
                    .collect(Collectors.toMap(
                            pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                            pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        }
    }

    private static RetryingCaller retrying(int attempts) {
        return new RetryingCaller(
                new RetryBudget(attempts, Duration.ofMillis(5), Duration.ofMillis(50)), new SplittableRandom(3));
    }

    private static EventDraft draft(String id, String summary, Map<String, String> privateProperties) {
        OffsetDateTime start = OffsetDateTime.parse("2026-12-01T10:00:00+01:00");
        return EventDraft.builder()
                .id(id)
                .summary(summary)
                .start(EventTime.at(start, "Europe/Zurich"))
                .end(EventTime.at(start.plusHours(1), "Europe/Zurich"))
                .privateProperties(privateProperties)
                .build();
    }

    private static ObjectNode timedEvent(String summary, int day) {
        ObjectNode event = admin.object().put("summary", summary);
        event.putObject("start").put("dateTime", "2026-12-0" + day + "T09:00:00Z");
        event.putObject("end").put("dateTime", "2026-12-0" + day + "T10:00:00Z");
        return event;
    }

    private static ProviderCalendar find(List<ProviderCalendar> calendars, String id) {
        return calendars.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
