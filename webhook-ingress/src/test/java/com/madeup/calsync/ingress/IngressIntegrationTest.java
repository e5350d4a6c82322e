package com.madeup.calsync.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.model.Topics;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole app over HTTP against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "calsync.store.token-encryption.key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "calsync.ingress.command-clients[0].name=billing",
            "calsync.ingress.command-clients[0].token-sha256=" + IngressIntegrationTest.BILLING_TOKEN_SHA256
        })
@CalsyncEmbeddedKafka
class IngressIntegrationTest extends IngressHttpTestBase {

    static final String BILLING_TOKEN = "billing-secret-token";
    /** SHA-256 of {@link #BILLING_TOKEN}, as configured in production (no plaintext in config). */
    static final String BILLING_TOKEN_SHA256 = "35329d2f4490ba014cdcb0929f95411f0032259d43a2ce36ec1d7b53afc6e946";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
    }

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void configuredHashIsTheHashOfTheTestToken() {
        assertThat(HexFormat.of().formatHex(sha256(BILLING_TOKEN))).isEqualTo(BILLING_TOKEN_SHA256);
    }

    @Test
    void verifiedNotificationIsOnTheTopicKeyedByConnectionWhenAnswered200() throws Exception {
        IngressDatabase.Connection connection = db().newConnection();
        String channel = "chan-" + UUID.randomUUID();
        db().eventsChannel(connection, channel, "anna@example.com", "token-1");

        HttpResponse<String> response = notify(channel, "token-1", "exists", "165139", "");

        assertThat(response.statusCode()).isEqualTo(200);
        ConsumerRecord<String, String> record =
                recordsFor(Topics.CALENDAR_CHANGE_NOTIFIED, connection.id(), 1).getFirst();
        JsonNode json = jsonMapper.readTree(record.value());
        assertThat(json.path("meta").path("type").asString()).isEqualTo("calendar-change-notified");
        assertThat(json.path("meta").path("version").asInt()).isEqualTo(1);
        assertThat(json.path("meta").path("connectionId").asString())
                .isEqualTo(connection.id().toString());
        assertThat(json.path("resource").asString()).isEqualTo("events");
        assertThat(json.path("calendarId").asString()).isEqualTo("anna@example.com");
        assertThat(json.path("channelId").asString()).isEqualTo(channel);
        assertThat(json.path("resourceId").asString()).isEqualTo("resource-" + channel);
        assertThat(json.path("state").asString()).isEqualTo("exists");
        assertThat(json.path("messageNumber").asLong()).isEqualTo(165139);
        assertThat(json.path("channelExpiration").asString()).isEqualTo("2026-12-01T01:13:52Z");
        assertThat(record.headers().toArray()).as("no type headers").isEmpty();
        // Counted and timed by the ingress's own meters; Boot's request observation leaves notifications
        // out (it ends before the answer is sent, so it would be there by now).
        assertThat(meters.get("calsync.ingress.notifications")
                        .tag("outcome", "published")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("calsync.ingress.notification.publish").timer().count())
                .isPositive();
        assertThat(meters.find("http.server.requests")
                        .tag("uri", "/api/calendar/notifications/create")
                        .timer())
                .isNull();
        // ...while other requests still are: an event command without credentials, 401.
        assertThat(command(null, "{}").statusCode()).isEqualTo(401);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(meters.find("http.server.requests")
                                .tag("uri", "/api/calendar/event-commands")
                                .tag("status", "401")
                                .timer())
                        .isNotNull());
    }

    @Test
    void calendarListChannelPublishesACalendarListChange() throws Exception {
        IngressDatabase.Connection connection = db().newConnection();
        String channel = "list-" + UUID.randomUUID();
        db().calendarListChannel(connection, channel, "token-2");

        assertThat(notify(channel, "token-2", "exists", "2", "").statusCode()).isEqualTo(200);

        JsonNode json = jsonMapper.readTree(recordsFor(Topics.CALENDAR_CHANGE_NOTIFIED, connection.id(), 1)
                .getFirst()
                .value());
        assertThat(json.path("resource").asString()).isEqualTo("calendar_list");
        assertThat(json.has("calendarId")).isFalse();
    }

    @Test
    void wrongTokenUnknownChannelSyncAndBodyPublishNothing() throws Exception {
        IngressDatabase.Connection connection = db().newConnection();
        String channel = "chan-" + UUID.randomUUID();
        db().eventsChannel(connection, channel, "anna@example.com", "token-3");
        double syncs = outcome("sync");

        assertThat(notify(channel, "token-3-wrong", "exists", "5", "").statusCode())
                .isEqualTo(403);
        assertThat(notify(channel, null, "exists", "5", "").statusCode()).isEqualTo(403);
        assertThat(notify("no-such-channel", "token-3", "exists", "5", "").statusCode())
                .isEqualTo(404);
        assertThat(notify(channel, "token-3", "sync", "1", "").statusCode()).isEqualTo(200);
        HttpResponse<String> withBody = notify(channel, "token-3", "exists", "6", "{\"x\":1}");
        assertThat(withBody.statusCode()).isEqualTo(400);
        assertThat(withBody.body()).isEqualTo("notifications carry no body");

        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.CALENDAR_CHANGE_NOTIFIED, WAIT))
                .noneMatch(record -> record.key().equals(connection.id().toString()));
        assertThat(outcome("sync")).isEqualTo(syncs + 1);
    }

    @Test
    void justRegisteredChannelIsAcceptedAtOnceAndAStoppedOneStaysCachedUpToTheTtl() throws Exception {
        IngressDatabase.Connection connection = db().newConnection();
        String channel = "chan-" + UUID.randomUUID();

        assertThat(notify(channel, "token-4", "exists", "5", "").statusCode())
                .as("not registered yet")
                .isEqualTo(404);
        db().eventsChannel(connection, channel, "anna@example.com", "token-4");
        assertThat(notify(channel, "token-4", "exists", "6", "").statusCode())
                .as("failures are not cached")
                .isEqualTo(200);

        subscriptions.markStopped(channel);
        assertThat(notify(channel, "token-4", "exists", "7", "").statusCode())
                .as("documented trade-off: a verified channel is served from memory for up to 30 s")
                .isEqualTo(200);
        assertThat(notify(channel, "wrong", "exists", "8", "").statusCode())
                .as("a wrong token is never accepted from the cache")
                .isEqualTo(404);

        String stoppedBeforeFirstUse = "chan-" + UUID.randomUUID();
        db().eventsChannel(connection, stoppedBeforeFirstUse, "anna@example.com", "token-5");
        subscriptions.markStopped(stoppedBeforeFirstUse);
        assertThat(notify(stoppedBeforeFirstUse, "token-5", "exists", "2", "").statusCode())
                .isEqualTo(404);
        assertThat(recordsFor(Topics.CALENDAR_CHANGE_NOTIFIED, connection.id(), 2))
                .hasSize(2);
    }

    @Test
    void validCommandIsOnTheTopicWithUpstreamVia() throws Exception {
        UUID connection = UUID.randomUUID();
        UUID commandId = UUID.randomUUID();

        HttpResponse<String> response = command(BILLING_TOKEN, createJson(connection, commandId, "Client meeting"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(jsonMapper.readTree(response.body()).path("commandId").asString())
                .isEqualTo(commandId.toString());
        JsonNode published = jsonMapper.readTree(
                recordsFor(Topics.EVENT_COMMAND, connection, 1).getFirst().value());
        assertThat(published.path("action").asString()).isEqualTo("create");
        assertThat(published.path("commandId").asString()).isEqualTo(commandId.toString());
        assertThat(published.path("actor").path("via").asString()).isEqualTo("upstream:billing");
        assertThat(published.path("actor").path("userId").asLong()).isEqualTo(42);
        assertThat(published.path("draft").path("summary").asString()).isEqualTo("Client meeting");
    }

    @Test
    void badCommandsAreRefusedAndNothingIsPublished() throws Exception {
        UUID connection = UUID.randomUUID();

        assertThat(command("wrong-token", createJson(connection, UUID.randomUUID(), "x"))
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> unreadable = command(BILLING_TOKEN, "{\"action\": \"create\", \"meta\": 3}");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("meta");
        HttpResponse<String> tooLong =
                command(BILLING_TOKEN, createJson(connection, UUID.randomUUID(), "s".repeat(141)));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(jsonMapper
                        .readTree(tooLong.body())
                        .path("violations")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("draft.summary");

        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND, WAIT))
                .noneMatch(record -> record.key().equals(connection.toString()));
    }

    @Test
    void benchmarkEndpointIsOffByDefaultAndPrometheusIsExposed() throws Exception {
        HttpResponse<String> trivial = http.send(
                HttpRequest.newBuilder(uri("/bench/trivial"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trivial.statusCode()).isEqualTo(404);

        HttpResponse<String> prometheus = http.send(
                HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("calsync_ingress_notifications_total{outcome=\"published\"}");
    }

    /**
     * The records of {@code key}; they were acknowledged before the HTTP answer, so reading to the
     * current end finds them all.
     */
    private List<ConsumerRecord<String, String>> recordsFor(String topic, UUID key, int count) {
        List<ConsumerRecord<String, String>> records = TestKafka.readToEnd(bootstrapServers, topic, WAIT).stream()
                .filter(record -> record.key().equals(key.toString()))
                .toList();
        assertThat(records).hasSize(count);
        return records;
    }

    private HttpResponse<String> notify(String channel, String token, String state, String number, String body)
            throws IOException, InterruptedException {
        return http.send(
                PushRequests.notification(uri("/"), WAIT, channel, token, state, number, body),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> command(String token, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri("/api/calendar/event-commands"))
                        .timeout(WAIT)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double outcome(String outcome) {
        return meters.get("calsync.ingress.notifications")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    static String createJson(UUID connectionId, UUID commandId, String summary) {
        return jsonOf(Map.of("connectionId", connectionId, "commandId", commandId, "summary", summary));
    }

    private static String jsonOf(Map<String, Object> values) {
        return """
                {"action": "create",
                 "meta": {"messageId": "%s", "type": "event-command", "version": 1,
                          "occurredAt": "2026-11-24T10:02:11.538Z", "connectionId": "%s"},
                 "commandId": "%s",
                 "actor": {"userId": 42, "via": "dashboard"},
                 "calendarId": "anna.berger@madeup.example",
                 "draft": {"summary": "%s",
                           "start": {"dateTime": "2027-06-15T10:00:00+02:00", "timeZone": "Europe/Berlin"},
                           "end": {"dateTime": "2027-06-15T11:30:00+02:00", "timeZone": "Europe/Berlin"},
                           "invitees": []}}
                """.formatted(
                        UUID.randomUUID(), values.get("connectionId"), values.get("commandId"), values.get("summary"));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
