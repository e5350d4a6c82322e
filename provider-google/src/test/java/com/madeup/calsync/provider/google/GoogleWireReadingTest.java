package com.madeup.calsync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.EventStatus;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.google.StubGoogleServer.Answer;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming wire layer's tolerance, body by body: what Google may send (unknown members at any
 * depth, int64 as string or number, missing members, nulls, long texts) is read, and what it never
 * sends ends as a typed {@code INVALID_RESPONSE}, never as an exception.
 */
class GoogleWireReadingTest {

    static final AccessToken TOKEN = new AccessToken("ya29.test-access");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    StubGoogleServer server;
    HttpTransport transport;
    GoogleCalendarApi api;
    GoogleOAuthApi oauth;

    @BeforeEach
    void start() {
        server = new StubGoogleServer();
        GoogleClientConfig config = GoogleClientConfig.forBaseUrl(
                        server.baseUrl(), "client-1", new ClientSecret("s3cret"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        transport = HttpTransport.create(config.connectTimeout(), config.requestTimeout(), "test", CLOCK);
        api = new GoogleCalendarApi(config, transport, RetryingCaller.none());
        oauth = new GoogleOAuthApi(config, transport, CLOCK, new SecureRandom());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private ApiResponse<ProviderEvent> getEventAnswering(String body) {
        server.then(Answer.json(200, body));
        return api.getEvent(TOKEN, "primary", "e1");
    }

    @Test
    void unknownMembersAreSkippedAtAnyDepthAndInAnyPosition() {
        ApiResponse<ProviderEvent> response = getEventAnswering("""
                {"conferenceData":{"entryPoints":[{"uri":"https://meet","pin":[1,[2,{"x":{}}]]}]},
                 "someArray":[[],[[{"id":"not-the-event-id"}]],null,true,1.5e3],
                 "id":"e1",
                 "start":{"future":{"id":"nested"},"dateTime":"2026-12-01T10:00:00+01:00","more":[1]},
                 "attendees":[{"email":"ada@example.com","newThing":{"a":[{"b":"c"}]},"responseStatus":"accepted"}],
                 "extendedProperties":{"private":{"matterId":"M-1"},"unknownScope":{"k":{"deep":[1]}}},
                 "summary":"Kept","reminders":{"useDefault":false,"overrides":[{"method":"popup","minutes":10}]}}
                """);

        assertThat(response.ok()).isTrue();
        ProviderEvent event = response.body();
        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.summary()).isEqualTo("Kept");
        assertThat(event.start().dateTime()).isEqualTo("2026-12-01T10:00:00+01:00");
        assertThat(event.attendees()).singleElement().satisfies(attendee -> {
            assertThat(attendee.email()).isEqualTo("ada@example.com");
            assertThat(attendee.responseStatus()).isEqualTo("accepted");
        });
        assertThat(event.privateProperties()).containsExactly(Map.entry("matterId", "M-1"));
    }

    @Test
    void onlyAnIdIsEnough() {
        ProviderEvent event = getEventAnswering("{\"id\":\"e1\"}").body();

        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.status()).isEqualTo(EventStatus.CONFIRMED);
        assertThat(event.start()).isNull();
        assertThat(event.organizer()).isNull();
        assertThat(event.attendees()).isEmpty();
        assertThat(event.recurrence()).isEmpty();
        assertThat(event.privateProperties()).isEmpty();
        assertThat(event.updated()).isNull();
        assertThat(event.sequence()).isNull();
    }

    @Test
    void nullsReadAsAbsentAndNullElementsAreDropped() {
        ProviderEvent event = getEventAnswering("""
                {"id":"e1","summary":null,"start":null,"organizer":null,"sequence":null,"updated":null,
                 "attendees":[null,{"email":null,"displayName":"No Email","optional":null}],
                 "recurrence":[null,"RRULE:FREQ=DAILY"],
                 "extendedProperties":{"private":{"gone":null,"matterId":"M-2"},"shared":null}}
                """).body();

        assertThat(event.summary()).isNull();
        assertThat(event.start()).isNull();
        assertThat(event.organizer()).isNull();
        assertThat(event.updated()).isNull();
        assertThat(event.attendees()).singleElement().satisfies(attendee -> {
            assertThat(attendee.email()).isNull();
            assertThat(attendee.displayName()).isEqualTo("No Email");
            assertThat(attendee.optional()).isFalse();
        });
        assertThat(event.recurrence()).containsExactly("RRULE:FREQ=DAILY");
        assertThat(event.privateProperties()).containsExactly(Map.entry("matterId", "M-2"));
        assertThat(event.sharedProperties()).isEmpty();
    }

    @Test
    void numbersAndBooleansArriveAsStringsOrAsJsonValues() {
        ProviderEvent event = getEventAnswering("""
                {"id":"e1","sequence":"7","organizer":{"email":"ada@example.com","self":"true"},
                 "attendees":[{"email":"bob@example.com","optional":"true","additionalGuests":"2","resource":false}]}
                """).body();

        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.organizer().self()).isTrue();
        assertThat(event.attendees().getFirst().optional()).isTrue();
        assertThat(event.attendees().getFirst().resource()).isFalse();
    }

    @Test
    void int64ExpiresInAsNumberOrString() {
        server.then(Answer.json(200, "{\"access_token\":\"ya29.a\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"))
                .then(Answer.json(200, "{\"access_token\":\"ya29.b\",\"expires_in\":\" 60 \"}"));

        TokenGrant asNumber = oauth.refresh(new RefreshToken("1//r")).body();
        TokenGrant asString = oauth.refresh(new RefreshToken("1//r")).body();

        assertThat(asNumber.expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(3599));
        assertThat(asString.expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(60));
    }

    @Test
    void longTextsAndEveryCharacterAreKeptWhole() {
        String description = "Ünïcödé 😀 \"quoted\" \\ back\nslash\t".repeat(40_000); // about 1.3 million chars
        String body = JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of("id", "e1", "description", description, "location", "Zürich / 東京"));

        ProviderEvent event = getEventAnswering(body).body();

        assertThat(event.description()).hasSize(description.length()).isEqualTo(description);
        assertThat(event.location()).isEqualTo("Zürich / 東京");
    }

    @Test
    void writtenBodyCarriesEveryCharacterExactly() {
        server.then(Answer.json(200, "{\"id\":\"abcde12345\"}"));
        String summary = "Quote \" backslash \\ newline \n emoji 😀 slash / </script>";

        api.insertEvent(
                TOKEN,
                "primary",
                EventDraft.builder()
                        .id("abcde12345")
                        .summary(summary)
                        .privateProperties(Map.of("calsyncMatterId", "M-9"))
                        .recurrence(List.of("RRULE:FREQ=WEEKLY"))
                        .build(),
                SendUpdates.ALL);

        JsonNode sent =
                JsonMapper.builder().build().readTree(server.lastRequest().body());
        assertThat(sent.path("summary").asString()).isEqualTo(summary);
        assertThat(sent.path("recurrence").get(0).asString()).isEqualTo("RRULE:FREQ=WEEKLY");
        assertThat(sent.path("extendedProperties")
                        .path("private")
                        .path("calsyncMatterId")
                        .asString())
                .isEqualTo("M-9");
    }

    @Test
    void calendarListItemsWithUnknownMembersAndNullsAreRead() {
        server.then(Answer.json(200, """
                {"kind":"calendar#calendarList","items":[null,
                  {"id":"a@example.com","accessRole":"owner","primary":true,"notificationSettings":{"notifications":[{"type":"eventCreation"}]},
                   "conferenceProperties":{"allowedConferenceSolutionTypes":["hangoutsMeet"]},"summary":null},
                  {"id":"gone@example.com","deleted":"true"}],
                 "nextSyncToken":"sync-1"}
                """));

        Page<ProviderCalendar> page = api.listCalendars(TOKEN, null, null).body();

        assertThat(page.items()).extracting(ProviderCalendar::id).containsExactly("a@example.com", "gone@example.com");
        assertThat(page.items().get(0).primary()).isTrue();
        assertThat(page.items().get(0).summary()).isNull();
        assertThat(page.items().get(1).deleted()).isTrue();
        assertThat(page.nextSyncToken()).isEqualTo("sync-1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html>captive portal</html>", // not JSON
                "null", // JSON, but no object
                "[{\"id\":\"e1\"}]", // an array where an object belongs
                "\"e1\"", // a bare string
                "{\"id\":\"e1\",\"summary\":{\"text\":\"nested\"}}", // object where a string belongs
                "{\"id\":\"e1\",\"attendees\":{\"email\":\"a@b\"}}", // object where an array belongs
                "{\"id\":\"e1\",\"start\":\"2026-12-01\"}", // string where an object belongs
                "{\"id\":\"e1\",\"sequence\":\"seven\"}", // not an int32
                "{\"id\":\"e1\",\"sequence\":99999999999}", // beyond int32
                "{\"id\":\"e1\",\"organizer\":{\"self\":\"perhaps\"}}", // not a boolean
                "{\"id\":\"e1\",\"updated\":\"yesterday\"}", // not RFC 3339
                "{\"summary\":\"no id\"}", // an event without id
                "{\"id\":\"e1\",\"summary\":\"cut off", // truncated
                "{\"id\":\"e1\"", // truncated between members
                "" // empty
            })
    void bodyGoogleNeverSendsIsATypedInvalidResponse(String body) {
        ApiResponse<ProviderEvent> response = getEventAnswering(body);

        assertThat(response.ok()).isFalse();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
        assertThat(response.error().message()).isNotBlank();
        assertThat(response.body()).isNull();
    }

    @Test
    void aBadItemMakesTheWholePageInvalidRatherThanDroppingIt() {
        server.then(Answer.json(200, "{\"items\":[{\"id\":\"a\"},{\"summary\":\"no id\"}],\"nextSyncToken\":\"s\"}"));

        ApiResponse<Page<ProviderEvent>> response = api.listEvents(TOKEN, "primary", EventQuery.full(), null);

        assertThat(response.errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
    }

    @Test
    void channelExpirationThatIsNoNumberIsInvalid() {
        server.then(Answer.json(200, "{\"id\":\"c1\",\"resourceId\":\"r\",\"expiration\":\"soon\"}"));

        ApiResponse<?> response = api.watchEvents(
                TOKEN,
                "primary",
                new com.madeup.calsync.provider.WatchRequest(
                        "c1", java.net.URI.create("https://hooks.example.com/n"), null, null));

        assertThat(response.errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
        assertThat(response.error().message()).contains("expiration");
    }

    @Test
    void errorBodyMembersInAnyOrderWithUnknownOnesStillGiveTheReason() {
        server.then(Answer.json(403, """
                {"error":{"details":[{"@type":"type.googleapis.com/google.rpc.Help","links":[{"url":"x"}]}],
                  "message":"Rate Limit Exceeded","status":"PERMISSION_DENIED",
                  "errors":[{"domain":"usageLimits","extra":{"a":[1]},"reason":"rateLimitExceeded"}],"code":403}}
                """));

        ApiResponse<ProviderEvent> response = api.getEvent(TOKEN, "primary", "e1");

        assertThat(response.errorKind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(response.error().reason()).isEqualTo("rateLimitExceeded");
        assertThat(response.error().message()).isEqualTo("Rate Limit Exceeded");
    }

    @Test
    void errorBodyThatIsJsonButNoObjectKeepsASnippet() {
        server.then(Answer.json(400, "[\"bad request\"]"));

        ApiResponse<ProviderEvent> response = api.getEvent(TOKEN, "primary", "e1");

        assertThat(response.errorKind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(response.error().reason()).isNull();
        assertThat(response.error().message()).isEqualTo("[\"bad request\"]");
    }
}
