package com.madeup.calsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in dashboard user driven over plain HTTP: the same GETs and form POSTs (with the CSRF token
 * from each form) a browser sends. Redirects are followed by hand, so a hop to the emulator's consent
 * page and back is visible and checked.
 */
final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern HIDDEN_INPUT =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String dashboardUrl;
    private final HttpClient http;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final String email;
    private final String password;

    DashboardSession(String dashboardUrl, String email, String password) {
        this.dashboardUrl = dashboardUrl;
        this.email = email;
        this.password = password;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** Signs in through the login form; the dashboard answers with a redirect to the calendar view. */
    void signIn() {
        String token = csrfOf(get("/login"));
        HttpResponse<String> answer = postForm(
                dashboardUrl + "/login", List.of(Map.entry("username", email), Map.entry("password", password)), token);
        assertThat(answer.statusCode()).as("sign-in answer").isEqualTo(302);
        assertThat(location(answer))
                .as("sign-in redirect")
                .endsWith("/calendar")
                .doesNotContain("error");
    }

    /**
     * Connect Google: the dashboard sends the browser to the emulator's authorization endpoint, which
     * shows its account chooser; the user allows access for {@code account}; the emulator redirects
     * back to the dashboard's callback, which stores the tokens and lists the calendars.
     */
    void connectGoogle(String account) {
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(dashboardUrl + "/connect/google")));
        assertThat(start.statusCode()).as("connect start").isEqualTo(302);
        String authorizationUrl = location(start);
        assertThat(authorizationUrl)
                .contains("/o/oauth2/v2/auth?")
                .contains("code_challenge=")
                .contains("state=")
                .contains("access_type=offline");

        HttpResponse<String> consentPage = send(HttpRequest.newBuilder(URI.create(authorizationUrl)));
        assertThat(consentPage.statusCode()).as("consent page").isEqualTo(200);
        assertThat(consentPage.body()).contains("Choose an account").contains(account);

        List<Map.Entry<String, String>> fields = new ArrayList<>();
        Matcher hidden = HIDDEN_INPUT.matcher(consentPage.body());
        while (hidden.find()) {
            fields.add(Map.entry(hidden.group(1), unescapeHtml(hidden.group(2))));
        }
        fields.add(Map.entry("account", account));
        fields.add(Map.entry("email", ""));
        fields.add(Map.entry("action", "allow"));
        URI consentForm = URI.create(authorizationUrl).resolve("/o/oauth2/v2/auth");
        HttpResponse<String> allowed = postForm(consentForm.toString(), fields, null);
        assertThat(allowed.statusCode()).as("consent answer").isEqualTo(302);
        String callback = location(allowed);
        assertThat(callback).startsWith(dashboardUrl + "/connect/google/callback?");

        HttpResponse<String> connected = send(HttpRequest.newBuilder(URI.create(callback)));
        assertThat(connected.statusCode())
                .as("callback answer: %s", connected.body())
                .isEqualTo(302);
        assertThat(URI.create(location(connected)).getPath()).isEqualTo("/calendars");
    }

    /** The calendars page's rows: calendar row id by the summary shown. */
    Map<Long, String> listedCalendars() {
        String page = get("/calendars");
        Map<Long, String> calendars = new LinkedHashMap<>();
        Matcher row = Pattern.compile("name=\"picked\" value=\"(\\d+)\"").matcher(page);
        while (row.find()) {
            calendars.put(
                    Long.parseLong(row.group(1)), page.substring(row.end(), Math.min(page.length(), row.end() + 400)));
        }
        return calendars;
    }

    /** Ticks these calendars (and unticks the rest) and saves. */
    void pickCalendars(List<Long> calendarIds) {
        String token = csrfOf(get("/calendars"));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        calendarIds.forEach(id -> fields.add(Map.entry("picked", Long.toString(id))));
        HttpResponse<String> saved = postForm(dashboardUrl + "/calendars", fields, token);
        assertThat(saved.statusCode()).as("pick answer").isEqualTo(302);
    }

    /** The read API (HTTP Basic, as upstream apps call it): events overlapping [from, to). */
    List<JsonNode> apiEvents(String from, String to) {
        String credentials =
                Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = sendWithoutSession(
                HttpRequest.newBuilder(URI.create(dashboardUrl + "/api/calendar/events?from=" + from + "&to=" + to))
                        .header("Authorization", "Basic " + credentials));
        assertThat(answer.statusCode()).as("events API: %s", answer.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        json.readTree(answer.body()).get("events").forEach(events::add);
        return events;
    }

    /** The new-event form's options: value by label, for one select (calendarId, inviteeIds, matterId). */
    Map<String, String> formOptions(String select) {
        String page = get("/calendars_event/new");
        int start = page.indexOf("name=\"" + select + "\"");
        assertThat(start).as("select %s on the form", select).isNotNegative();
        String block = page.substring(start, page.indexOf("</select>", start));
        Map<String, String> options = new LinkedHashMap<>();
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>")
                .matcher(block);
        while (option.find()) {
            if (!option.group(1).isEmpty()) {
                options.put(unescapeHtml(option.group(2)).trim(), option.group(1));
            }
        }
        return options;
    }

    /** Submits the new-event form; returns the command page's path ({@code /commands/<id>}). */
    String createEvent(List<Map.Entry<String, String>> fields) {
        String token = csrfOf(get("/calendars_event/new"));
        HttpResponse<String> answer = postForm(dashboardUrl + "/calendars_event", fields, token);
        assertThat(answer.statusCode()).as("create answer: %s", answer.body()).isEqualTo(302);
        String path = URI.create(location(answer)).getPath();
        assertThat(path).startsWith("/commands/");
        return path;
    }

    /** Submits the edit form of event row {@code id}; returns the command page's path. */
    String updateEvent(long id, List<Map.Entry<String, String>> fields) {
        String token = csrfOf(get("/calendars_event/" + id + "/edit"));
        HttpResponse<String> answer = postForm(dashboardUrl + "/calendars_event/" + id, fields, token);
        assertThat(answer.statusCode()).as("update answer: %s", answer.body()).isEqualTo(302);
        return URI.create(location(answer)).getPath();
    }

    /** Presses delete on event row {@code id}; returns the command page's path. */
    String deleteEvent(long id) {
        String token = csrfOf(get("/calendars_event/" + id));
        HttpResponse<String> answer = postForm(dashboardUrl + "/calendars_event/" + id + "/delete", List.of(), token);
        assertThat(answer.statusCode()).as("delete answer: %s", answer.body()).isEqualTo(302);
        return URI.create(location(answer)).getPath();
    }

    /** What the command page polls: {@code {"outcome": "pending"|"applied"|..., "reason", ...}}. */
    JsonNode commandStatus(String commandPath) {
        return json.readTree(get(commandPath + "/status"));
    }

    /** The HTML of a dashboard page, which must answer 200. */
    String get(String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(dashboardUrl + path)));
        assertThat(answer.statusCode()).as("GET %s", path).isEqualTo(200);
        return answer.body();
    }

    /** A dashboard page's status code (no assertion). */
    int status(String path) {
        return send(HttpRequest.newBuilder(URI.create(dashboardUrl + path))).statusCode();
    }

    private HttpResponse<String> postForm(String url, List<Map.Entry<String, String>> fields, String csrfToken) {
        StringBuilder body = new StringBuilder();
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (csrfToken != null) {
            all.add(Map.entry("_csrf", csrfToken));
        }
        for (Map.Entry<String, String> field : all) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return exchange(http, request);
    }

    private HttpResponse<String> sendWithoutSession(HttpRequest.Builder request) {
        return exchange(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), request);
    }

    private static HttpResponse<String> exchange(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String csrfOf(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("a CSRF token in the form").isTrue();
        return token.group(1);
    }

    private static String location(HttpResponse<?> answer) {
        return answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
    }

    private static String unescapeHtml(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
