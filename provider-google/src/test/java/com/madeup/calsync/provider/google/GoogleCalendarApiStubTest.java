package com.madeup.calsync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.AuthorizationRequest;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.EventStatus;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.PkceVerifier;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.google.StubGoogleServer.Answer;
import com.madeup.calsync.provider.google.StubGoogleServer.Recorded;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.RetryBudget;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Google adapter against recorded-Google-shaped answers on a loopback stub. */
class GoogleCalendarApiStubTest {

    static final AccessToken TOKEN = new AccessToken("ya29.test-access");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    StubGoogleServer server;
    HttpTransport transport;
    GoogleClientConfig config;
    GoogleCalendarApi api;
    GoogleOAuthApi oauth;

    @BeforeEach
    void start() {
        server = new StubGoogleServer();
        config = GoogleClientConfig.forBaseUrl(server.baseUrl(), "client-1", new ClientSecret("s3cret"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        transport = HttpTransport.create(config.connectTimeout(), config.requestTimeout(), "calsync-test", CLOCK);
        RetryingCaller pageRetry = new RetryingCaller(
                new RetryBudget(3, Duration.ofMillis(5), Duration.ofMillis(50)), new SplittableRandom(1));
        api = new GoogleCalendarApi(config, transport, pageRetry);
        oauth = new GoogleOAuthApi(config, transport, CLOCK, new SecureRandom());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void fullSyncFollowsPagesAndHandsBackTheSyncToken() {
        server.then(Answer.resource(200, "responses/events-page1.json"))
                .then(Answer.resource(200, "responses/events-page2.json"));
        List<List<ProviderEvent>> pages = new ArrayList<>();

        ApiResponse<SyncResult> result =
                api.syncEvents(TOKEN, "ada@example.com", EventQuery.full().withMaxResults(2500), pages::add);

        assertThat(result.ok()).isTrue();
        assertThat(result.body()).isEqualTo(new SyncResult("CPDAlvWDx70CEPDAlvWDx70CGAU=", 2, 5));
        assertThat(pages).extracting(List::size).containsExactly(3, 2);
        Recorded first = server.requests().get(0);
        Recorded second = server.requests().get(1);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.uri().getRawPath()).isEqualTo("/calendar/v3/calendars/ada%40example.com/events");
        assertThat(query(first)).containsEntry("maxResults", "2500").doesNotContainKey("pageToken");
        assertThat(query(second))
                .containsEntry("maxResults", "2500")
                .containsEntry("pageToken", "CigKGjVvbDNlcGxnNHRmOWJ0MGE2ZmQ1N3Vwb2Nz");
        assertThat(first.header("Authorization")).isEqualTo("Bearer ya29.test-access");
        assertThat(first.header("User-Agent")).isEqualTo("calsync-test");
    }

    @Test
    void everyAttemptIsReportedOnceToTheCallObserver() {
        List<String> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HttpTransport observedTransport = HttpTransport.create(
                config.connectTimeout(),
                config.requestTimeout(),
                "calsync-test",
                CLOCK,
                (operation, failure, duration) -> {
                    assertThat(duration).isPositive();
                    observed.add(operation + "=" + (failure == null ? "ok" : failure));
                })) {
            GoogleCalendarApi observedApi = new GoogleCalendarApi(
                    config,
                    observedTransport,
                    new RetryingCaller(
                            new RetryBudget(3, Duration.ofMillis(5), Duration.ofMillis(50)), new SplittableRandom(1)));
            GoogleOAuthApi observedOAuth = new GoogleOAuthApi(config, observedTransport, CLOCK, new SecureRandom());
            server.then(Answer.resource(200, "responses/events-page1.json"))
                    .then(Answer.resource(503, "errors/500-backendError.json"))
                    .then(Answer.resource(200, "responses/events-page2.json"))
                    .then(Answer.json(200, "{\"summary\":\"no id\"}"))
                    .then(Answer.resource(400, "errors/400-invalid_grant.json"));

            observedApi.syncEvents(TOKEN, "primary", EventQuery.full(), page -> {});
            observedApi.getEvent(TOKEN, "primary", "e1");
            observedOAuth.refresh(new RefreshToken("1//dead"));
        }

        assertThat(observed)
                .containsExactly(
                        "calendar.events.list=ok",
                        "calendar.events.list=TRANSIENT",
                        "calendar.events.list=ok",
                        "calendar.events.get=INVALID_RESPONSE",
                        "oauth2.token.refresh=INVALID_GRANT");
    }

    @Test
    void incrementalSyncRepeatsTheSyncTokenOnEveryPage() {
        server.then(Answer.resource(200, "responses/events-page1.json"))
                .then(Answer.resource(200, "responses/events-page2.json"));

        api.syncEvents(TOKEN, "primary", EventQuery.incremental("OLD-TOKEN"), page -> {});

        assertThat(server.requests())
                .allSatisfy(request -> assertThat(query(request))
                        .containsEntry("syncToken", "OLD-TOKEN")
                        .doesNotContainKeys("timeMin", "showDeleted"));
    }

    @Test
    void syncRetriesAPageThatFailedTransiently() {
        server.then(Answer.resource(200, "responses/events-page1.json"))
                .then(Answer.resource(503, "errors/500-backendError.json"))
                .then(Answer.resource(200, "responses/events-page2.json"));

        ApiResponse<SyncResult> result = api.syncEvents(TOKEN, "primary", EventQuery.full(), page -> {});

        assertThat(result.ok()).isTrue();
        assertThat(result.body().pages()).isEqualTo(2);
        assertThat(server.requests()).hasSize(3);
        assertThat(query(server.requests().get(2))).containsKey("pageToken");
    }

    @Test
    void syncStopsOnAnInvalidSyncTokenWithoutRetrying() {
        server.then(Answer.resource(410, "errors/410-fullSyncRequired.json"));
        List<List<ProviderEvent>> pages = new ArrayList<>();

        ApiResponse<SyncResult> result = api.syncEvents(TOKEN, "primary", EventQuery.incremental("stale"), pages::add);

        assertThat(result.errorKind()).isEqualTo(ErrorKind.SYNC_TOKEN_INVALID);
        assertThat(pages).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void eventsAreReadTolerantly() {
        server.then(Answer.resource(200, "responses/events-page1.json"));

        Page<ProviderEvent> page =
                api.listEvents(TOKEN, "primary", EventQuery.full(), null).body();

        ProviderEvent meeting = page.items().get(0);
        assertThat(meeting.id()).isEqualTo("5ol3eplg4tf9bt0a6fd57upocs");
        assertThat(meeting.etag()).isEqualTo("\"3226988196172000\"");
        assertThat(meeting.updated()).isEqualTo(Instant.parse("2026-11-19T08:48:18.086Z"));
        assertThat(meeting.start().offsetDateTime()).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:00+01:00"));
        assertThat(meeting.start().offsetDateTime().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(meeting.start().timeZone()).isEqualTo("Europe/Zurich");
        assertThat(meeting.organizer().self()).isTrue();
        assertThat(meeting.attendees())
                .extracting(ProviderAttendee::email, ProviderAttendee::optional, ProviderAttendee::resource)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ada@example.com", false, false),
                        org.assertj.core.groups.Tuple.tuple("bob@example.com", true, false),
                        org.assertj.core.groups.Tuple.tuple("room-4@resource.calendar.google.com", false, true));
        assertThat(meeting.privateProperties()).containsEntry("matterId", "M-1042");
        assertThat(meeting.sharedProperties()).containsEntry("source", "calsync");
        assertThat(meeting.iCalUid()).isEqualTo("5ol3eplg4tf9bt0a6fd57upocs@google.com");
        assertThat(meeting.sequence()).isEqualTo(2);

        ProviderEvent allDay = page.items().get(1);
        assertThat(allDay.start().allDay()).isTrue();
        assertThat(allDay.start().localDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(allDay.end().localDate()).isEqualTo(LocalDate.of(2026, 12, 25));

        assertThat(page.items().get(2).recurrence()).containsExactly("RRULE:FREQ=WEEKLY;BYDAY=WE");
        assertThat(page.nextPageToken()).isNotNull();
        assertThat(page.nextSyncToken()).isNull();
    }

    @Test
    void cancelledItemsWithOnlyAnIdAreRead() {
        server.then(Answer.resource(200, "responses/events-page2.json"));

        List<ProviderEvent> items = api.listEvents(TOKEN, "primary", EventQuery.incremental("t"), null)
                .body()
                .items();

        assertThat(items.get(0).cancelled()).isTrue();
        assertThat(items.get(0).start()).isNull();
        assertThat(items.get(0).summary()).isNull();
        assertThat(items.get(0).attendees()).isEmpty();
        ProviderEvent instance = items.get(1);
        assertThat(instance.cancelled()).isTrue();
        assertThat(instance.recurringEventId()).isEqualTo("weeklyseries");
        assertThat(instance.originalStartTime().offsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-12-09T09:00:00-05:00"));
    }

    @Test
    void insertSendsTheClientChosenIdAndOnlyGivenFields() {
        server.then(Answer.resource(200, "responses/event.json").withHeader("ETag", "\"3226988196172999\""));
        EventDraft draft = EventDraft.builder()
                .id("a1b2c3d4e5")
                .summary("Created by calsync")
                .start(EventTime.at(OffsetDateTime.parse("2026-12-03T14:00:00+05:30"), null))
                .end(EventTime.at(OffsetDateTime.parse("2026-12-03T15:00:00+05:30"), null))
                .attendees(List.of(ProviderAttendee.invite("bob@example.com", "Bob")))
                .privateProperties(Map.of("matterId", "M-7"))
                .build();

        ApiResponse<ProviderEvent> response = api.insertEvent(TOKEN, "primary", draft, SendUpdates.ALL);

        assertThat(response.ok()).isTrue();
        assertThat(response.etag()).isEqualTo("\"3226988196172999\"");
        assertThat(response.body().start().offsetDateTime().getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        Recorded request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(query(request)).containsExactly(Map.entry("sendUpdates", "all"));
        JsonNode body = JSON.readTree(request.body());
        assertThat(fieldNames(body))
                .containsExactlyInAnyOrder("id", "summary", "start", "end", "attendees", "extendedProperties");
        assertThat(body.path("id").asString()).isEqualTo("a1b2c3d4e5");
        assertThat(body.path("start").path("dateTime").asString()).isEqualTo("2026-12-03T14:00:00+05:30");
        assertThat(body.path("extendedProperties")
                        .path("private")
                        .path("matterId")
                        .asString())
                .isEqualTo("M-7");
        assertThat(fieldNames(body.path("attendees").get(0)))
                .containsExactlyInAnyOrder("email", "displayName", "responseStatus");
    }

    @Test
    void patchSendsOnlyTheGivenFieldsWithIfMatch() {
        server.then(Answer.resource(200, "responses/event.json"));

        api.patchEvent(
                TOKEN,
                "primary",
                "a1b2c3d4e5",
                EventDraft.builder().summary("New title").description("").build(),
                "\"3226988196172000\"",
                SendUpdates.EXTERNAL_ONLY);

        Recorded request = server.lastRequest();
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.uri().getRawPath()).isEqualTo("/calendar/v3/calendars/primary/events/a1b2c3d4e5");
        assertThat(request.header("If-Match")).isEqualTo("\"3226988196172000\"");
        assertThat(query(request)).containsExactly(Map.entry("sendUpdates", "externalOnly"));
        assertThat(fieldNames(JSON.readTree(request.body()))).containsExactlyInAnyOrder("summary", "description");
    }

    @Test
    void updateIsAPutAndDeleteSendsIfMatchOnlyWhenGiven() {
        server.then(Answer.resource(200, "responses/event.json")).then(Answer.json(204, ""));

        api.updateEvent(
                TOKEN, "primary", "e1", EventDraft.builder().summary("all").build(), null, SendUpdates.NONE);
        assertThat(server.lastRequest().method()).isEqualTo("PUT");
        assertThat(query(server.lastRequest())).containsExactly(Map.entry("sendUpdates", "none"));
        assertThat(server.lastRequest().header("If-Match")).isNull();

        ApiResponse<Void> deleted = api.deleteEvent(TOKEN, "primary", "e1", "\"9\"", SendUpdates.ALL);
        assertThat(deleted.ok()).isTrue();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(server.lastRequest().header("If-Match")).isEqualTo("\"9\"");
        assertThat(query(server.lastRequest())).containsExactly(Map.entry("sendUpdates", "all"));
    }

    @Test
    void watchReadsExpirationAsStringAndStopSendsIdAndResourceId() {
        server.then(Answer.resource(200, "responses/channel-expiration-string.json"))
                .then(Answer.json(204, ""));
        WatchRequest watch = new WatchRequest(
                "01234567-89ab-cdef-0123-456789abcdef",
                URI.create("https://hooks.example.com/api/calendar/notifications/create"),
                "target=calsync&t=secret-channel-token",
                Duration.ofDays(7));

        ApiResponse<ProviderChannel> channel = api.watchEvents(TOKEN, "ada@example.com", watch);

        assertThat(channel.body().expiration()).isEqualTo(Instant.ofEpochMilli(1572554586000L));
        assertThat(channel.body().resourceId()).isEqualTo("o3hgv1538sdjfh");
        assertThat(channel.body().toString()).doesNotContain("secret-channel-token");
        JsonNode sent = JSON.readTree(server.lastRequest().body());
        assertThat(sent.path("type").asString()).isEqualTo("web_hook");
        assertThat(sent.path("params").path("ttl").asString()).isEqualTo("604800");
        assertThat(server.lastRequest().uri().getRawPath())
                .isEqualTo("/calendar/v3/calendars/ada%40example.com/events/watch");

        assertThat(api.stopChannel(TOKEN, "01234567-89ab-cdef-0123-456789abcdef", "o3hgv1538sdjfh")
                        .ok())
                .isTrue();
        JsonNode stop = JSON.readTree(server.lastRequest().body());
        assertThat(fieldNames(stop)).containsExactlyInAnyOrder("id", "resourceId");
        assertThat(server.lastRequest().uri().getRawPath()).isEqualTo("/calendar/v3/channels/stop");
    }

    @Test
    void channelExpirationAsNumberIsAccepted() {
        server.then(Answer.resource(200, "responses/channel-expiration-number.json"));

        ApiResponse<ProviderChannel> channel = api.watchCalendars(
                TOKEN, new WatchRequest("c-1", URI.create("https://hooks.example.com/n"), null, null));

        assertThat(channel.body().expiration()).isEqualTo(Instant.ofEpochMilli(1572554586000L));
        assertThat(server.lastRequest().uri().getRawPath()).isEqualTo("/calendar/v3/users/me/calendarList/watch");
    }

    @Test
    void calendarListIsReadWithOverridesDeletionsAndUnknownRoles() {
        server.then(Answer.resource(200, "responses/calendar-list.json"));

        Page<ProviderCalendar> page = api.listCalendars(TOKEN, null, null).body();

        assertThat(page.nextSyncToken()).isEqualTo("CMCh_rO3x70CEhBhZGFAZXhhbXBsZS5jb20=");
        assertThat(page.items())
                .extracting(ProviderCalendar::id)
                .containsExactly(
                        "ada@example.com",
                        "en.usa#holiday@group.v.calendar.google.com",
                        "team@group.calendar.google.com");
        assertThat(page.items().get(0).primary()).isTrue();
        assertThat(page.items().get(0).writable()).isTrue();
        assertThat(page.items().get(1).summary()).isEqualTo("US holidays");
        assertThat(page.items().get(1).writable()).isFalse();
        assertThat(page.items().get(2).deleted()).isTrue();
        assertThat(page.items().get(2).accessRole()).isEqualTo("writerWithoutPrivateAccess");
    }

    @Test
    void calendarIdsWithHashAndAtArePercentEncoded() {
        server.then(
                Answer.json(200, "{\"id\":\"en.usa#holiday@group.v.calendar.google.com\",\"accessRole\":\"reader\"}"));

        api.getCalendar(TOKEN, "en.usa#holiday@group.v.calendar.google.com");

        assertThat(server.lastRequest().uri().getRawPath())
                .isEqualTo("/calendar/v3/users/me/calendarList/en.usa%23holiday%40group.v.calendar.google.com");
    }

    @Test
    void authorizationUrlCarriesPkceStateOfflineAccessAndConsent() {
        AuthorizationRequest request = oauth.authorizationRequest(
                URI.create("https://app.example.com/oauth/callback"),
                Set.of("https://www.googleapis.com/auth/calendar.events", "openid"),
                "ada@example.com");

        Map<String, String> query = parse(request.url().getRawQuery());
        assertThat(request.url().getPath()).isEqualTo("/o/oauth2/v2/auth");
        assertThat(query)
                .containsEntry("client_id", "client-1")
                .containsEntry("redirect_uri", "https://app.example.com/oauth/callback")
                .containsEntry("response_type", "code")
                .containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", request.codeVerifier().s256Challenge())
                .containsEntry("state", request.state())
                .containsEntry("login_hint", "ada@example.com")
                .containsEntry("scope", "https://www.googleapis.com/auth/calendar.events openid");
        assertThat(request.state()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(request.stateMatches(request.state())).isTrue();
        assertThat(request.stateMatches(request.state() + "x")).isFalse();
        assertThat(request.toString()).doesNotContain(request.codeVerifier().value());
    }

    @Test
    void pkceChallengeMatchesTheRfc7636Example() {
        // RFC 7636 appendix B.
        PkceVerifier verifier = new PkceVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(verifier.s256Challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void codeExchangePostsTheFormAndReadsTheGrant() {
        server.then(Answer.resource(200, "responses/token-exchange.json"));
        PkceVerifier verifier = PkceVerifier.random(new SecureRandom());

        ApiResponse<TokenGrant> grant =
                oauth.exchangeCode("4/0Ab-code", URI.create("https://app.example.com/oauth/callback"), verifier);

        assertThat(grant.ok()).isTrue();
        assertThat(grant.body().accessToken().value()).isEqualTo("ya29.a0AfH6SMBexampleaccess");
        assertThat(grant.body().refreshToken().value()).isEqualTo("1//xEoDL4iW3cxlI7yDbSRFYNG01kVKM2C-259HOF2aQbI");
        assertThat(grant.body().expiresAt())
                .isEqualTo(Instant.parse("2026-11-24T10:00:00Z").plusSeconds(3920));
        assertThat(grant.body().scopes()).hasSize(2);
        assertThat(grant.body().toString()).doesNotContain("ya29", "1//x");
        Recorded request = server.lastRequest();
        assertThat(request.uri().getPath()).isEqualTo("/token");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(parse(request.body()))
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", "4/0Ab-code")
                .containsEntry("code_verifier", verifier.value())
                .containsEntry("client_id", "client-1")
                .containsEntry("client_secret", "s3cret")
                .containsEntry("redirect_uri", "https://app.example.com/oauth/callback");
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void refreshWithoutNewRefreshTokenKeepsTheOldOneAndReadsExpiresInAsString() {
        server.then(Answer.resource(200, "responses/token-refresh-expires-as-string.json"));
        RefreshToken old = new RefreshToken("1//old-refresh");

        TokenGrant grant = oauth.refresh(old).body();

        assertThat(grant.refreshToken()).isEqualTo(old);
        assertThat(grant.expiresAt()).isEqualTo(Instant.parse("2026-11-24T10:59:59Z"));
        assertThat(parse(server.lastRequest().body()))
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "1//old-refresh");
    }

    @Test
    void revokePostsTheToken() {
        server.then(Answer.json(200, "{}"));

        assertThat(oauth.revoke(new RefreshToken("1//gone")).ok()).isTrue();

        assertThat(server.lastRequest().uri().getPath()).isEqualTo("/revoke");
        assertThat(parse(server.lastRequest().body())).containsEntry("token", "1//gone");
    }

    @Test
    void secretsAreRedactedInToString() {
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(TOKEN.toString()).doesNotContain("ya29");
        assertThat(new RefreshToken("1//abc").toString()).doesNotContain("1//abc");
    }

    @Test
    void statusValuesMapBothWays() {
        assertThat(EventStatus.fromWire(null)).isEqualTo(EventStatus.CONFIRMED);
        assertThat(EventStatus.fromWire("cancelled")).isEqualTo(EventStatus.CANCELLED);
        assertThat(EventStatus.fromWire("somethingNew")).isEqualTo(EventStatus.UNKNOWN);
        assertThat(EventStatus.TENTATIVE.wire()).isEqualTo("tentative");
    }

    private static Map<String, String> query(Recorded request) {
        return parse(request.uri().getRawQuery());
    }

    private static Map<String, String> parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(encoded.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}
