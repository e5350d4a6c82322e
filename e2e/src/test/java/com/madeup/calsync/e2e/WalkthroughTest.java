package com.madeup.calsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The README's walkthrough, step by step, against the stack that {@code ./run-local.sh} started: sign
 * in, connect the emulator's Google account through its consent page, pick calendars, watch the events
 * arrive, create, edit and delete one from the dashboard (written to Google by the outbound-writer), and
 * change one at Google and watch it arrive (push → webhook-ingress → Kafka → sync-worker → PostgreSQL).
 * Every part is a real process; nothing is published or stored by the test itself.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class WalkthroughTest {

    private static final String DEMO_USER = "demo@madeup.example";
    private static final String GOOGLE_ACCOUNT = "demo@madeup.example";
    private static final Duration SYNC_WAIT = Duration.ofSeconds(60);
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

    private final RunningStack stack;
    private final DashboardSession demo;
    private final Emulator emulator;
    private final String from = LocalDate.now().minusDays(30).toString();
    private final String to = LocalDate.now().plusDays(60).toString();
    private final String summary =
            "E2E planning " + UUID.randomUUID().toString().substring(0, 8);

    private String googleToken;
    private JsonNode created;

    WalkthroughTest(RunningStack stack) {
        this.stack = stack;
        this.demo = new DashboardSession(stack.dashboardUrl(), DEMO_USER, "demo");
        this.emulator = new Emulator(stack.emulatorUrl());
    }

    @BeforeAll
    void googleToken() {
        googleToken = emulator.accessToken(GOOGLE_ACCOUNT);
    }

    @Test
    @Order(1)
    void theLauncherPrintsTheDashboardUrlAndTheDemoSignIn() {
        String output = stack.launcherOutput();

        assertThat(output)
                .contains("calsync local stack is up")
                .contains("Dashboard:        " + stack.dashboardUrl())
                .contains("demo@madeup.example / demo");
        stack.appUrls().forEach((app, url) -> assertThat(output).contains(app));
    }

    @Test
    @Order(2)
    void signInAndConnectTheEmulatorsGoogleAccountThroughItsConsentPage() {
        demo.signIn();
        demo.connectGoogle(GOOGLE_ACCOUNT);

        Map<Long, String> calendars = demo.listedCalendars();
        assertThat(calendars).hasSize(3);
        assertThat(String.join(" ", calendars.values())).contains("Team Planning", "Company Holidays");
    }

    @Test
    @Order(3)
    void pickedCalendarsSyncEveryEventGoogleHas() {
        List<Long> all = new ArrayList<>(demo.listedCalendars().keySet());
        demo.pickCalendars(all);

        int atGoogle = 0;
        for (String calendarId : emulator.calendarIds(googleToken)) {
            atGoogle += emulator.countEvents(googleToken, calendarId, from + "T00:00:00Z", to + "T00:00:00Z");
        }
        assertThat(atGoogle).as("demo events in the window at Google").isGreaterThan(20);
        int expected = atGoogle;
        await("the full sync of the picked calendars")
                .atMost(SYNC_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(demo.apiEvents(from + "T00:00:00Z", to + "T00:00:00Z"))
                        .hasSize(expected));
        await("push channels for 3 calendars and the calendar list")
                .atMost(SYNC_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() ->
                        assertThat(emulator.state().get("channels").size()).isGreaterThanOrEqualTo(4));
    }

    @Test
    @Order(4)
    void createAnEventWithInviteesAndAMatterFromTheDashboard() {
        Map<String, String> calendars = demo.formOptions("calendarId");
        Map<String, String> persons = demo.formOptions("inviteeIds");
        Map<String, String> matters = demo.formOptions("matterId");
        assertThat(calendars.keySet())
                .as("writable calendars only")
                .noneMatch(label -> label.contains("Company Holidays"));
        assertThat(calendars).hasSize(2);
        // the primary calendar (the other writable one is "Team Planning")
        String calendarRow = calendars.entrySet().stream()
                .filter(option -> !option.getKey().contains("Team Planning"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        List<String> invitees = persons.values().stream().limit(2).toList();
        LocalDate day = LocalDate.now().plusDays(3);

        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(
                Map.entry("calendarId", calendarRow),
                Map.entry("summary", summary),
                Map.entry("location", "Room 4"),
                Map.entry("description", "Agenda <b>first</b>"),
                Map.entry("startDate", day.toString()),
                Map.entry("startTime", "10:00"),
                Map.entry("endDate", day.toString()),
                Map.entry("endTime", "11:00"),
                Map.entry("timeZone", "Europe/Berlin"),
                Map.entry("matterId", matters.values().iterator().next())));
        invitees.forEach(id -> form.add(Map.entry("inviteeIds", id)));
        String command = demo.createEvent(form);

        awaitOutcome(command, "applied");
        created = awaitApiEvent(event -> summary.equals(event.get("summary").asString()));
        JsonNode atGoogle = emulator.event(
                googleToken, GOOGLE_ACCOUNT, created.get("providerEventId").asString());
        assertThat(atGoogle).isNotNull();
        assertThat(atGoogle.get("summary").asString()).isEqualTo(summary);
        assertThat(atGoogle.get("location").asString()).isEqualTo("Room 4");
        assertThat(atGoogle.get("start").get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(atGoogle.get("attendees")).hasSize(2);
        assertThat(atGoogle.at("/extendedProperties/private").size()).isPositive();
    }

    @Test
    @Order(5)
    void editTheEventFromTheDashboard() {
        long id = created.get("id").asLong();
        LocalDate day = LocalDate.now().plusDays(3);
        String command = demo.updateEvent(
                id,
                List.of(
                        Map.entry("summary", summary + " (moved)"),
                        Map.entry("location", "Room 7"),
                        Map.entry("description", "Agenda"),
                        Map.entry("startDate", day.toString()),
                        Map.entry("startTime", "14:00"),
                        Map.entry("endDate", day.toString()),
                        Map.entry("endTime", "15:30"),
                        Map.entry("timeZone", "Europe/Berlin")));

        awaitOutcome(command, "applied");
        JsonNode atGoogle = emulator.event(
                googleToken, GOOGLE_ACCOUNT, created.get("providerEventId").asString());
        assertThat(atGoogle.get("summary").asString()).isEqualTo(summary + " (moved)");
        assertThat(atGoogle.get("location").asString()).isEqualTo("Room 7");
        assertThat(atGoogle.get("start").get("dateTime").asString()).contains("T14:00:00");
        assertThat(atGoogle.has("attendees") ? atGoogle.get("attendees").size() : 0)
                .as("invitees left out of the form are removed")
                .isZero();
        awaitApiEvent(
                event -> (summary + " (moved)").equals(event.get("summary").asString()));
    }

    @Test
    @Order(6)
    void deleteTheEventFromTheDashboard() {
        String command = demo.deleteEvent(created.get("id").asLong());

        awaitOutcome(command, "applied");
        JsonNode atGoogle = emulator.event(
                googleToken, GOOGLE_ACCOUNT, created.get("providerEventId").asString());
        assertThat(atGoogle == null
                        || "cancelled".equals(atGoogle.path("status").asString("")))
                .as("gone at Google: %s", atGoogle)
                .isTrue();
        await("the event to leave the dashboard")
                .atMost(COMMAND_WAIT)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(demo.apiEvents(from, to))
                        .noneMatch(event -> event.path("summary").asString("").startsWith(summary)));
        assertThat(demo.status("/calendars_event/" + created.get("id").asLong()))
                .isEqualTo(404);
    }

    @Test
    @Order(7)
    void aChangeMadeAtGoogleArrivesThroughPushIngressAndWorker() {
        JsonNode target = demo.apiEvents(from, to).stream()
                .filter(event -> event.get("calendarId").asString().equals(GOOGLE_ACCOUNT))
                .filter(event -> !event.get("allDay").asBoolean())
                .findFirst()
                .orElseThrow();
        String providerId = target.get("providerEventId").asString();
        String changed = "Changed at Google " + UUID.randomUUID().toString().substring(0, 8);
        long pushesBefore = emulator.stats().at("/push/succeeded").asLong();

        emulator.patchEvent(GOOGLE_ACCOUNT, providerId, Map.of("summary", changed));

        await("the change to reach the dashboard's store")
                .atMost(SYNC_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(demo.apiEvents(from, to))
                        .anyMatch(event -> changed.equals(event.get("summary").asString())));
        assertThat(emulator.stats().at("/push/succeeded").asLong())
                .as("the emulator pushed to webhook-ingress and was answered 200")
                .isGreaterThan(pushesBefore);
    }

    private void awaitOutcome(String commandPath, String outcome) {
        await("command " + commandPath + " to be " + outcome)
                .atMost(COMMAND_WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !demo.commandStatus(commandPath)
                        .get("outcome")
                        .asString()
                        .matches("pending|held"));
        JsonNode status = demo.commandStatus(commandPath);
        assertThat(status.get("outcome").asString())
                .as("command result %s", status)
                .isEqualTo(outcome);
    }

    private JsonNode awaitApiEvent(java.util.function.Predicate<JsonNode> match) {
        return await("the event in the dashboard's read API")
                .atMost(COMMAND_WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> demo.apiEvents(from, to).stream().filter(match).findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
