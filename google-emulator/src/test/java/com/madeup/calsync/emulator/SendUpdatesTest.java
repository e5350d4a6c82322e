package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.emulator.EmulatorHttp.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code sendUpdates} on event writes: checked like Google, and kept for {@code GET /emulator/writes}. */
class SendUpdatesTest {

    private static GoogleEmulator google;
    private static EmulatorHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorConfig.defaults());
        http = new EmulatorHttp(google.baseUrl());
        token = http.account("notify@madeup.example");
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    @BeforeEach
    void clearWrites() {
        assertThat(http.admin("DELETE", "/emulator/writes", null).status()).isEqualTo(204);
    }

    private static List<JsonNode> writes() {
        Answer answer = http.admin("GET", "/emulator/writes", null);
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> writes = new ArrayList<>();
        answer.json().path("writes").forEach(writes::add);
        return writes;
    }

    private static String event(String summary) {
        return EmulatorHttp.event(summary, "2026-12-01T10:00:00+01:00", "2026-12-01T11:00:00+01:00");
    }

    @Test
    void eachAcceptedWriteKeepsTheSendUpdatesItAskedFor() {
        Answer inserted = http.post("/calendar/v3/calendars/primary/events?sendUpdates=all", token, event("One"));
        String id = inserted.json().path("id").asString();
        String path = "/calendar/v3/calendars/primary/events/" + id;
        http.send("PATCH", path + "?sendUpdates=externalOnly", token, "{\"summary\":\"Two\"}", Map.of());
        http.send("PUT", path, token, event("Three"), Map.of());
        Answer deleted = http.send("DELETE", path + "?sendUpdates=none", token, null, Map.of());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(writes())
                .extracting(
                        write -> write.path("method").asString(),
                        write -> write.path("calendarId").asString(),
                        write -> write.path("eventId").asString(),
                        write -> write.path("sendUpdates").isNull()
                                ? null
                                : write.path("sendUpdates").asString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "calendar.events.insert", "notify@madeup.example", id, "all"),
                        org.assertj.core.groups.Tuple.tuple(
                                "calendar.events.patch", "notify@madeup.example", id, "externalOnly"),
                        org.assertj.core.groups.Tuple.tuple(
                                "calendar.events.update", "notify@madeup.example", id, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "calendar.events.delete", "notify@madeup.example", id, "none"));
    }

    @Test
    void anInvalidValueIs400AndWritesNothing() {
        Answer rejected =
                http.post("/calendar/v3/calendars/primary/events?sendUpdates=everyone", token, event("Never"));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).isEqualTo("invalid");
        assertThat(rejected.json()
                        .path("error")
                        .path("errors")
                        .path(0)
                        .path("location")
                        .asString())
                .isEqualTo("sendUpdates");
        assertThat(writes()).isEmpty();
        JsonNode listed =
                http.get("/calendar/v3/calendars/primary/events?q=Never", token).json();
        assertThat(listed.path("items")).isEmpty();
    }

    @Test
    void aRefusedWriteIsNotKept() {
        String id = http.post("/calendar/v3/calendars/primary/events?sendUpdates=all", token, event("Once"))
                .json()
                .path("id")
                .asString();
        Answer stale = http.send(
                "PATCH",
                "/calendar/v3/calendars/primary/events/" + id + "?sendUpdates=all",
                token,
                "{\"summary\":\"Late\"}",
                Map.of("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(writes())
                .extracting(write -> write.path("method").asString())
                .containsExactly("calendar.events.insert");
    }

    @Test
    void resetForgetsTheWrites() {
        http.post("/calendar/v3/calendars/primary/events", token, event("Forgotten"));
        assertThat(writes()).hasSize(1);

        http.admin("POST", "/emulator/reset", null);

        assertThat(writes()).isEmpty();
        token = http.account("notify@madeup.example");
    }
}
