package com.madeup.calsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The google-emulator seen from outside: its admin API (what "a change made at Google" means in the
 * walkthrough) and its Calendar v3 API with a token of the account (what Google holds).
 */
final class Emulator {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = JsonMapper.builder().build();

    Emulator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An access token of the account, minted by the admin API (the app's own tokens stay untouched). */
    String accessToken(String email) {
        return call("POST", "/emulator/accounts", Map.of("email", email), null)
                .get("accessToken")
                .asString();
    }

    /** The event as Google's events.get returns it, or null when Google answers 404. */
    JsonNode event(String accessToken, String calendarId, String eventId) {
        HttpResponse<String> answer = send(
                "GET",
                "/calendar/v3/calendars/" + encode(calendarId) + "/events/" + encode(eventId),
                null,
                accessToken);
        if (answer.statusCode() == 404) {
            return null;
        }
        assertThat(answer.statusCode()).as("events.get: %s", answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    /** Ids of the account's calendar list (Google's calendarList.list). */
    java.util.List<String> calendarIds(String accessToken) {
        HttpResponse<String> answer = send("GET", "/calendar/v3/users/me/calendarList", null, accessToken);
        assertThat(answer.statusCode())
                .as("calendarList.list: %s", answer.body())
                .isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        json.readTree(answer.body())
                .get("items")
                .forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    /** Non-cancelled single events of a calendar overlapping [timeMin, timeMax), over every page. */
    int countEvents(String accessToken, String calendarId, String timeMin, String timeMax) {
        int count = 0;
        String pageToken = null;
        do {
            String query = "?singleEvents=true&maxResults=2500&timeMin=" + encode(timeMin) + "&timeMax="
                    + encode(timeMax) + (pageToken == null ? "" : "&pageToken=" + encode(pageToken));
            HttpResponse<String> answer =
                    send("GET", "/calendar/v3/calendars/" + encode(calendarId) + "/events" + query, null, accessToken);
            assertThat(answer.statusCode()).as("events.list: %s", answer.body()).isEqualTo(200);
            JsonNode page = json.readTree(answer.body());
            for (JsonNode item : page.get("items")) {
                if (!"cancelled".equals(item.path("status").asString(""))) {
                    count++;
                }
            }
            pageToken =
                    page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asString() : null;
        } while (pageToken != null);
        return count;
    }

    /** A change "at Google": the admin API patches the event and the emulator pushes to the channels. */
    JsonNode patchEvent(String calendarId, String eventId, Map<String, Object> changes) {
        return call("PATCH", "/emulator/calendars/" + encode(calendarId) + "/events/" + encode(eventId), changes, null);
    }

    /** An event created "at Google" by the calendar's owner; the emulator pushes to the channels. */
    JsonNode createEvent(String calendarId, Map<String, Object> event) {
        return call("POST", "/emulator/calendars/" + encode(calendarId) + "/events", event, null);
    }

    /** The whole emulated world: accounts, calendars with their events, channels. */
    JsonNode state() {
        return call("GET", "/emulator/state", null, null);
    }

    /** The sendUpdates value Google received with each successful write of this event, oldest first. */
    java.util.List<String> sendUpdatesOf(String eventId) {
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode write : call("GET", "/emulator/writes", null, null).get("writes")) {
            if (eventId.equals(write.path("eventId").asString(""))) {
                values.add(write.get("method").asString() + "="
                        + write.path("sendUpdates").asString("(none)"));
            }
        }
        return values;
    }

    /** Call counts by API method, statuses, and push deliveries. */
    JsonNode stats() {
        return call("GET", "/emulator/stats", null, null);
    }

    private JsonNode call(String method, String path, Object body, String accessToken) {
        HttpResponse<String> answer = send(method, path, body, accessToken);
        assertThat(answer.statusCode() / 100)
                .as("%s %s: %s %s", method, path, answer.statusCode(), answer.body())
                .isEqualTo(2);
        return answer.body().isEmpty() ? json.nullNode() : json.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, Object body, String accessToken) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
