package com.madeup.calsync.provider.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's admin API (/emulator/...) over HTTP, for arranging test situations: accounts,
 * calendars, changes made "by someone else", faults, token revocation, stats.
 */
public final class EmulatorAdmin {

    /** An emulator account: its email is also its primary calendar id. */
    public record Account(String email, String accessToken, String refreshToken) {}

    private final URI baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public EmulatorAdmin(URI baseUrl) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    }

    public Account createAccount(String email) {
        JsonNode body = call("POST", "/emulator/accounts", object().put("email", email));
        return new Account(
                body.path("email").asString(),
                body.path("accessToken").asString(),
                body.path("refreshToken").asString());
    }

    /** Adds a secondary calendar to the account's list; returns its id. */
    public String createCalendar(String email, String summary, String accessRole) {
        ObjectNode request = object().put("summary", summary);
        if (accessRole != null) {
            request.put("accessRole", accessRole);
        }
        return call("POST", "/emulator/accounts/" + encode(email) + "/calendars", request)
                .path("id")
                .asString();
    }

    /** A change made at Google by someone else (sends push like Google). Returns the event JSON. */
    public JsonNode insertEvent(String calendarId, ObjectNode event) {
        return call("POST", "/emulator/calendars/" + encode(calendarId) + "/events", event);
    }

    public JsonNode patchEvent(String calendarId, String eventId, ObjectNode changes) {
        return call("PATCH", "/emulator/calendars/" + encode(calendarId) + "/events/" + encode(eventId), changes);
    }

    public void deleteEvent(String calendarId, String eventId) {
        call("DELETE", "/emulator/calendars/" + encode(calendarId) + "/events/" + encode(eventId), null);
    }

    public void generate(String calendarId, int count, long seed) {
        call(
                "POST",
                "/emulator/calendars/" + encode(calendarId) + "/generate",
                object().put("count", count).put("seed", seed));
    }

    public void revokeRefreshToken(String refreshToken) {
        call("POST", "/emulator/tokens/revoke", object().put("refreshToken", refreshToken));
    }

    public void expireAccessTokens(String email) {
        call("POST", "/emulator/access-tokens/expire", object().put("email", email));
    }

    public void invalidateSyncTokens(String calendarId) {
        call("POST", "/emulator/sync-tokens/invalidate", object().put("calendarId", calendarId));
    }

    /** The next {@code count} calls whose path matches fail with this status and reason. */
    public void fault(int status, String reason, int count, String pathRegex, Integer retryAfterSeconds) {
        ObjectNode fault = object().put("status", status).put("reason", reason).put("count", count);
        if (pathRegex != null) {
            fault.put("pathRegex", pathRegex);
        }
        if (retryAfterSeconds != null) {
            fault.put("retryAfterSeconds", retryAfterSeconds);
        }
        call("POST", "/emulator/faults", fault);
    }

    public void clearFaults() {
        call("DELETE", "/emulator/faults", null);
    }

    public void quota(int perUserPerMinute) {
        call("PUT", "/emulator/quota", object().put("perUserPerMinute", perUserPerMinute));
    }

    /** How often the emulator served a method id such as {@code calendar.events.get}. */
    public long calls(String methodId) {
        return call("GET", "/emulator/stats", null).path("calls").path(methodId).asLong(0);
    }

    /**
     * The event writes the emulator accepted, oldest first:
     * {@code {"method","calendarId","eventId","sendUpdates"}} each ({@code GET /emulator/writes}).
     */
    public JsonNode writes() {
        return call("GET", "/emulator/writes", null).path("writes");
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("emulator admin " + method + " " + path + " -> " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isBlank() ? object() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
