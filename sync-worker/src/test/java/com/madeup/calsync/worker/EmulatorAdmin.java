package com.madeup.calsync.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the emulator through its HTTP admin API (the emulator's contract), for tests and benchmarks. */
public final class EmulatorAdmin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EmulatorAdmin(URI base) {
        this.base = base;
    }

    public JsonNode post(String path, String json) {
        return send("POST", path, json);
    }

    public JsonNode patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public JsonNode put(String path, String json) {
        return send("PUT", path, json);
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    public long listCalls() {
        JsonNode calls = send("GET", "/emulator/stats", null).path("calls");
        return calls.path("calendar.events.list").asLong(0);
    }

    public JsonNode stats() {
        return send("GET", "/emulator/stats", null);
    }

    private JsonNode send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
