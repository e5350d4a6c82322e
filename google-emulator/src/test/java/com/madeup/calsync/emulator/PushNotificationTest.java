package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.emulator.EmulatorHttp.Answer;
import com.madeup.calsync.emulator.WebhookReceiver.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PushNotificationTest {

    private static GoogleEmulator google;
    private static EmulatorHttp http;
    private static WebhookReceiver webhook;

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorConfig.defaults()
                .withQuotaPerUserPerMinute(0)
                .withPushRetryInitialDelay(Duration.ofMillis(50)));
        http = new EmulatorHttp(google.baseUrl());
        webhook = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        google.close();
        webhook.close();
    }

    private static Answer watch(String token, String path, String channelId, String extra) {
        return http.post(
                path,
                token,
                "{\"id\":\"" + channelId + "\",\"type\":\"web_hook\",\"address\":\"" + webhook.address()
                        + "\",\"token\":\"target=calsync&v=1\"" + extra + "}");
    }

    private static void insertEvent(String token) {
        Answer answer = http.post(
                "/calendar/v3/calendars/primary/events",
                token,
                EmulatorHttp.event("Pushed", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void watchSendsSyncThenExistsWithGoogleHeaders() {
        String token = http.account("push@madeup.example");
        Answer channel = watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-events-1", "");
        assertThat(channel.status()).as(channel.body()).isEqualTo(200);
        JsonNode body = channel.json();
        assertThat(body.path("kind").asString()).isEqualTo("api#channel");
        assertThat(body.path("expiration").isString()).isTrue();
        long expiration = Long.parseLong(body.path("expiration").asString());
        assertThat(expiration)
                .isBetween(System.currentTimeMillis() + 604_000_000L, System.currentTimeMillis() + 604_900_000L);
        assertThat(body.path("resourceUri").asString())
                .isEqualTo(google.baseUrl() + "/calendar/v3/calendars/push%40madeup.example/events?alt=json");
        String resourceId = body.path("resourceId").asString();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-events-1").size() == 1);
        insertEvent(token);
        insertEvent(token);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-events-1").size() == 3);

        List<Notification> received = webhook.forChannel("chan-events-1");
        assertThat(received)
                .extracting(n -> n.header("X-Goog-Resource-State"))
                .containsExactly("sync", "exists", "exists");
        assertThat(received)
                .extracting(n -> Long.parseLong(n.header("X-Goog-Message-Number")))
                .as("numbers grow; the two changes' pushes may overlap and arrive in either order")
                .containsExactlyInAnyOrder(1L, 2L, 3L);
        Notification sync = received.getFirst();
        assertThat(sync.header("X-Goog-Channel-Token")).isEqualTo("target=calsync&v=1");
        assertThat(sync.header("X-Goog-Resource-ID")).isEqualTo(resourceId);
        assertThat(sync.header("X-Goog-Resource-URI"))
                .isEqualTo(body.path("resourceUri").asString());
        assertThat(sync.header("User-Agent")).startsWith("APIs-Google");
        assertThat(sync.header("Content-Length")).isEqualTo("0");
        assertThat(sync.bodyLength()).isZero();
        assertThat(ZonedDateTime.parse(sync.header("X-Goog-Channel-Expiration"), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant())
                .isEqualTo(Instant.ofEpochMilli(expiration / 1000 * 1000)
                        .atZone(ZoneOffset.UTC)
                        .toInstant());

        // the same resource gives the same resourceId on a second channel
        Answer second = watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-events-2", "");
        assertThat(second.json().path("resourceId").asString()).isEqualTo(resourceId);
        Answer reused = watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-events-2", "");
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.reason()).isEqualTo("channelIdNotUnique");
        assertThat(watch(token, "/calendar/v3/calendars/primary/events/watch", "x".repeat(65), "")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void serverErrorsAreRetriedInOrderAndOtherErrorsAreNot() {
        String token = http.account("retry@madeup.example");
        webhook.scriptedStatuses.add(503);
        webhook.scriptedStatuses.add(503);
        watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-retry", "");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-retry").size() == 3);
        insertEvent(token);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-retry").size() == 4);
        assertThat(webhook.forChannel("chan-retry"))
                .extracting(n -> n.header("X-Goog-Resource-State"))
                .containsExactly("sync", "sync", "sync", "exists");
        JsonNode stats = http.admin("GET", "/emulator/stats", null).json();
        assertThat(stats.path("push").path("retried").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void calendarListWatchHearsNewCalendars() {
        String token = http.account("listwatch@madeup.example");
        Answer channel = watch(token, "/calendar/v3/users/me/calendarList/watch", "chan-list", "");
        assertThat(channel.json().path("resourceUri").asString())
                .endsWith("/calendar/v3/users/me/calendarList?alt=json");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-list").size() == 1);
        http.admin("POST", "/emulator/accounts/listwatch@madeup.example/calendars", "{\"summary\":\"Second\"}");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-list").size() == 2);
        assertThat(webhook.forChannel("chan-list").get(1).header("X-Goog-Resource-State"))
                .isEqualTo("exists");
    }

    @Test
    void stopNeedsIdAndResourceIdAndEndsDeliveries() {
        String token = http.account("stop@madeup.example");
        String other = http.account("other@madeup.example");
        JsonNode channel = watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-stop", "")
                .json();
        String resourceId = channel.path("resourceId").asString();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-stop").size() == 1);

        assertThat(http.post("/calendar/v3/channels/stop", token, "{\"id\":\"chan-stop\"}")
                        .status())
                .isEqualTo(400);
        String stopBody = "{\"id\":\"chan-stop\",\"resourceId\":\"" + resourceId + "\"}";
        assertThat(http.post("/calendar/v3/channels/stop", other, stopBody).status())
                .isEqualTo(403);
        Answer stopped = http.post("/calendar/v3/channels/stop", token, stopBody);
        assertThat(stopped.status()).isEqualTo(204);
        assertThat(stopped.body()).isEmpty();
        assertThat(http.post("/calendar/v3/channels/stop", token, stopBody).status())
                .isEqualTo(404);

        insertEvent(token);
        JsonNode state = http.admin("GET", "/emulator/state", null).json();
        assertThat(state.path("channels").findValuesAsString("id")).doesNotContain("chan-stop");
        assertThat(webhook.forChannel("chan-stop")).hasSize(1);
    }

    @Test
    void expiredChannelsStopDelivering() {
        String token = http.account("expiry@madeup.example");
        JsonNode channel = watch(
                        token,
                        "/calendar/v3/calendars/primary/events/watch",
                        "chan-short",
                        ",\"params\":{\"ttl\":\"1\"}")
                .json();
        long expiration = Long.parseLong(channel.path("expiration").asString());
        assertThat(expiration - System.currentTimeMillis()).isLessThanOrEqualTo(1000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-short").size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > expiration);
        insertEvent(token);
        JsonNode state = http.admin("GET", "/emulator/state", null).json();
        assertThat(state.path("channels").findValuesAsString("id")).doesNotContain("chan-short");
        assertThat(webhook.forChannel("chan-short")).hasSize(1);
    }

    @Test
    void dropModeSwallowsDeliveriesAndHttpsIsRequiredForPublicAddresses() {
        String token = http.account("drop@madeup.example");
        http.admin("PUT", "/emulator/push", "{\"mode\":\"drop\"}");
        try {
            watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-drop", "");
            insertEvent(token);
            assertThat(http.admin("GET", "/emulator/stats", null)
                            .json()
                            .path("push")
                            .path("dropped")
                            .asInt())
                    .isGreaterThanOrEqualTo(2);
            assertThat(webhook.forChannel("chan-drop")).isEmpty();
        } finally {
            http.admin("PUT", "/emulator/push", "{\"mode\":\"deliver\"}");
        }
        Answer insecure = http.post(
                "/calendar/v3/calendars/primary/events/watch",
                token,
                "{\"id\":\"chan-http\",\"type\":\"web_hook\",\"address\":\"http://example.com/hook\"}");
        assertThat(insecure.status()).isEqualTo(400);
    }

    @Test
    void burstMakesSpreadOutChangesWithOnePushEach() {
        String token = http.account("burst@madeup.example");
        insertEvent(token);
        insertEvent(token);
        watch(token, "/calendar/v3/calendars/primary/events/watch", "chan-burst", "");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> webhook.forChannel("chan-burst").size() == 1);

        Answer burst = http.admin(
                "POST", "/emulator/calendars/burst@madeup.example/burst", "{\"changes\":20,\"durationMillis\":400}");

        assertThat(burst.status()).as(burst.body()).isEqualTo(200);
        assertThat(burst.json().path("changes").asInt()).isEqualTo(20);
        assertThat(burst.json().path("events").asInt()).isEqualTo(2);
        assertThat(burst.json().path("tookMillis").asLong()).isBetween(370L, 5000L);
        String lastId = burst.json().path("lastEventId").asString();
        Answer last = http.get("/calendar/v3/calendars/primary/events/" + lastId, token);
        assertThat(last.json().path("location").asString()).isEqualTo("burst 19");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> webhook.forChannel("chan-burst").size() == 21);
        assertThat(http.admin("POST", "/emulator/calendars/burst@madeup.example/burst", "{\"changes\":0}")
                        .status())
                .isEqualTo(400);
    }
}
