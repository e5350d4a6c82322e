package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.emulator.EmulatorHttp.Answer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventsApiTest {

    private static GoogleEmulator google;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorConfig.defaults().withQuotaPerUserPerMinute(0));
        http = new EmulatorHttp(google.baseUrl());
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    private static String insert(String token, String calendar, String json) {
        Answer answer = http.post("/calendar/v3/calendars/" + calendar + "/events", token, json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("id").asString();
    }

    private static String timed(String summary, int day) {
        return EmulatorHttp.event(
                summary, "2026-12-%02dT10:00:00+01:00".formatted(day), "2026-12-%02dT11:00:00+01:00".formatted(day));
    }

    /** Pages through a list; returns the items and checks nextSyncToken sits only on the last page. */
    private static List<JsonNode> listAll(String token, String calendar, String query, String[] syncTokenOut) {
        List<JsonNode> items = new ArrayList<>();
        String pageToken = null;
        do {
            Answer page = http.get(
                    "/calendar/v3/calendars/" + calendar + "/events?" + query
                            + (pageToken == null ? "" : "&pageToken=" + pageToken),
                    token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode json = page.json();
            assertThat(json.path("kind").asString()).isEqualTo("calendar#events");
            json.path("items").forEach(items::add);
            pageToken = json.has("nextPageToken") ? json.path("nextPageToken").asString() : null;
            if (pageToken != null) {
                assertThat(json.has("nextSyncToken")).isFalse();
            } else {
                assertThat(json.has("nextSyncToken")).isTrue();
                syncTokenOut[0] = json.path("nextSyncToken").asString();
            }
        } while (pageToken != null);
        return items;
    }

    @Test
    void fullSyncPagesThenIncrementalShowsChangesAndDeletions() {
        String token = http.account("paging@madeup.example");
        for (int i = 1; i <= 7; i++) {
            insert(token, "primary", timed("Event " + i, i));
        }
        String[] sync = new String[1];
        List<JsonNode> all = listAll(token, "primary", "maxResults=3", sync);
        assertThat(all).hasSize(7);
        assertThat(all).allSatisfy(e -> assertThat(e.path("etag").asString()).matches("\"\\d+\""));

        String changed = all.get(0).path("id").asString();
        String deleted = all.get(1).path("id").asString();
        Answer patch = http.send(
                "PATCH",
                "/calendar/v3/calendars/primary/events/" + changed,
                token,
                "{\"summary\":\"Renamed\"}",
                Map.of());
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().path("etag").asString())
                .isNotEqualTo(all.get(0).path("etag").asString());
        assertThat(http.send("DELETE", "/calendar/v3/calendars/primary/events/" + deleted, token, null, Map.of())
                        .status())
                .isEqualTo(204);
        String added = insert(token, "primary", timed("Added", 20));

        String[] next = new String[1];
        List<JsonNode> delta = listAll(token, "primary", "maxResults=2&syncToken=" + sync[0], next);
        assertThat(delta).extracting(e -> e.path("id").asString()).containsExactly(changed, deleted, added);
        JsonNode tombstone = delta.get(1);
        assertThat(tombstone.path("status").asString()).isEqualTo("cancelled");
        assertThat(tombstone.has("summary")).isFalse();
        assertThat(delta.get(0).path("summary").asString()).isEqualTo("Renamed");

        List<JsonNode> none = listAll(token, "primary", "syncToken=" + next[0], new String[1]);
        assertThat(none).isEmpty();
        // a deleted event is still readable and deleting it again is 410 deleted
        assertThat(http.get("/calendar/v3/calendars/primary/events/" + deleted, token)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("cancelled");
        Answer again = http.send("DELETE", "/calendar/v3/calendars/primary/events/" + deleted, token, null, Map.of());
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.reason()).isEqualTo("deleted");
        // full list without showDeleted leaves it out, with showDeleted it is there
        assertThat(listAll(token, "primary", "maxResults=100", new String[1])).hasSize(7);
        assertThat(listAll(token, "primary", "showDeleted=true", new String[1])).hasSize(8);
    }

    @Test
    void changesDuringAFullSyncAreNeverLost() {
        String token = http.account("moving@madeup.example");
        http.admin("POST", "/emulator/calendars/moving@madeup.example/generate", "{\"count\":300,\"seed\":9}");
        Set<String> seen = new HashSet<>();
        String pageToken = null;
        String syncToken = null;
        int page = 0;
        Set<String> expected = new HashSet<>();
        do {
            JsonNode json = http.get(
                            "/calendar/v3/calendars/primary/events?maxResults=50"
                                    + (pageToken == null ? "" : "&pageToken=" + pageToken),
                            token)
                    .json();
            json.path("items").forEach(e -> seen.add(e.path("id").asString()));
            pageToken = json.has("nextPageToken") ? json.path("nextPageToken").asString() : null;
            syncToken = json.has("nextSyncToken") ? json.path("nextSyncToken").asString() : null;
            if (page++ == 1) {
                // while paging: change events already seen and not yet seen, add one
                JsonNode all = http.get("/calendar/v3/calendars/primary/events?maxResults=2500", token)
                        .json();
                for (int i : new int[] {5, 120, 250, 299}) {
                    String id = all.path("items").path(i).path("id").asString();
                    http.admin(
                            "PATCH",
                            "/emulator/calendars/moving@madeup.example/events/" + id,
                            "{\"summary\":\"moved\"}");
                }
                expected.add(insert(token, "primary", timed("Added while paging", 2)));
            }
        } while (pageToken != null);
        JsonNode delta = http.get("/calendar/v3/calendars/primary/events?syncToken=" + syncToken, token)
                .json();
        delta.path("items").forEach(e -> seen.add(e.path("id").asString()));
        JsonNode now = http.get("/calendar/v3/calendars/primary/events?maxResults=2500", token)
                .json();
        now.path("items").forEach(e -> expected.add(e.path("id").asString()));
        assertThat(expected).hasSize(301);
        assertThat(seen).containsAll(expected);
        assertThat(delta.path("items").size()).isEqualTo(5);
    }

    @Test
    void syncTokenRejectsFilterParametersAndInvalidationAnswers410() {
        String token = http.account("tokens@madeup.example");
        insert(token, "primary", timed("One", 1));
        String[] sync = new String[1];
        listAll(token, "primary", "maxResults=10", sync);
        for (String forbidden : List.of(
                "timeMin=2026-01-01T00:00:00Z",
                "timeMax=2027-01-01T00:00:00Z",
                "updatedMin=2026-01-01T00:00:00Z",
                "q=x",
                "orderBy=updated",
                "iCalUID=a",
                "privateExtendedProperty=a%3Db",
                "sharedExtendedProperty=a%3Db")) {
            Answer answer =
                    http.get("/calendar/v3/calendars/primary/events?syncToken=" + sync[0] + "&" + forbidden, token);
            assertThat(answer.status()).as(forbidden).isEqualTo(400);
        }
        assertThat(http.get("/calendar/v3/calendars/primary/events?syncToken=" + sync[0], token)
                        .status())
                .isEqualTo(200);
        http.admin("POST", "/emulator/sync-tokens/invalidate", "{\"calendarId\":\"tokens@madeup.example\"}");
        Answer gone = http.get("/calendar/v3/calendars/primary/events?syncToken=" + sync[0], token);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.reason()).isEqualTo("fullSyncRequired");
        assertThat(gone.json()
                        .path("error")
                        .path("errors")
                        .path(0)
                        .path("domain")
                        .asString())
                .isEqualTo("calendar");
        assertThat(gone.json().path("error").path("code").asInt()).isEqualTo(410);
    }

    @Test
    void ifMatchDuplicateIdsAndNotFound() {
        String token = http.account("writes@madeup.example");
        Answer created = http.post(
                "/calendar/v3/calendars/primary/events",
                token,
                "{\"id\":\"clientid00001\",\"summary\":\"Mine\",\"start\":{\"date\":\"2026-12-24\"},"
                        + "\"end\":{\"date\":\"2026-12-25\"}}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("iCalUID").asString()).isEqualTo("clientid00001@google.com");
        assertThat(created.json().path("start").path("date").asString()).isEqualTo("2026-12-24");
        String etag = created.json().path("etag").asString();

        Answer duplicate = http.post(
                "/calendar/v3/calendars/primary/events",
                token,
                "{\"id\":\"clientid00001\",\"start\":{\"date\":\"2026-12-24\"},\"end\":{\"date\":\"2026-12-25\"}}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.reason()).isEqualTo("duplicate");
        Answer badId = http.post(
                "/calendar/v3/calendars/primary/events",
                token,
                "{\"id\":\"UPPER_case\",\"start\":{\"date\":\"2026-12-24\"},\"end\":{\"date\":\"2026-12-25\"}}");
        assertThat(badId.status()).isEqualTo(400);

        Answer ok = http.send(
                "PATCH",
                "/calendar/v3/calendars/primary/events/clientid00001",
                token,
                "{\"summary\":\"v2\"}",
                Map.of("If-Match", etag));
        assertThat(ok.status()).isEqualTo(200);
        Answer stale = http.send(
                "PUT",
                "/calendar/v3/calendars/primary/events/clientid00001",
                token,
                "{\"summary\":\"v3\",\"start\":{\"date\":\"2026-12-24\"},\"end\":{\"date\":\"2026-12-25\"}}",
                Map.of("If-Match", etag));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.reason()).isEqualTo("conditionNotMet");
        Answer staleDelete = http.send(
                "DELETE", "/calendar/v3/calendars/primary/events/clientid00001", token, null, Map.of("If-Match", etag));
        assertThat(staleDelete.status()).isEqualTo(412);

        Answer current = http.get("/calendar/v3/calendars/primary/events/clientid00001", token);
        Answer unchanged = http.send(
                "GET",
                "/calendar/v3/calendars/primary/events/clientid00001",
                token,
                null,
                Map.of("If-None-Match", current.json().path("etag").asString()));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(http.send(
                                "GET",
                                "/calendar/v3/calendars/primary/events/clientid00001",
                                token,
                                null,
                                Map.of("If-None-Match", etag))
                        .status())
                .isEqualTo(200);

        Answer missing = http.get("/calendar/v3/calendars/primary/events/nosuchevent", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.reason()).isEqualTo("notFound");
        assertThat(http.get("/calendar/v3/calendars/someone-else%40madeup.example/events", token)
                        .status())
                .isEqualTo(404);
        Answer emptyRange = http.get(
                "/calendar/v3/calendars/primary/events?timeMin=2026-12-02T00:00:00Z&timeMax=2026-12-01T00:00:00Z",
                token);
        assertThat(emptyRange.status()).isEqualTo(400);
        assertThat(emptyRange.reason()).isEqualTo("timeRangeEmpty");
    }

    @Test
    void attendeeCopyRejectsSharedChangesButAcceptsOwnResponse() {
        String token = http.account("guest@madeup.example");
        Answer copy = http.admin(
                "POST",
                "/emulator/calendars/guest@madeup.example/events?as=alice.adams@madeup.example",
                "{\"summary\":\"Alice's meeting\",\"start\":{\"dateTime\":\"2026-12-03T10:00:00Z\"},"
                        + "\"end\":{\"dateTime\":\"2026-12-03T11:00:00Z\"},\"attendees\":["
                        + "{\"email\":\"alice.adams@madeup.example\",\"responseStatus\":\"accepted\"},"
                        + "{\"email\":\"guest@madeup.example\"}]}");
        assertThat(copy.status()).isEqualTo(200);
        JsonNode event = copy.json();
        assertThat(event.path("organizer").path("email").asString()).isEqualTo("alice.adams@madeup.example");
        assertThat(event.path("organizer").has("self")).isFalse();
        assertThat(event.path("attendees").path(1).path("self").asBoolean()).isTrue();
        String id = event.path("id").asString();

        Answer put = http.send(
                "PUT",
                "/calendar/v3/calendars/primary/events/" + id,
                token,
                "{\"summary\":\"Hijacked\",\"start\":{\"dateTime\":\"2026-12-03T10:00:00Z\"},"
                        + "\"end\":{\"dateTime\":\"2026-12-03T11:00:00Z\"}}",
                Map.of());
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.reason()).isEqualTo("forbiddenForNonOrganizer");

        Answer ownResponse = http.send(
                "PATCH",
                "/calendar/v3/calendars/primary/events/" + id,
                token,
                "{\"attendees\":[{\"email\":\"alice.adams@madeup.example\",\"responseStatus\":\"accepted\"},"
                        + "{\"email\":\"guest@madeup.example\",\"responseStatus\":\"accepted\"}]}",
                Map.of());
        assertThat(ownResponse.status()).as(ownResponse.body()).isEqualTo(200);
        assertThat(ownResponse
                        .json()
                        .path("attendees")
                        .path(1)
                        .path("responseStatus")
                        .asString())
                .isEqualTo("accepted");
    }

    @Test
    void readerCalendarRejectsWritesAndCalendarListSyncsRemovals() {
        String token = http.account("reader@madeup.example");
        Answer entry = http.admin(
                "POST",
                "/emulator/accounts/reader@madeup.example/calendars",
                "{\"id\":\"holidays@group.calendar.madeup.example\",\"summary\":\"Holidays\",\"accessRole\":\"reader\"}");
        assertThat(entry.json().path("accessRole").asString()).isEqualTo("reader");
        String calendar = "holidays%40group.calendar.madeup.example";
        assertThat(http.admin(
                                "POST",
                                "/emulator/calendars/holidays@group.calendar.madeup.example/events",
                                "{\"summary\":\"Holiday\",\"start\":{\"date\":\"2026-12-25\"},\"end\":{\"date\":\"2026-12-26\"}}")
                        .status())
                .isEqualTo(200);
        Answer write = http.post("/calendar/v3/calendars/" + calendar + "/events", token, timed("Nope", 1));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.reason()).isEqualTo("requiredAccessLevel");
        Answer list = http.get("/calendar/v3/calendars/" + calendar + "/events", token);
        assertThat(list.json().path("accessRole").asString()).isEqualTo("reader");
        assertThat(list.json().path("items").path(0).path("end").path("date").asString())
                .isEqualTo("2026-12-26");

        Answer calendars = http.get("/calendar/v3/users/me/calendarList", token);
        assertThat(calendars.json().path("items")).hasSize(2);
        String sync = calendars.json().path("nextSyncToken").asString();
        assertThat(http.admin(
                                "DELETE",
                                "/emulator/accounts/reader@madeup.example/calendars/holidays@group.calendar.madeup.example",
                                null)
                        .status())
                .isEqualTo(204);
        Answer delta = http.get("/calendar/v3/users/me/calendarList?syncToken=" + sync, token);
        assertThat(delta.json().path("items")).hasSize(1);
        assertThat(delta.json().path("items").path(0).path("deleted").asBoolean())
                .isTrue();
        assertThat(http.get("/calendar/v3/calendars/" + calendar + "/events", token)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void recurringSeriesExpandsIntoInstancesWithGoogleIds() {
        String token = http.account("recurring@madeup.example");
        String id = insert(
                token,
                "primary",
                "{\"summary\":\"Weekly\",\"start\":{\"dateTime\":\"2026-12-07T09:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"end\":{\"dateTime\":\"2026-12-07T09:30:00\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"recurrence\":[\"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\"]}");
        List<JsonNode> instances = listAll(token, "primary", "singleEvents=true&orderBy=startTime", new String[1]);
        assertThat(instances)
                .extracting(e -> e.path("id").asString())
                .containsExactly(
                        id + "_20261207T080000Z",
                        id + "_20261209T080000Z",
                        id + "_20261214T080000Z",
                        id + "_20261216T080000Z");
        assertThat(instances.get(1).path("recurringEventId").asString()).isEqualTo(id);
        assertThat(instances.get(1).path("originalStartTime").path("dateTime").asString())
                .isEqualTo("2026-12-09T09:00:00+01:00");
        assertThat(instances.get(1).has("recurrence")).isFalse();

        String[] beforeCancel = new String[1];
        listAll(token, "primary", "singleEvents=true", beforeCancel);
        // cancel one instance: it becomes a cancelled exception
        assertThat(http.send(
                                "DELETE",
                                "/calendar/v3/calendars/primary/events/" + id + "_20261209T080000Z",
                                token,
                                null,
                                Map.of())
                        .status())
                .isEqualTo(204);
        List<JsonNode> delta =
                listAll(token, "primary", "singleEvents=true&syncToken=" + beforeCancel[0], new String[1]);
        assertThat(delta).hasSize(1);
        assertThat(delta.getFirst().path("id").asString()).isEqualTo(id + "_20261209T080000Z");
        assertThat(delta.getFirst().path("status").asString()).isEqualTo("cancelled");
        assertThat(delta.getFirst().path("recurringEventId").asString()).isEqualTo(id);
        assertThat(delta.getFirst().path("originalStartTime").path("dateTime").asString())
                .isEqualTo("2026-12-09T09:00:00+01:00");
        assertThat(delta.getFirst().has("summary")).isFalse();
        List<JsonNode> after = listAll(token, "primary", "singleEvents=true", new String[1]);
        assertThat(after).hasSize(3);
        List<JsonNode> series = listAll(token, "primary", "", new String[1]);
        assertThat(series)
                .extracting(e -> e.path("status").asString())
                .containsExactlyInAnyOrder("confirmed", "cancelled");
        Answer viaInstances = http.get("/calendar/v3/calendars/primary/events/" + id + "/instances", token);
        assertThat(viaInstances.json().path("items")).hasSize(3);

        // "this and following": trimming the rule reports the dropped instances as cancelled, one per page
        String[] beforeTrim = new String[1];
        listAll(token, "primary", "singleEvents=true", beforeTrim);
        Answer trimmed = http.send(
                "PATCH",
                "/calendar/v3/calendars/primary/events/" + id,
                token,
                "{\"recurrence\":[\"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=2\"]}",
                Map.of());
        assertThat(trimmed.status()).isEqualTo(200);
        List<JsonNode> trimDelta =
                listAll(token, "primary", "singleEvents=true&maxResults=1&syncToken=" + beforeTrim[0], new String[1]);
        assertThat(trimDelta)
                .filteredOn(e -> e.path("status").asString().equals("cancelled"))
                .extracting(e -> e.path("id").asString())
                .containsExactlyInAnyOrder(id + "_20261214T080000Z", id + "_20261216T080000Z");
        assertThat(trimDelta)
                .filteredOn(e -> e.path("status").asString().equals("confirmed"))
                .extracting(e -> e.path("id").asString())
                .containsExactly(id + "_20261207T080000Z");

        String allDay = insert(
                token,
                "primary",
                "{\"summary\":\"Monthly\",\"start\":{\"date\":\"2026-12-31\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"end\":{\"date\":\"2027-01-01\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"recurrence\":[\"RRULE:FREQ=MONTHLY;COUNT=3\"]}");
        Answer monthly = http.get("/calendar/v3/calendars/primary/events/" + allDay + "/instances", token);
        Set<String> ids = new HashSet<>();
        monthly.json().path("items").forEach(e -> ids.add(e.path("id").asString()));
        // RFC 5545: months without a 31st are skipped, COUNT counts real occurrences only
        assertThat(ids).containsExactlyInAnyOrder(allDay + "_20261231", allDay + "_20270131", allDay + "_20270331");
    }

    @Test
    void timeWindowFiltersOnEndAndStartExclusively() {
        String token = http.account("window@madeup.example");
        insert(token, "primary", EmulatorHttp.event("Morning", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z"));
        insert(token, "primary", EmulatorHttp.event("Noon", "2026-12-01T12:00:00Z", "2026-12-01T13:00:00Z"));
        List<JsonNode> items =
                listAll(token, "primary", "timeMin=2026-12-01T09:00:00Z&timeMax=2026-12-01T12:00:00Z", new String[1]);
        assertThat(items).isEmpty();
        items = listAll(token, "primary", "timeMin=2026-12-01T08:59:59Z&timeMax=2026-12-01T12:00:01Z", new String[1]);
        assertThat(items).hasSize(2);
    }

    @Test
    void quotaAnswersRateLimitExceededAndFaultsAreInjected() {
        try (GoogleEmulator limited = GoogleEmulator.start(
                EmulatorConfig.defaults().withQuotaPerUserPerMinute(3).withQuotaStatus(429))) {
            EmulatorHttp client = new EmulatorHttp(limited.baseUrl());
            String token = client.account("busy@madeup.example");
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/calendar/v3/calendars/primary/events", token)
                                .status())
                        .isEqualTo(200);
            }
            Answer limitedAnswer = client.get("/calendar/v3/calendars/primary/events", token);
            assertThat(limitedAnswer.status()).isEqualTo(429);
            assertThat(limitedAnswer.reason()).isEqualTo("rateLimitExceeded");
            assertThat(limitedAnswer
                            .json()
                            .path("error")
                            .path("errors")
                            .path(0)
                            .path("domain")
                            .asString())
                    .isEqualTo("usageLimits");
            client.admin("PUT", "/emulator/quota", "{\"perUserPerMinute\":1,\"status\":403}");
            client.get("/calendar/v3/calendars/primary/events", token);
            assertThat(client.get("/calendar/v3/calendars/primary/events", token)
                            .status())
                    .isEqualTo(403);
            client.admin("PUT", "/emulator/quota", "{\"perUserPerMinute\":0}");

            client.admin(
                    "POST",
                    "/emulator/faults",
                    "{\"status\":503,\"count\":2,\"method\":\"GET\",\"pathRegex\":\"/events$\",\"retryAfterSeconds\":7}");
            Answer fault = client.get("/calendar/v3/calendars/primary/events", token);
            assertThat(fault.status()).isEqualTo(503);
            assertThat(fault.header("Retry-After")).isEqualTo("7");
            assertThat(client.get("/calendar/v3/users/me/calendarList", token).status())
                    .isEqualTo(200);
            assertThat(client.get("/calendar/v3/calendars/primary/events", token)
                            .status())
                    .isEqualTo(503);
            assertThat(client.get("/calendar/v3/calendars/primary/events", token)
                            .status())
                    .isEqualTo(200);

            JsonNode stats = client.admin("GET", "/emulator/stats", null).json();
            assertThat(stats.path("calls").path("calendar.events.list").asInt()).isGreaterThanOrEqualTo(8);
            assertThat(stats.path("statuses").path("503").asInt()).isEqualTo(2);
        }
    }
}
