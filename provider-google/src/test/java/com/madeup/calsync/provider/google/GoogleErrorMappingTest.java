package com.madeup.calsync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.SendUpdates;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per status-and-reason to ErrorKind mapping, replayed from recorded-Google-shaped bodies. */
class GoogleErrorMappingTest {

    static final AccessToken TOKEN = new AccessToken("ya29.test-access");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    StubGoogleServer server;
    HttpTransport transport;
    GoogleCalendarApi api;
    GoogleOAuthApi oauth;

    @BeforeEach
    void start() {
        server = new StubGoogleServer();
        // A generous deadline, so a busy build machine cannot turn an answer into a timeout.
        useDeadline(Duration.ofSeconds(10));
    }

    /** Rebuilds the clients with this per-call deadline (the timeout tests want a short one). */
    private void useDeadline(Duration requestTimeout) {
        if (transport != null) {
            transport.close();
        }
        GoogleClientConfig config = GoogleClientConfig.forBaseUrl(
                        server.baseUrl(), "client-1", new ClientSecret("s3cret"))
                .withTimeouts(Duration.ofSeconds(2), requestTimeout);
        transport = HttpTransport.create(config.connectTimeout(), config.requestTimeout(), "test", CLOCK);
        api = new GoogleCalendarApi(config, transport, RetryingCaller.none());
        oauth = new GoogleOAuthApi(config, transport, CLOCK, new SecureRandom());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    enum Call {
        LIST(t -> t.api.listEvents(TOKEN, "primary", EventQuery.incremental("sync-1"), null)),
        GET(t -> t.api.getEvent(TOKEN, "primary", "e1")),
        INSERT(t -> t.api.insertEvent(
                TOKEN, "primary", EventDraft.builder().id("abc12345").build(), SendUpdates.ALL)),
        PATCH(t -> t.api.patchEvent(
                TOKEN, "primary", "e1", EventDraft.builder().summary("x").build(), "\"1\"", SendUpdates.ALL)),
        DELETE(t -> t.api.deleteEvent(TOKEN, "primary", "e1", null, SendUpdates.ALL)),
        REFRESH(t -> t.oauth.refresh(new RefreshToken("1//refresh")));

        final Function<GoogleErrorMappingTest, ApiResponse<?>> invoke;

        Call(Function<GoogleErrorMappingTest, ApiResponse<?>> invoke) {
            this.invoke = invoke;
        }
    }

    static Stream<Arguments> recordedErrors() {
        return Stream.of(
                Arguments.of("500-backendError.json", 500, Call.LIST, ErrorKind.TRANSIENT, "backendError"),
                Arguments.of("502-html.html", 502, Call.GET, ErrorKind.TRANSIENT, null),
                Arguments.of("429-rateLimitExceeded.json", 429, Call.LIST, ErrorKind.RATE_LIMITED, "rateLimitExceeded"),
                Arguments.of(
                        "429-resourceExhausted-detailsOnly.json",
                        429,
                        Call.LIST,
                        ErrorKind.RATE_LIMITED,
                        "RATE_LIMIT_EXCEEDED"),
                Arguments.of(
                        "403-rateLimitExceeded.json", 403, Call.INSERT, ErrorKind.RATE_LIMITED, "rateLimitExceeded"),
                Arguments.of(
                        "403-userRateLimitExceeded.json",
                        403,
                        Call.LIST,
                        ErrorKind.RATE_LIMITED,
                        "userRateLimitExceeded"),
                Arguments.of(
                        "403-rateLimit-detailsOnly.json", 403, Call.GET, ErrorKind.RATE_LIMITED, "RATE_LIMIT_EXCEEDED"),
                Arguments.of("403-quotaExceeded.json", 403, Call.INSERT, ErrorKind.FORBIDDEN, "quotaExceeded"),
                Arguments.of(
                        "403-forbiddenForNonOrganizer.json",
                        403,
                        Call.PATCH,
                        ErrorKind.FORBIDDEN,
                        "forbiddenForNonOrganizer"),
                Arguments.of(
                        "403-insufficientScopes-newEnvelope.json",
                        403,
                        Call.LIST,
                        ErrorKind.FORBIDDEN,
                        "insufficientPermissions"),
                Arguments.of("401-authError.json", 401, Call.GET, ErrorKind.UNAUTHORIZED, "authError"),
                Arguments.of("404-notFound.json", 404, Call.GET, ErrorKind.NOT_FOUND, "notFound"),
                Arguments.of("409-duplicate.json", 409, Call.INSERT, ErrorKind.CONFLICT, "duplicate"),
                Arguments.of(
                        "410-fullSyncRequired.json", 410, Call.LIST, ErrorKind.SYNC_TOKEN_INVALID, "fullSyncRequired"),
                Arguments.of(
                        "410-updatedMinTooLongAgo.json",
                        410,
                        Call.LIST,
                        ErrorKind.SYNC_TOKEN_INVALID,
                        "updatedMinTooLongAgo"),
                Arguments.of("410-deleted.json", 410, Call.DELETE, ErrorKind.ALREADY_DELETED, "deleted"),
                Arguments.of(
                        "412-conditionNotMet.json", 412, Call.PATCH, ErrorKind.PRECONDITION_FAILED, "conditionNotMet"),
                Arguments.of("400-timeRangeEmpty.json", 400, Call.LIST, ErrorKind.PERMANENT, "timeRangeEmpty"),
                Arguments.of("400-invalid_grant.json", 400, Call.REFRESH, ErrorKind.INVALID_GRANT, "invalid_grant"),
                Arguments.of("401-invalid_client.json", 401, Call.REFRESH, ErrorKind.UNAUTHORIZED, "invalid_client"));
    }

    @ParameterizedTest(name = "{0} on {2} -> {3}")
    @MethodSource("recordedErrors")
    void recordedErrorBodyMapsToItsKind(String file, int status, Call call, ErrorKind kind, String reason) {
        server.then(Answer.resource(status, "errors/" + file));

        ApiResponse<?> response = call.invoke.apply(this);

        assertThat(response.ok()).isFalse();
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.errorKind()).isEqualTo(kind);
        assertThat(response.error().reason()).isEqualTo(reason);
        assertThat(response.error().message()).isNotBlank();
        assertThat(response.body()).isNull();
    }

    @Test
    void goneWithoutReasonIsFullResyncOnReadAndAlreadyDeletedOnDelete() {
        server.then(Answer.json(410, "{}")).then(Answer.json(410, ""));

        assertThat(Call.LIST.invoke.apply(this).errorKind()).isEqualTo(ErrorKind.SYNC_TOKEN_INVALID);
        assertThat(Call.DELETE.invoke.apply(this).errorKind()).isEqualTo(ErrorKind.ALREADY_DELETED);
    }

    @Test
    void unlistedServerErrorWithEmptyBodyIsTransient() {
        server.then(Answer.json(503, ""));

        ApiResponse<?> response = Call.GET.invoke.apply(this);

        assertThat(response.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(response.error().reason()).isNull();
    }

    @Test
    void otherClientErrorIsPermanent() {
        server.then(Answer.json(422, "{\"error\":{\"code\":422,\"message\":\"odd\"}}"));

        assertThat(Call.INSERT.invoke.apply(this).errorKind()).isEqualTo(ErrorKind.PERMANENT);
    }

    @Test
    void successWithGarbageBodyIsInvalidResponse() {
        server.then(Answer.json(200, "<html>captive portal</html>"));

        ApiResponse<?> response = Call.GET.invoke.apply(this);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
        assertThat(response.errorKind().retryable()).isFalse();
    }

    @Test
    void successWithTruncatedJsonIsInvalidResponse() {
        server.then(Answer.json(200, "{\"kind\":\"calendar#events\",\"items\":[{\"id\":\"a\""));

        assertThat(Call.LIST.invoke.apply(this).errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
    }

    @Test
    void successWithEmptyBodyWhereOneIsExpectedIsInvalidResponse() {
        server.then(Answer.json(200, ""));

        assertThat(Call.GET.invoke.apply(this).errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
    }

    @Test
    void successWithUnreadableTimestampIsInvalidResponse() {
        server.then(Answer.resource(200, "responses/event-bad-updated.json"));

        ApiResponse<?> response = Call.GET.invoke.apply(this);

        assertThat(response.errorKind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
        assertThat(response.error().message()).contains("yesterday-ish");
    }

    @Test
    void retryAfterInSecondsIsReadIntoTheResponse() {
        server.then(Answer.resource(429, "errors/429-rateLimitExceeded.json").withHeader("Retry-After", "7"));

        ApiResponse<?> response = Call.LIST.invoke.apply(this);

        assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsHttpDateIsReadRelativeToTheClock() {
        server.then(Answer.resource(503, "errors/500-backendError.json")
                .withHeader("Retry-After", "Tue, 24 Nov 2026 10:01:30 GMT"));

        ApiResponse<?> response = Call.GET.invoke.apply(this);

        assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        server.then(Answer.resource(429, "errors/429-rateLimitExceeded.json").withHeader("Retry-After", "soon"));

        ApiResponse<?> response = Call.LIST.invoke.apply(this);

        assertThat(response.errorKind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(response.retryAfter()).isNull();
    }

    @Test
    void serverThatNeverAnswersTimesOutAsTransient() {
        useDeadline(Duration.ofMillis(500));
        server.then(Answer.neverAnswers());
        long started = System.nanoTime();

        ApiResponse<?> response = Call.GET.invoke.apply(this);

        assertThat(response.status()).isZero();
        assertThat(response.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void bodyThatStallsAfterTheHeadersTimesOutAsTransient() {
        useDeadline(Duration.ofMillis(500));
        server.then(Answer.stallsInBody("{\"kind\":\"calendar#events\",\"items\":["));
        long started = System.nanoTime();

        ApiResponse<?> response = Call.LIST.invoke.apply(this);

        assertThat(response.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void refusedConnectionIsTransient() {
        GoogleClientConfig config = GoogleClientConfig.forBaseUrl(
                java.net.URI.create("http://127.0.0.1:1"), "client-1", new ClientSecret("s3cret"));
        ApiResponse<?> response =
                new GoogleCalendarApi(config, transport, RetryingCaller.none()).getEvent(TOKEN, "primary", "e1");

        assertThat(response.status()).isZero();
        assertThat(response.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    }
}
