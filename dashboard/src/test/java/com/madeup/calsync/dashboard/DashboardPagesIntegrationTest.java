package com.madeup.calsync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.CommandOutcome;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.EventCommandResult;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResultReason;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.testsupport.TestKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

class DashboardPagesIntegrationTest extends DashboardTestBase {

    @Autowired
    MockMvc mvc;

    @Autowired
    ContractPublisher publisher;

    @Test
    void pagesNeedSignInAndSignInChecksTheBcryptHash() throws Exception {
        User alice = newUser("alice", false);
        mvc.perform(get("/calendar")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin("/login").user(alice.email()).password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user(alice.email()).password(PASSWORD)).andExpect(redirectedUrl("/calendar"));
        mvc.perform(get("/login"))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        User alice = newUser("alice", false);
        long calendarId = connectedCalendar(alice, alice.email());
        mvc.perform(post("/calendars_event")
                        .with(user(signedIn(alice)))
                        .param("calendarId", Long.toString(calendarId))
                        .param("summary", "no token"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aNonOrganizerCannotEditOrDeleteAndNothingIsSent() throws Exception {
        User bob = newUser("bob", false);
        long calendarId = connectedCalendar(bob, bob.email());
        long eventId = storedEvent(
                calendarId, "Someone else's meeting", null, false, Instant.now().plusSeconds(7200));

        String page = mvc.perform(get("/calendars_event/" + eventId).with(user(signedIn(bob))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Someone else&#39;s meeting")
                .contains("Read-only")
                .doesNotContain("id=\"edit-event\"");

        mvc.perform(get("/calendars_event/" + eventId + "/edit").with(user(signedIn(bob))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/calendars_event/" + eventId)
                        .with(user(signedIn(bob)))
                        .with(csrf())
                        .param("summary", "hijacked")
                        .param("startDate", "2030-01-01")
                        .param("endDate", "2030-01-01")
                        .param("startTime", "09:00")
                        .param("endTime", "10:00")
                        .param("timeZone", "UTC"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/calendars_event/" + eventId + "/delete")
                        .with(user(signedIn(bob)))
                        .with(csrf()))
                .andExpect(status().isForbidden());

        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND, Duration.ofSeconds(10)))
                .map(ConsumerRecord::value)
                .noneMatch(value -> value.contains("hijacked"))
                .noneMatch(value -> value.contains(
                        events.findById(eventId).orElseThrow().row().providerEventId()));

        // Another user cannot even see it; an admin may edit it.
        mvc.perform(get("/calendars_event/" + eventId).with(user(signedIn(newUser("carol", false)))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/calendars_event/" + eventId + "/edit").with(user(signedIn(newUser("root", true)))))
                .andExpect(status().isOk());
    }

    @Test
    void overLongSummaryIsShownAsAnErrorAndNotSent() throws Exception {
        User dana = newUser("dana", false);
        long calendarId = connectedCalendar(dana, dana.email());
        String tooLong = "x".repeat(141);
        String page = mvc.perform(post("/calendars_event")
                        .with(user(signedIn(dana)))
                        .with(csrf())
                        .param("calendarId", Long.toString(calendarId))
                        .param("summary", tooLong)
                        .param("startDate", "2030-01-01")
                        .param("startTime", "09:00")
                        .param("endDate", "2030-01-01")
                        .param("endTime", "08:00")
                        .param("timeZone", "Europe/Berlin"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("must be at most 140 characters, was 141").contains("must be after the start");
        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND, Duration.ofSeconds(10)))
                .map(ConsumerRecord::value)
                .noneMatch(value -> value.contains(tooLong));
    }

    @Test
    void creatingPublishesACommandAndShowsItsResultWhenTheWriterAnswers() throws Exception {
        User erin = newUser("erin", false);
        long calendarId = connectedCalendar(erin, erin.email());
        MvcResult created = mvc.perform(post("/calendars_event")
                        .with(user(signedIn(erin)))
                        .with(csrf())
                        .param("calendarId", Long.toString(calendarId))
                        .param("summary", "Planning " + erin.email())
                        .param("allDay", "true")
                        .param("startDate", "2030-01-01")
                        .param("endDate", "2030-01-02")
                        .param("timeZone", "Europe/Berlin"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/commands/");
        String commandId = location.substring("/commands/".length());

        ConsumerRecord<String, String> command =
                TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND, Duration.ofSeconds(10)).stream()
                        .filter(record -> record.value().contains(commandId))
                        .findFirst()
                        .orElseThrow();
        UUID connectionId = connections
                .findByUserIdAndProvider(erin.id(), "google")
                .orElseThrow()
                .id();
        assertThat(command.key()).isEqualTo(connectionId.toString());
        assertThat(command.value())
                .contains("\"action\":\"create\"")
                .contains("\"via\":\"dashboard\"")
                // The inclusive end date of the form becomes Google's exclusive end date.
                .contains("\"start\":{\"date\":\"2030-01-01\"}")
                .contains("\"end\":{\"date\":\"2030-01-03\"}");

        mvc.perform(get("/commands/" + commandId + "/status").with(user(signedIn(erin))))
                .andExpect(jsonPath("$.outcome").value("pending"));
        // Someone else cannot follow erin's command.
        mvc.perform(get("/commands/" + commandId + "/status").with(user(signedIn(newUser("frank", false)))))
                .andExpect(status().isNotFound());

        EventCommandResult rejected = new EventCommandResult(
                MessageMeta.create(
                        EventCommandResult.TYPE,
                        EventCommandResult.VERSION,
                        new ConnectionId(connectionId),
                        Clock.systemUTC(),
                        UUID::randomUUID),
                CommandId.of(commandId),
                CommandOutcome.REJECTED,
                ResultReason.CALENDAR_READ_ONLY,
                "the calendar is read-only",
                new CalendarId(erin.email()),
                null,
                null);
        publisher.publishAndWait(Topics.EVENT_COMMAND_RESULT, connectionId.toString(), rejected);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> mvc.perform(
                                get("/commands/" + commandId + "/status").with(user(signedIn(erin))))
                        .andExpect(jsonPath("$.outcome").value("rejected"))
                        .andExpect(jsonPath("$.reason").value("calendar_read_only")));
    }

    @Test
    void aScriptInADescriptionIsEscapedOrStripped() throws Exception {
        User gina = newUser("gina", false);
        long calendarId = connectedCalendar(gina, gina.email());
        long eventId = storedEvent(
                calendarId,
                "<b>bold</b> title",
                "Agenda <b>one</b><script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">",
                true,
                Instant.now().plusSeconds(3600));
        String page = mvc.perform(get("/calendars_event/" + eventId).with(user(signedIn(gina))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .doesNotContain("<script>window.__xss")
                .doesNotContain("onerror=\"window")
                .doesNotContain("<b>bold</b>")
                .contains("&lt;b&gt;bold&lt;/b&gt; title")
                .contains("Agenda <b>one</b>")
                .contains("&lt;script&gt;window.__xss=1&lt;/script&gt;");
    }

    @Test
    void theJsonApiAnswersBasicAuthAndRejectsBadRanges() throws Exception {
        User hugo = newUser("hugo", false);
        long calendarId = connectedCalendar(hugo, hugo.email());
        Instant start = LocalDate.of(2030, 3, 4)
                .atTime(10, 0)
                .atZone(ZoneId.of("Europe/Berlin"))
                .toInstant();
        storedEvent(calendarId, "API visible", "d", true, start);

        mvc.perform(get("/api/calendar/events").param("from", "2030-03-01").param("to", "2030-03-08"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/calendar/events")
                        .param("from", "2030-03-01")
                        .param("to", "2030-03-08")
                        .with(httpBasic(hugo.email(), PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events.length()").value(1))
                .andExpect(jsonPath("$.events[0].summary").value("API visible"))
                .andExpect(jsonPath("$.events[0].start").value("2030-03-04T09:00:00Z"));
        mvc.perform(get("/api/calendar/events")
                        .param("from", "yesterday")
                        .param("to", "2030-03-08")
                        .with(httpBasic(hugo.email(), PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("'from'")));
        mvc.perform(get("/api/calendar/events")
                        .param("from", "2030-03-08")
                        .param("to", "2030-03-01")
                        .with(httpBasic(hugo.email(), PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void syncHealthAsksToReconnectWhenTheConnectionNeedsReauth() throws Exception {
        User jane = newUser("jane", false);
        connectedCalendar(jane, jane.email());
        UUID connectionId = connections
                .findByUserIdAndProvider(jane.id(), "google")
                .orElseThrow()
                .id();
        String healthy = mvc.perform(get("/sync-health").with(user(signedIn(jane))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(healthy).contains("Work").contains("no channel").doesNotContain("Reconnect Google</a>");
        connections.updateStatus(
                connectionId,
                com.madeup.calsync.store.account.ConnectionStatus.NEEDS_REAUTH,
                "invalid_grant",
                Instant.now());
        String page = mvc.perform(get("/sync-health").with(user(signedIn(jane))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("needs_reauth").contains("Reconnect Google</a>");
    }

    @Test
    void fullResyncIsAskedForOnceWithinTheCoolDownAndOnlyForOnesOwnCalendar() throws Exception {
        User lena = newUser("lena", false);
        User max = newUser("max", false);
        long calendarId = connectedCalendar(lena, lena.email());
        UUID connectionId = connections
                .findByUserIdAndProvider(lena.id(), "google")
                .orElseThrow()
                .id();
        String resync = "/sync-health/calendars/" + calendarId + "/resync";
        assertThat(mvc.perform(get("/sync-health").with(user(signedIn(lena))))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("action=\"" + resync + "\"")
                .contains("name=\"_csrf\"");

        mvc.perform(post(resync).with(user(signedIn(lena))).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(
                        flash().attribute("notice", org.hamcrest.Matchers.startsWith("Full resync of Work asked for")));
        mvc.perform(post(resync).with(user(signedIn(lena))).with(csrf()))
                .andExpect(
                        flash().attribute("notice", org.hamcrest.Matchers.startsWith("A full sync of Work was asked")));
        mvc.perform(post(resync).with(user(signedIn(max))).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post(resync).with(user(signedIn(lena)))).andExpect(status().isForbidden()); // no CSRF token

        assertThat(syncRequestsOf(connectionId))
                .as("one request: the second came within the cool-down, the others were refused")
                .singleElement()
                .satisfies(json -> {
                    assertThat(json).contains("\"reason\":\"operator\"").contains("\"mode\":\"full\"");
                    assertThat(json).contains("\"calendarId\":\"" + lena.email() + "\"");
                });

        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // past the controller's cool-down
        try {
            mvc.perform(post(resync).with(user(signedIn(lena))).with(csrf()))
                    .andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("Full resync of Work")));
        } finally {
            clock.reset();
        }
        assertThat(syncRequestsOf(connectionId)).hasSize(2);
    }

    private List<String> syncRequestsOf(UUID connectionId) {
        return TestKafka.readToEnd(bootstrapServers, Topics.SYNC_REQUESTED, Duration.ofSeconds(10)).stream()
                .filter(record -> record.key().equals(connectionId.toString()))
                .map(ConsumerRecord::value)
                .toList();
    }

    @Test
    void aRefusedCodeOrACancelledConsentIsShownAndStoresNothing() throws Exception {
        User kim = newUser("kim", false);
        for (String[] answer : new String[][] {{"code", "not-a-code"}, {"error", "access_denied"}}) {
            MockHttpSession session = new MockHttpSession();
            String consent = mvc.perform(get("/connect/google").session(session).with(user(signedIn(kim))))
                    .andReturn()
                    .getResponse()
                    .getRedirectedUrl();
            String state = org.springframework.web.util.UriComponentsBuilder.fromUriString(consent)
                    .build()
                    .getQueryParams()
                    .getFirst("state");
            String page = mvc.perform(get("/connect/google/callback")
                            .session(session)
                            .with(user(signedIn(kim)))
                            .param("state", java.net.URLDecoder.decode(state, java.nio.charset.StandardCharsets.UTF_8))
                            .param(answer[0], answer[1]))
                    .andExpect(status().isBadRequest())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).contains(answer[0].equals("code") ? "Google did not accept the sign-in" : "access_denied");
        }
        assertThat(connections.findByUserIdAndProvider(kim.id(), "google")).isEmpty();
    }

    @Test
    void aCallbackWithAForeignStateIsRefusedAndStoresNothing() throws Exception {
        User ivan = newUser("ivan", false);
        MockHttpSession session = new MockHttpSession();
        String consent = mvc.perform(get("/connect/google").session(session).with(user(signedIn(ivan))))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(consent)
                .startsWith(GOOGLE.baseUrl() + "/o/oauth2/v2/auth")
                .contains("code_challenge_method=S256")
                .contains("access_type=offline")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A" + PORT + "%2Fconnect%2Fgoogle%2Fcallback");
        mvc.perform(get("/connect/google/callback")
                        .session(session)
                        .with(user(signedIn(ivan)))
                        .param("code", "stolen")
                        .param("state", "not-the-state"))
                .andExpect(status().isBadRequest());
        assertThat(connections.findByUserIdAndProvider(ivan.id(), "google")).isEmpty();
    }
}
