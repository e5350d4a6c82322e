package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Channel;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Google's own Java client against the emulator: proves the wire format is Google's. */
class GoogleClientConformanceTest {

    private static final String EMAIL = "conformance@madeup.example";
    private static GoogleEmulator google;
    private static EmulatorHttp http;
    private static Calendar calendar;

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorConfig.defaults().withQuotaPerUserPerMinute(0));
        http = new EmulatorHttp(google.baseUrl());
        String token = http.account(EMAIL);
        calendar = new Calendar.Builder(
                        new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(),
                        request -> request.getHeaders().setAuthorization("Bearer " + token))
                .setRootUrl(google.baseUrl() + "/")
                .setApplicationName("calsync-conformance")
                .build();
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    /** Full sync: pages until nextSyncToken, which must only appear on the last page. */
    private static String fullSync(List<Event> into) throws IOException {
        String pageToken = null;
        while (true) {
            Events page = calendar.events()
                    .list(EMAIL)
                    .setMaxResults(250)
                    .setPageToken(pageToken)
                    .execute();
            into.addAll(page.getItems());
            if (page.getNextPageToken() == null) {
                assertThat(page.getNextSyncToken()).isNotBlank();
                return page.getNextSyncToken();
            }
            assertThat(page.getNextSyncToken()).isNull();
            pageToken = page.getNextPageToken();
        }
    }

    private static List<Event> incremental(String syncToken, String[] nextOut) throws IOException {
        List<Event> items = new ArrayList<>();
        String pageToken = null;
        while (true) {
            Events page = calendar.events()
                    .list(EMAIL)
                    .setSyncToken(syncToken)
                    .setPageToken(pageToken)
                    .execute();
            items.addAll(page.getItems());
            if (page.getNextPageToken() == null) {
                nextOut[0] = page.getNextSyncToken();
                return items;
            }
            pageToken = page.getNextPageToken();
        }
    }

    @Test
    void fullSyncIncrementalSyncAndRecoveryFrom410() throws IOException {
        http.admin(
                "POST",
                "/emulator/calendars/" + EMAIL + "/generate",
                "{\"count\":600,\"seed\":3,\"withAttendees\":true}");
        List<Event> all = new ArrayList<>();
        String syncToken = fullSync(all);
        assertThat(all).hasSizeGreaterThanOrEqualTo(600);
        Event sample = all.get(10);
        assertThat(sample.getEtag()).startsWith("\"");
        assertThat(sample.getUpdated().getValue()).isPositive();
        assertThat(sample.getICalUID()).isEqualTo(sample.getId() + "@google.com");
        assertThat(sample.getOrganizer().getSelf()).isTrue();

        Event changed = all.get(0);
        Event gone = all.get(1);
        http.admin("PATCH", "/emulator/calendars/" + EMAIL + "/events/" + changed.getId(), "{\"summary\":\"Moved\"}");
        http.admin("DELETE", "/emulator/calendars/" + EMAIL + "/events/" + gone.getId(), null);
        String[] next = new String[1];
        List<Event> delta = incremental(syncToken, next);
        assertThat(delta).extracting(Event::getId).containsExactly(changed.getId(), gone.getId());
        assertThat(delta.get(1).getStatus()).isEqualTo("cancelled");
        assertThat(delta.get(0).getSummary()).isEqualTo("Moved");

        http.admin("POST", "/emulator/sync-tokens/invalidate", "{\"calendarId\":\"" + EMAIL + "\"}");
        assertThatThrownBy(() ->
                        calendar.events().list(EMAIL).setSyncToken(next[0]).execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(410);
                    assertThat(e.getDetails().getErrors().getFirst().getReason())
                            .isEqualTo("fullSyncRequired");
                });
        List<Event> again = new ArrayList<>();
        assertThat(fullSync(again)).isNotEqualTo(next[0]);
        assertThat(again).hasSize(all.size() - 1);
    }

    @Test
    void writesThroughTheClientAndIfMatchConflict() throws IOException {
        Event event = new Event()
                .setSummary("Written by Google's client")
                .setStart(new EventDateTime()
                        .setDateTime(new DateTime("2026-12-10T10:00:00+01:00"))
                        .setTimeZone("Europe/Berlin"))
                .setEnd(new EventDateTime()
                        .setDateTime(new DateTime("2026-12-10T11:00:00+01:00"))
                        .setTimeZone("Europe/Berlin"))
                .setAttendees(List.of(new EventAttendee().setEmail("bob.brown@madeup.example")))
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("matter_id", "M-42")));
        Event created = calendar.events()
                .insert("primary", event)
                .setSendUpdates("none")
                .execute();
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getExtendedProperties().getPrivate()).containsEntry("matter_id", "M-42");
        assertThat(created.getAttendees().getFirst().getResponseStatus()).isEqualTo("needsAction");

        // patch travels as POST + X-HTTP-Method-Override on this transport
        Event patched = calendar.events()
                .patch("primary", created.getId(), new Event().setLocation("Room Ada"))
                .execute();
        assertThat(patched.getLocation()).isEqualTo("Room Ada");
        assertThat(patched.getEtag()).isNotEqualTo(created.getEtag());

        Calendar.Events.Update stale =
                calendar.events().update("primary", created.getId(), created.setSummary("Stale"));
        stale.setRequestHeaders(new HttpHeaders().setIfMatch(created.getEtag()));
        assertThatThrownBy(stale::execute).isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(412);
            assertThat(e.getDetails().getErrors().getFirst().getReason()).isEqualTo("conditionNotMet");
        });

        calendar.events().delete("primary", created.getId()).execute();
        assertThatThrownBy(() ->
                        calendar.events().delete("primary", created.getId()).execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getDetails().getErrors().getFirst().getReason())
                                .isEqualTo("deleted"));

        List<CalendarListEntry> entries =
                calendar.calendarList().list().execute().getItems();
        assertThat(entries).extracting(CalendarListEntry::getId).contains(EMAIL);
        assertThat(entries.getFirst().getAccessRole()).isEqualTo("owner");
    }

    @Test
    void watchThroughTheClientDeliversPush() throws IOException {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            Channel channel = calendar.events()
                    .watch(
                            EMAIL,
                            new Channel()
                                    .setId("conformance-channel")
                                    .setType("web_hook")
                                    .setAddress(webhook.address())
                                    .setToken("t=1")
                                    .setParams(Map.of("ttl", "3600")))
                    .execute();
            assertThat(channel.getExpiration())
                    .isBetween(System.currentTimeMillis() + 3_500_000L, System.currentTimeMillis() + 3_600_000L);
            assertThat(channel.getResourceId()).isNotBlank();
            http.admin(
                    "POST",
                    "/emulator/calendars/" + EMAIL + "/events",
                    EmulatorHttp.event("Push me", "2026-12-11T10:00:00Z", "2026-12-11T11:00:00Z"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> webhook.forChannel("conformance-channel").size() >= 2);
            assertThat(webhook.forChannel("conformance-channel"))
                    .extracting(n -> n.header("X-Goog-Resource-State"))
                    .startsWith("sync", "exists");
            calendar.channels()
                    .stop(new Channel().setId(channel.getId()).setResourceId(channel.getResourceId()))
                    .execute();
        }
    }
}
