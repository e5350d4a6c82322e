package com.madeup.calsync.writer.command;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the emulator's {@code /emulator/} admin API over HTTP. */
final class EmulatorAdmin {

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    EmulatorAdmin(URI base) {
        this.base = base;
    }

    JsonNode post(String path, String body) {
        return send("POST", path, body);
    }

    JsonNode patch(String path, String body) {
        return send("PATCH", path, body);
    }

    JsonNode put(String path, String body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** Calls made to one Calendar method, e.g. {@code calendar.events.insert}. */
    long calls(String methodId) {
        JsonNode count = get("/emulator/stats").path("calls").path(methodId);
        return count.isMissingNode() ? 0 : count.asLong();
    }

    /**
     * {@code method=sendUpdates} of each write the emulator accepted for the event, oldest first
     * ({@code GET /emulator/writes}), e.g. {@code calendar.events.insert=all}.
     */
    List<String> sendUpdatesOf(String eventId) {
        List<String> writes = new ArrayList<>();
        for (JsonNode write : get("/emulator/writes").path("writes")) {
            if (eventId.equals(write.path("eventId").asString())) {
                writes.add(write.path("method").asString() + "="
                        + write.path("sendUpdates").asString());
            }
        }
        return writes;
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
